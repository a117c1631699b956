/** The explainer view (BatchNorm vs LayerNorm, and why normalize): a webview from the one HTML builder. */
import * as vscode from 'vscode';
import { adviceLanguage } from '../engine/advise/messages';
import type { Framework, NormLayer } from '../engine/explain/conventions';
import type { ExplainerArray, ExplainerHostMessage, ExplainerWebviewMessage } from '../shared/protocol';
import { pageHtml, pageOptions } from './webview-page';

export function openExplainer(
  extensionUri: vscode.Uri,
  focus: { layer?: NormLayer; framework?: Framework; array?: ExplainerArray } = {},
): vscode.WebviewPanel {
  const title = vscode.l10n.t('NormScope: BatchNorm vs LayerNorm');
  const panel = vscode.window.createWebviewPanel(
    'normscope.explainer',
    title,
    vscode.ViewColumn.Beside,
    pageOptions(extensionUri),
  );
  const webview = panel.webview;
  webview.html = pageHtml(webview, extensionUri, 'explainer.js', title);
  const init: ExplainerHostMessage = {
    type: 'explainerInit',
    // The explainer draws the four statistics-based norms (RMSNorm as LayerNorm); unit norm has no statistic.
    layer: focus.layer && focus.layer !== 'unitnorm' ? focus.layer : 'batchnorm',
    framework: focus.framework ?? 'torch',
    array: focus.array,
    language: adviceLanguage(vscode.env.language),
  };
  const listener = webview.onDidReceiveMessage((message: ExplainerWebviewMessage) => {
    if (message?.type === 'ready') void webview.postMessage(init);
  });
  panel.onDidDispose(() => {
    listener.dispose();
  });
  return panel;
}
