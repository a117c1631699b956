import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, webviewHtml } from '../../../src/shared/webview-html';

test('contentSecurityPolicy allows only nonce scripts and WebAssembly compilation, never eval or inline code', () => {
  const policy = contentSecurityPolicy('https://webview.example', 'abc123');
  const directives = Object.fromEntries(
    policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const),
  );
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], ["'nonce-abc123'", "'wasm-unsafe-eval'"]);
  assert.doesNotMatch(policy, /'unsafe-eval'|'unsafe-inline'/);
});

test('webviewHtml puts the policy and a fresh nonce on its one script', () => {
  const nonce = createNonce();
  const html = webviewHtml({
    cspSource: 'https://webview.example',
    nonce,
    scriptUri: 'https://webview.example/dist/webview.js',
    styleUri: 'https://webview.example/media/panel.css',
    title: 'T',
  });
  assert.ok(html.includes(`script-src &#39;nonce-${nonce}&#39; &#39;wasm-unsafe-eval&#39;`), html);
  assert.ok(html.includes(`<script nonce="${nonce}"`), html);
  assert.equal(html.match(/<script /g)?.length, 1);
  assert.notEqual(createNonce(), nonce);
});
