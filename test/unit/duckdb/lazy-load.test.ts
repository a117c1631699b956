// DuckDB is a native module: the extension's and the CLI's bundles may only require it lazily (inside
// the function --engine duckdb calls), never at load; the browser bundles never name it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const bundle = (name: string) => readFileSync(new URL(`../../../dist/${name}`, import.meta.url), 'utf8');

/** Every mention of the package, with the code just before it. */
function mentions(code: string): string[] {
  const found: string[] = [];
  for (let at = code.indexOf('@duckdb/node-api'); at >= 0; at = code.indexOf('@duckdb/node-api', at + 1))
    found.push(code.slice(Math.max(0, at - 30), at + 20));
  return found;
}

for (const name of ['extension.cjs', 'cli.cjs']) {
  test(`dist/${name} loads @duckdb/node-api only through a dynamic import()`, () => {
    const code = bundle(name);
    assert.doesNotMatch(
      code,
      /require\(["']@duckdb\/node-api["']\)/,
      'a require() runs when the bundle loads',
    );
    assert.doesNotMatch(code, /^import[^;]*["']@duckdb\/node-api["']/m, 'a static import');
    for (const context of mentions(code)) {
      // The lazy import() itself, or the message saying the module is missing.
      assert.match(
        context,
        /import\("@duckdb\/node-api"|needs the @duckdb\/node-api/,
        `unexpected reference: …${context}…`,
      );
    }
  });
}

for (const name of ['webview.js', 'explainer.js', 'images.js', 'renderer.js']) {
  test(`dist/${name} never names DuckDB`, () => {
    assert.deepEqual(mentions(bundle(name)), []);
  });
}
