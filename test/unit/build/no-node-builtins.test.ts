import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { isNodeBuiltin, noNodeBuiltins } from '../../../scripts/no-node-builtins.mjs';

const plugin = () => noNodeBuiltins({ stubbedIn: ['web-tree-sitter'] });

const browserBuild = (entry: string) =>
  esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'silent',
    plugins: [plugin()],
  });

test('isNodeBuiltin names fs, fs/promises and node: specifiers, not packages', () => {
  assert.deepEqual(
    ['fs', 'fs/promises', 'node:path', 'node:test', 'worker_threads', 'vscode', 'chart.js', 'fsevents'].map(
      (specifier) => isNodeBuiltin(specifier),
    ),
    [true, true, true, true, true, false, false, false],
  );
});

test('noNodeBuiltins fails a browser build of the desktop entry, naming each built-in and its importer', async () => {
  const failure = await browserBuild('src/extension/extension.ts').then(
    () => assert.fail('the desktop entry bundled for the browser'),
    (error: esbuild.BuildFailure) => error,
  );
  const texts = failure.errors.map((e) => e.text);
  assert.ok(
    texts.includes(
      "the browser bundle imports the Node built-in 'node:worker_threads' (from src/io/node/line-formatter.ts); move it behind the desktop entry or src/extension/files/",
    ),
  );
  assert.ok(texts.some((t) => t.includes("'node:fs/promises' (from src/io/node/read-file.ts)")));
});

test('noNodeBuiltins lets the browser entry build, with no Node built-in and no DuckDB among its inputs', async () => {
  const { metafile } = await browserBuild('src/extension/extension-web.ts');
  // from node_modules/ on, also where node_modules is a symlink that resolves outside the checkout
  const inputs = Object.keys(metafile.inputs).map((path) =>
    path.includes('node_modules/') ? path.slice(path.indexOf('node_modules/')) : path,
  );
  assert.ok(inputs.includes('src/extension/files/workspace-files.ts'));
  assert.ok(inputs.includes('src/io/csv/csv-source.ts'));
  assert.ok(inputs.includes('src/io/csv/sniffer.ts'));
  assert.ok(inputs.includes('src/extension/read-as.ts'));
  assert.deepEqual(
    inputs.filter(
      (path) =>
        path.includes('/io/node/') ||
        path.startsWith('node:') ||
        path.startsWith('src/duckdb/') ||
        path === 'src/extension/duckdb-fit.ts' ||
        path.includes('@duckdb'),
    ),
    [],
  );
  // The readers that take bytes come along (Parquet, Arrow, JSON Lines, .npz, and the image decoder:
  // PNG, and JPEG and WebP in WebAssembly); the ones that need Node (exceljs, DuckDB) do not.
  for (const reader of [
    'formats/parquet',
    'formats/arrow',
    'formats/json-lines',
    'formats/npz',
    'images/decode-image',
    'images/png',
    'images/jpeg',
    'images/webp',
  ])
    assert.ok(inputs.includes(`src/io/${reader}.ts`), reader);
  const packages = new Set(
    inputs
      .filter((path) => path.startsWith('node_modules/'))
      .map((path) => {
        const parts = path.split('/');
        return parts.slice(1, parts[1].startsWith('@') ? 3 : 2).join('/');
      }),
  );
  assert.deepEqual(
    [...packages].sort(),
    [
      '@jsquash/jpeg',
      '@jsquash/webp',
      'apache-arrow',
      'fast-png',
      'fflate',
      'flatbuffers',
      'fzstd',
      'hyparquet',
      'hyparquet-compressors',
      'hyparquet-writer',
      'hysnappy',
      'iobuffer',
      'pako',
      'tslib',
      'web-tree-sitter',
    ].filter((name) => packages.has(name)),
  );
  for (const name of [
    '@jsquash/jpeg',
    '@jsquash/webp',
    'apache-arrow',
    'fast-png',
    'fflate',
    'hyparquet',
    'web-tree-sitter',
  ])
    assert.ok(packages.has(name), name);
  for (const name of ['exceljs', '@duckdb/node-api'])
    assert.ok(!packages.has(name), name);
  // Only web-tree-sitter's Node-only branch reaches for Node, and it gets the throwing stubs.
  assert.deepEqual(
    inputs.filter((path) => !path.startsWith('src/') && !path.startsWith('node_modules/')),
    ['node-builtin-stub:fs/promises', 'node-builtin-stub:module'],
  );
});
