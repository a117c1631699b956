/**
 * The image panel: a webview from the one HTML builder (strict CSP, fresh nonce, resources only from
 * dist/ and media/) showing an image or image folder's per-channel statistics, before and after each
 * transform. Messages are validated and handed to the ImagePanelController; the host posts nothing until
 * the page says `ready`.
 */
import * as vscode from 'vscode';
import { adviceLanguage } from '../engine/advise/messages';
import type { ImageFolderStats } from '../io/images/folder-stats';
import { isImageWebviewMessage, type ImageHostMessage } from '../shared/image-protocol';
import { ImagePanelController, imagePanelInit } from './image-panel-controller';
import { showImageStatisticsText } from './image-statistics-text';
import { pageHtml, pageOptions } from './webview-page';

export class ImagePanel implements vscode.Disposable {
  static readonly viewType = 'normscope.images';
  private readonly disposables: vscode.Disposable[] = [];
  readonly controller: ImagePanelController;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    where: string,
    result: ImageFolderStats,
    decoders: string,
  ) {
    const webview = panel.webview;
    webview.html = pageHtml(webview, extensionUri, 'images.js', vscode.l10n.t('NormScope: {0}', where));
    this.controller = new ImagePanelController(
      imagePanelInit(where, result, decoders, adviceLanguage(vscode.env.language)),
      {
        post: (message: ImageHostMessage) => Promise.resolve(webview.postMessage(message)),
        copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
        openMarkdown: () => showImageStatisticsText(where, result),
      },
    );
    webview.onDidReceiveMessage(
      (message: unknown) => {
        if (isImageWebviewMessage(message)) void this.controller.handle(message);
      },
      undefined,
      this.disposables,
    );
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  /** Opens the panel beside the active editor on `result`, the statistics of `where`. */
  static open(
    extensionUri: vscode.Uri,
    where: string,
    result: ImageFolderStats,
    decoders: string,
  ): ImagePanel {
    const panel = vscode.window.createWebviewPanel(
      ImagePanel.viewType,
      vscode.l10n.t('NormScope: {0}', where),
      vscode.ViewColumn.Beside,
      pageOptions(extensionUri),
    );
    return new ImagePanel(panel, extensionUri, where, result, decoders);
  }

  dispose(): void {
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
