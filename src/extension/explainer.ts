/** The explainer view (BatchNorm vs LayerNorm, and why normalize): a webview from the one HTML builder. */
import * as vscode from 'vscode';
import { adviceLanguage } from '../engine/advise/messages';
import type { Framework, NormLayer } from '../engine/explain/conventions';
import type { ExplainerArray, ExplainerHostMessage, ExplainerWebviewMessage } from '../shared/protocol';
import { createNonce, webviewHtml } from '../shared/webview-html';

export function openExplainer(
  extensionUri: vscode.Uri,
  focus: { layer?: NormLayer; framework?: Framework; array?: ExplainerArray } = {},
): vscode.WebviewPanel {
  const roots = [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
  const title = vscode.l10n.t('NormScope: BatchNorm vs LayerNorm');
  const panel = vscode.window.createWebviewPanel('normscope.explainer', title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: roots,
  });
  const webview = panel.webview;
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'explainer.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    title,
  });
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
