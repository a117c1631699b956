// The notebook renderer's real `activate` in Chromium with a fake RendererContext and fake output items,
// as VS Code tests its own renderers: renders, re-renders, disposes, refuses bad payloads, no CSP
// violations (the page's CSP allows no inline style or script but our nonce), and its render time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { contentSecurityPolicy, createNonce } from '../../src/shared/webview-html';
import { NOTEBOOK_MIME } from '../../src/shared/notebook-payload';
import { closeBrowser, launchBrowser } from './harness';
import { themeCss } from './themes';
import { choiceValue, pickChoice } from '../helpers/elements';

const root = join(import.meta.dirname, '..', '..');
const screenshots = join(root, 'test-results', 'browser');
mkdirSync(screenshots, { recursive: true });
let server: Server;
let origin: string;

before(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      const nonce = createNonce();
      // As strict as our webviews, plus our origin for the module the nonce'd script imports (a nonce does
      // not carry over to imports); still no 'unsafe-inline' or 'unsafe-eval'. ?wasm=0 withholds
      // 'wasm-unsafe-eval' too, as a host whose CSP refuses WebAssembly.
      const refuseWasm = new URL(request.url ?? '/', 'http://x').searchParams.get('wasm') === '0';
      let csp = contentSecurityPolicy(origin, nonce).replace(
        `script-src 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}' ${origin}`,
      );
      if (refuseWasm) csp = csp.replace(" 'wasm-unsafe-eval'", '');
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/theme.css"></head><body class="vscode-dark"><div id="outputs"></div>
<script type="module" nonce="${nonce}">import { activate } from '/dist/renderer.js'; window.normscopeActivate = activate; document.body.dataset.ready = '1';</script></body></html>`);
    } else if (path === '/theme.css') {
      response.writeHead(200, { 'content-type': 'text/css' });
      response.end(themeCss('dark'));
    } else if (path === '/dist/renderer.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(join(root, 'dist/renderer.js')));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(async () => {
  await closeBrowser();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A page with the renderer activated against a fake context that records posted messages. */
async function rendererPage(
  withMessaging = true,
  wasm = true,
): Promise<{ page: Page; violations: () => Promise<string[]>; close: () => Promise<void> }> {
  const context = await (await launchBrowser()).newContext({ viewport: { width: 1000, height: 1300 } });
  const page = await context.newPage();
  await page.addInitScript({
    content: `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.__defined = {}; const define = customElements.define.bind(customElements); customElements.define = (name, ...rest) => { window.__defined[name] = (window.__defined[name] ?? 0) + 1; return define(name, ...rest); };`,
  });
  await page.goto(`${origin}/${wasm ? '' : '?wasm=0'}`);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
  await page.evaluate(`(async () => {
    window.__posted = [];
    const context = {
      workspace: { isTrusted: true },
      settings: { lineLimit: 30 },
      getState: () => undefined,
      setState: () => undefined,
      getRenderer: async () => undefined,
      ${withMessaging ? 'postMessage: (message) => window.__posted.push(message), onDidReceiveMessage: () => ({ dispose() {} }),' : ''}
    };
    window.__renderer = await window.normscopeActivate(context);
    window.__render = (id, json) => {
      let element = document.getElementById('output-' + id);
      if (!element) {
        element = document.createElement('div');
        element.id = 'output-' + id;
        document.getElementById('outputs').append(element);
      }
      const item = { id, mime: '${NOTEBOOK_MIME}', metadata: {}, json: () => JSON.parse(json), text: () => json, data: () => new TextEncoder().encode(json), blob: () => new Blob([json]) };
      const started = performance.now();
      window.__renderer.renderOutputItem(item, element);
      return started;
    };
  })()`);
  return {
    page,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    close: () => context.close(),
  };
}

function payload(values: number[], shape: number[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 1,
    kind: shape.length > 2 ? 'tensor' : 'table',
    shape,
    dtype: 'float64',
    data: Buffer.from(Float64Array.from(values).buffer).toString('base64'),
    ...extra,
  });
}

test('renderOutputItem draws before/after histograms and statistics computed in the output', async () => {
  const { page, violations, close } = await rendererPage();
  try {
    const values = Array.from({ length: 200 }, (_, i) => [i, (i % 7) * 10]).flat();
    await page.evaluate(
      ([json]) => (window as unknown as { __render(id: string, json: string): number }).__render('a', json),
      [
        payload(values, [200, 2], { columns: ['x', 'y'], title: 'df', request: { method: 'minmax' } }),
      ] as const,
    );
    await page.waitForFunction(
      () => document.querySelector('#output-a .normscope-output')?.getAttribute('data-charts') === '4',
    );
    const after = await page.$$eval('#output-a #stats-after tbody tr', (rows) =>
      rows.map((r) => [
        r.querySelector('th')!.textContent,
        r.querySelectorAll('td')[4].textContent,
        r.querySelectorAll('td')[8].textContent,
      ]),
    );
    assert.deepEqual(after, [
      ['x', '0', '1'],
      ['y', '0', '1'],
    ]);
    assert.equal(await page.textContent('#output-a h1'), 'df');
    // The same advice as the panel and the CLI: x (0..199) is an id, so the detail opens on y.
    const badges = await page.$$eval('#output-a #overview-grid tbody tr', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-column'),
        Array.from(r.querySelectorAll('.badge'), (b) => b.textContent),
      ]),
    );
    assert.deepEqual(badges[0], ['x', ['id-like']]);
    assert.equal(await page.textContent('#output-a #focus-title'), 'Distribution of y');
    assert.equal(await page.isVisible('#output-a #open-in-panel'), true);
    assert.equal(await page.isVisible('#output-a #export-csv'), false, 'no file writes from an output');
    await page.screenshot({ path: join(screenshots, 'renderer-dark.png') });
    assert.deepEqual(await violations(), []);
  } finally {
    await close();
  }
});

test('renderOutputItem re-renders an output in place and disposeOutputItem removes it; two outputs stay apart', async () => {
  const { page, violations, close } = await rendererPage();
  try {
    const render = (id: string, json: string) =>
      page.evaluate(
        ([i, j]) => (window as unknown as { __render(id: string, json: string): number }).__render(i, j),
        [id, json] as const,
      );
    await render('a', payload([1, 2, 3, 4], [4]));
    await render(
      'b',
      payload(
        Array.from({ length: 2 * 3 * 2 * 2 }, (_, i) => i),
        [2, 3, 2, 2],
        { request: { layer: 'batchnorm' } },
      ),
    );
    await page.waitForFunction(
      () => document.querySelector('#output-b .normscope-output')?.getAttribute('data-charts') === '2',
    );
    assert.deepEqual(
      await page.$$eval('#output-b #stats-after tbody th', (cells) => cells.map((c) => c.textContent)),
      ['C=0', 'C=1', 'C=2'],
    );
    await render('a', payload([10, 20, 30], [3], { request: { method: 'none' } }));
    await page.waitForFunction(
      () => document.querySelector('#output-a #stats-before tbody td')?.textContent === '3',
    );
    assert.equal(
      await page.$$eval('#output-a canvas', (c) => c.length),
      4,
      'the re-render replaced the old canvases',
    );
    await page.evaluate(() =>
      (
        window as unknown as { __renderer: { disposeOutputItem(id?: string): void } }
      ).__renderer.disposeOutputItem('a'),
    );
    assert.equal(await page.$$eval('#output-a canvas', (c) => c.length), 0);
    assert.equal(await page.$$eval('#output-b canvas', (c) => c.length), 4, 'the other output is untouched');
    await page.click('#output-b #open-in-panel');
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length === 1);
    const posted = await page.evaluate(
      () => (window as unknown as { __posted: { type: string }[] }).__posted,
    );
    assert.equal(posted[0].type, 'openInPanel');
    assert.deepEqual(await violations(), []);
  } finally {
    await close();
  }
});

test("the controls' custom elements are defined once however many outputs render, even by a second copy of the renderer", async () => {
  const { page, violations, close } = await rendererPage();
  try {
    const render = (id: string, json: string) =>
      page.evaluate(
        ([i, j]) => (window as unknown as { __render(id: string, json: string): number }).__render(i, j),
        [id, json] as const,
      );
    const table = payload(Array.from({ length: 60 }, (_, i) => [i % 9, (i * 7) % 11]).flat(), [60, 2], {
      columns: ['u', 'v'],
    });
    for (const id of ['a', 'b', 'c']) await render(id, table);
    await page.waitForFunction(
      () => document.querySelectorAll('.normscope-output[data-charts="4"]').length === 3,
    );
    // A second instance of the renderer module (as a reloaded renderer would be) defines nothing again.
    // A string, not a function: the test runner's transpiler would add helpers the page does not have.
    await page.evaluate(`(async () => {
      const again = await import('/dist/renderer.js?copy=2');
      await again.activate({ workspace: { isTrusted: true }, settings: {}, getState: () => undefined, setState: () => undefined });
    })()`);
    const defined = await page.evaluate(
      () => (window as unknown as { __defined: Record<string, number> }).__defined,
    );
    for (const tag of [
      'vscode-button',
      'vscode-single-select',
      'vscode-option',
      'vscode-checkbox',
      'vscode-textfield',
    ])
      assert.equal(defined[tag], 1, `${tag} defined once`);
    // Each output's controls are its own: picking a method in one recomputes that output only.
    const method = page.locator('#output-b #method');
    await pickChoice(method, 'minmax');
    await page.waitForFunction(
      () => document.querySelector('#output-b #stats-after tbody td:nth-child(6)')?.textContent === '0',
    );
    assert.equal(await choiceValue(page.locator('#output-a #method')), 'zscore');
    assert.equal(await choiceValue(page.locator('#output-c #method')), 'zscore');
    assert.deepEqual(await violations(), []);
  } finally {
    await close();
  }
});

test('renderOutputItem shows bad payloads as a clear message in place, and works without messaging', async () => {
  const { page, close } = await rendererPage(false);
  try {
    const render = (id: string, json: string) =>
      page.evaluate(
        ([i, j]) => (window as unknown as { __render(id: string, json: string): number }).__render(i, j),
        [id, json] as const,
      );
    await render('v', JSON.stringify({ version: 9, kind: 'table', shape: [1], dtype: 'float64', data: '' }));
    assert.match((await page.textContent('#output-v [role="alert"]')) ?? '', /unknown payload version 9/);
    await render('s', payload([1, 2], [3]));
    assert.match(
      (await page.textContent('#output-s [role="alert"]')) ?? '',
      /data holds 16 bytes, the shape needs 24/,
    );
    await render('j', '{not json');
    assert.ok(((await page.textContent('#output-j [role="alert"]')) ?? '').length > 0);
    await render('ok', payload([1, 2, 3], [3]));
    await page.waitForSelector('#output-ok #stats-after tbody tr');
    assert.equal(await page.isVisible('#output-ok #open-in-panel'), false, 'no extension, no open-in-panel');
  } finally {
    await close();
  }
});

test('renderOutputItem renders a 1-million-value output and reports the time it took', async () => {
  const { page, close } = await rendererPage();
  try {
    const values = Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i) * 100 + (i % 1000));
    const json = payload(values, [250_000, 4], { request: { method: 'zscore' } });
    const started = await page.evaluate(
      ([j]) => (window as unknown as { __render(id: string, json: string): number }).__render('big', j),
      [json] as const,
    );
    await page.waitForFunction(
      () => document.querySelector('#output-big .normscope-output')?.getAttribute('data-charts') === '4',
      undefined,
      { timeout: 60000 },
    );
    const elapsed = await page.evaluate((t) => performance.now() - t, started);
    process.stdout.write(
      `# renderer: 1,000,000 float64 values (payload ${(json.length / 1e6).toFixed(1)} MB) rendered in ${elapsed.toFixed(0)} ms\n`,
    );
    assert.ok(elapsed > 0);
  } finally {
    await close();
  }
});

