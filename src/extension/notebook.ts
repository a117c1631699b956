/**
 * The notebook side: the renderer's messages (copy, open in the panel) and the command that puts the
 * Python helper beside the active notebook.
 */
import * as vscode from 'vscode';
import { decodeNotebookPayload } from '../shared/notebook-payload';
import type { RendererMessage } from '../shared/protocol';
import { panelInit } from './load';
import { NormalizationPanel } from './panel';
import { settings, showError } from './commands';
import type { Host } from './host';

export const RENDERER_ID = 'normscope.renderer';

export function listenToRenderer(host: Host): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
  return messaging.onDidReceiveMessage(({ message }: { message: RendererMessage }) => {
    try {
      if (message.type === 'copyText') {
        void vscode.env.clipboard.writeText(message.text);
      } else if (message.type === 'openInPanel') {
        const decoded = decodeNotebookPayload(message.payload);
        const init = panelInit(decoded.dataset, {
          source: 'selection',
          settings: settings(),
          statisticsOnly: false,
          trusted: vscode.workspace.isTrusted,
        });
        init.canReplaceSelection = false;
        init.note = decoded.note;
        const shape = decoded.payload.shape;
        NormalizationPanel.open(host, {
          kind: 'selection',
          dataset: decoded.dataset,
          style: 'python',
          shape,
          init,
        });
      }
    } catch (error) {
      showError(error);
    }
  });
}

/** Writes normscope.py beside the active notebook (asking before replacing one) and inserts `import normscope`. */
export async function addNotebookHelper(extensionUri: vscode.Uri): Promise<void> {
  const editor = vscode.window.activeNotebookEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('NormScope: open a notebook first.'));
    return;
  }
  const target = vscode.Uri.joinPath(editor.notebook.uri, '..', 'normscope.py');
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} exists. Replace it?', vscode.workspace.asRelativePath(target)),
      { modal: true },
      replace,
    );
    if (answer !== replace) return;
  }
  if (!vscode.workspace.isTrusted) {
    const write = vscode.l10n.t('Write');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('This workspace is not trusted. Write {0}?', vscode.workspace.asRelativePath(target)),
      { modal: true },
      write,
    );
    if (answer !== write) return;
  }
  const helper = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(extensionUri, 'python', 'normscope.py'),
  );
  await vscode.workspace.fs.writeFile(target, helper);
  const edit = new vscode.WorkspaceEdit();
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import normscope', 'python');
  edit.set(editor.notebook.uri, [vscode.NotebookEdit.insertCells(editor.selection.start, [cell])]);
  await vscode.workspace.applyEdit(edit);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('NormScope: wrote {0}; try normscope.show(x).', vscode.workspace.asRelativePath(target)),
  );
}
