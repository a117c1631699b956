/**
 * The one builder of webview HTML: a strict CSP (`default-src 'none'`, scripts only by a fresh nonce,
 * styles and images only from the webview's own resource origin, no inline anything), the bundle and
 * stylesheet, and the initial data in an escaped `data-*` attribute (as VS Code's markdown preview
 * does), never in generated script. Pure, so the browser tests build their page with it too.
 */
export interface WebviewPage {
  /** webview.cspSource: the origin our resources are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** JSON-serializable data the page reads from `document.body.dataset.boot`. */
  boot?: unknown;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A random nonce (base64 of 16 random bytes) for one render. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval' lets the page compile WebAssembly (the engine's SIMD kernels); it allows no
    // JavaScript eval.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  const boot = page.boot === undefined ? '' : ` data-boot="${escapeAttribute(JSON.stringify(page.boot))}"`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">
<title>${escapeAttribute(page.title)}</title>
</head>
<body${boot}>
<main id="app" aria-live="polite"></main>
<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>
`;
}