/** Renders `json` as output `id`; resolves to ms from the call to the page's own drawing timestamp. */
async function timeRender(page: Page, id: string, json: string): Promise<number> {
  const startedAt = await page.evaluate(
    ([i, j]) => {
      const at = Date.now();
      (window as unknown as { __render(id: string, json: string): number }).__render(i, j);
      return at;
    },
    [id, json] as const,
  );
  const drawnAt = await page
    .waitForFunction(
      (i) => document.querySelector(`#output-${i} .normscope-output`)?.getAttribute('data-drawn-at'),
      id,
      { timeout: 120000 },
    )
    .catch(async (error: Error) => {
      const shown = await page.evaluate((i) => document.querySelector(`#output-${i}`)?.textContent, id);
      throw new Error(`${error.message}; output ${id} shows: ${shown?.slice(0, 300)}`);
    });
  return Number(await drawnAt.jsonValue()) - startedAt;
}

test('renderOutputItem normalizes 1- and 5-million-value float32 tensors on the WebAssembly kernels, and on the TypeScript ones where the CSP refuses them, with the same numbers', async () => {
  const sizes = [
    [1_000_000, [10, 16, 50, 125]],
    [5_000_000, [20, 16, 125, 125]],
  ] as const;
  const times: Record<string, number[]> = {};
  const tables: Record<string, string[]> = {};
  for (const wasm of [false, true]) {
    const { page, violations, close } = await rendererPage(true, wasm);
    const kernels = wasm ? 'wasm' : 'typescript';
    try {
      for (const [count, shape] of sizes) {
        const values = Float32Array.from({ length: count }, (_, i) => Math.sin(i * 0.37) * 3 + (i % 17) / 4);
        const json = JSON.stringify({
          version: 1,
          kind: 'tensor',
          shape,
          dtype: 'float32',
          data: Buffer.from(values.buffer).toString('base64'),
          request: { layer: 'batchnorm' },
        });
        for (let run = 0; run < 3; run++) {
          const id = `t${count}-${run}`;
          (times[`${kernels} ${count}`] ??= []).push(await timeRender(page, id, json));
          if (run === 0)
            (tables[kernels] ??= []).push(
              await page.evaluate((i) => document.querySelector(`#output-${i}`)!.textContent, id),
            );
        }
      }
      const seen = await violations();
      if (wasm) assert.deepEqual(seen, [], 'no CSP violation with wasm-unsafe-eval granted');
      else
        assert.ok(
          seen.length > 0 && seen.every((v) => v.startsWith('script-src') && v.includes('wasm-eval')),
          `only the refused WebAssembly compilation is reported: ${seen.join(', ')}`,
        );
      await page.screenshot({ path: join(screenshots, `renderer-5m-${kernels}.png`) });
    } finally {
      await close();
    }
  }
  assert.deepEqual(tables.wasm, tables.typescript, 'the same statistics either way');
  for (const [label, ms] of Object.entries(times)) {
    const sorted = [...ms].sort((a, b) => a - b);
    process.stdout.write(
      `# renderer, float32 BatchNorm, ${label} values: ${sorted.map((v) => v.toFixed(0)).join(' / ')} ms (decode + engine + charts)\n`,
    );
  }
});
