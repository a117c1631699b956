/**
 * NormScope's notebook renderer for `application/vnd.normscope+json`: decodes the (untrusted) payload
 * with strict checks, runs the engine in the output and mounts the same panel view the extension uses,
 * one per output id, disposed (charts destroyed) on re-render and in disposeOutputItem. Errors render
 * in place as text.
 */
import type { ActivationFunction } from 'vscode-notebook-renderer';
import panelCss from '../../media/panel.css';
import { enableWasmKernels } from '../engine/layers/wasm-kernels';
import { decodeNotebookPayload } from '../shared/notebook-payload';
import type { RendererMessage } from '../shared/protocol';
import { PanelView } from '../webview/main';
import { LocalHost } from './local-host';

let sheet: CSSStyleSheet | undefined;

/**
 * The panel's stylesheet, scoped to our outputs so the notebook around them is untouched, adopted as a
 * constructed stylesheet: no <style> element, so no 'unsafe-inline' in any CSP.
 */
function ensureStyles(): void {
  if (sheet) return;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(`.normscope-output { ${panelCss.replace(/(^|}|\*\/)\s*body\s*\{/g, '$1 & {')} }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

export const activate: ActivationFunction = async (context) => {
  ensureStyles();
  // The layers' WebAssembly SIMD kernels, where the page's CSP grants 'wasm-unsafe-eval' (VS Code's
  // notebook webview does); refused, the engine keeps its TypeScript kernels (the same bits).
  await enableWasmKernels();
  const views = new Map<string, PanelView>();
  const dispose = (id: string) => {
    views.get(id)?.dispose();
    views.delete(id);
  };
  const messaging = context.postMessage
    ? { postMessage: (message: RendererMessage) => context.postMessage!(message) }
    : {};
  return {
    renderOutputItem(item, element) {
      dispose(item.id);
      const root = document.createElement('div');
      root.className = 'normscope-output';
      element.replaceChildren(root);
      try {
        const decoded = decodeNotebookPayload(item.json());
        views.set(item.id, new PanelView(root, new LocalHost(decoded, messaging).transport));
      } catch (error) {
        const message = document.createElement('p');
        message.className = 'normscope-error';
        message.setAttribute('role', 'alert');
        message.textContent = error instanceof Error ? error.message : String(error);
        root.replaceChildren(message);
      }
    },
    disposeOutputItem(id) {
      if (id === undefined) for (const key of [...views.keys()]) dispose(key);
      else dispose(id);
    },
  };
};
