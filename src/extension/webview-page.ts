/**
 * The extension's webview pages (the panel, the explainer, the image panel): each loads one bundle
 * from dist/ and the stylesheet from media/, through the one HTML/CSP builder.
 */
import * as vscode from 'vscode';
import { createNonce, webviewHtml } from '../shared/webview-html';

export type PageBundle = 'webview.js' | 'explainer.js' | 'images.js';

/** Scripts on; the page may load only the extension's dist/ and media/ folders. */
export function pageOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

export function pageHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  bundle: PageBundle,
  title: string,
): string {
  return webviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', bundle)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    title,
  });
}
