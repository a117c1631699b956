/**
 * The NormScope panel: a webview whose HTML comes from the one builder (strict CSP, fresh nonce), whose
 * messages are validated and handed to the PanelController, and whose resources load only from dist/
 * and media/. The host posts nothing until the webview says `ready`.
 */
import * as vscode from 'vscode';
import { pageHtml, pageOptions } from './webview-page';
import { isWebviewMessage, type HostMessage } from '../shared/protocol';
import { PanelController } from './panel-controller';
import type { PanelSource } from './panel-source';
import type { Host } from './host';
import { nameOf, uriOf } from './files/file-names';

export class NormalizationPanel implements vscode.Disposable {
  static readonly viewType = 'normscope.panel';
  private readonly disposables: vscode.Disposable[] = [];
  readonly controller: PanelController;
  /** Whether the user closed it (a late refinement then has nowhere to go). */
  disposed = false;
  private leftView!: () => void;
  /** Resolves when the user closes the panel or moves it out of sight before its page has loaded. */
  readonly outOfSight = new Promise<void>((resolve) => (this.leftView = resolve));

  constructor(
    private readonly panel: vscode.WebviewPanel,
    host: Host,
    source: PanelSource,
    editor?: { uri: vscode.Uri; selection: vscode.Selection },
  ) {
    const webview = panel.webview;
    const extensionUri = host.extensionUri;
    webview.options = pageOptions(extensionUri);
    webview.html = pageHtml(
      webview,
      extensionUri,
      'webview.js',
      vscode.l10n.t('NormScope: {0}', source.init.title),
    );
    this.controller = new PanelController(source, {
      post: (message: HostMessage) => Promise.resolve(webview.postMessage(message)),
      files: host.files,
      saveLocation: async (suggestedName, extension) => {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const uri = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
          filters: { [extension.toUpperCase()]: [extension] },
          saveLabel: vscode.l10n.t('Save'),
        });
        return uri && nameOf(uri);
      },
      confirmWrite: async (target) => {
        if (vscode.workspace.isTrusted) return true;
        const write = vscode.l10n.t('Write');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('This workspace is not trusted. Write {0}?', target),
          { modal: true },
          write,
        );
        return answer === write;
      },
      copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
      replaceSelection: async (text) => {
        if (!editor) return false;
        const document = await vscode.workspace.openTextDocument(editor.uri);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, editor.selection, text);
        return vscode.workspace.applyEdit(edit);
      },
      l10n: vscode.l10n,
      reveal: (path) => void vscode.commands.executeCommand('revealInExplorer', uriOf(path)),
    });
    webview.onDidReceiveMessage(
      (message: unknown) => {
        if (isWebviewMessage(message)) void this.controller.handle(message);
      },
      undefined,
      this.disposables,
    );
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.onDidChangeViewState(
      (event) => {
        if (!event.webviewPanel.visible) this.leftView();
      },
      undefined,
      this.disposables,
    );
  }

  static open(
    host: Host,
    source: PanelSource,
    editor?: { uri: vscode.Uri; selection: vscode.Selection },
  ): NormalizationPanel {
    const panel = vscode.window.createWebviewPanel(
      NormalizationPanel.viewType,
      vscode.l10n.t('NormScope: {0}', source.init.title),
      vscode.ViewColumn.Beside,
      pageOptions(host.extensionUri),
    );
    return new NormalizationPanel(panel, host, source, editor);
  }

  dispose(): void {
    this.disposed = true;
    this.leftView();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
