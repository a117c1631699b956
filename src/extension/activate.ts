/** The wiring both extension hosts share: every command, the renderer's messages, hovers and inlay hints. */
import * as vscode from 'vscode';
import type { Framework, NormLayer } from '../engine/explain/conventions';
import { fitAndApply, normalizeFile, normalizeSelection, showError } from './commands';
import { addNotebookHelper, listenToRenderer } from './notebook';
import { registerLayerHints } from './layer-hints';
import { openSample } from './walkthrough';
import { openExplainer } from './explainer';
import { explainerArrayFrom } from './explainer-array';
import type { ExplainerArray } from '../shared/protocol';
import type { Host } from './host';

export function activateWith(context: vscode.ExtensionContext, host: Host): void {
  const run =
    <A extends unknown[]>(body: (...args: A) => unknown) =>
    async (...args: A) => {
      try {
        await body(...args);
      } catch (error) {
        showError(error);
      }
    };
  const uri = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'normscope.normalizeSelection',
      run(() => normalizeSelection(host)),
    ),
    vscode.commands.registerCommand(
      'normscope.normalizeFile',
      run((file?: vscode.Uri) => normalizeFile(host, file, false)),
    ),
    vscode.commands.registerCommand(
      'normscope.showStatistics',
      run((file?: vscode.Uri) => normalizeFile(host, file, true)),
    ),
    vscode.commands.registerCommand(
      'normscope.fitAndApply',
      run(() => fitAndApply(host)),
    ),
    vscode.commands.registerCommand(
      'normscope.addNotebookHelper',
      run(() => addNotebookHelper(uri)),
    ),
    vscode.commands.registerCommand(
      'normscope.openSample',
      run((name?: unknown) => openSample(context, host, name)),
    ),
    listenToRenderer(host),
    vscode.commands.registerCommand(
      'normscope.explainNorms',
      run((focus?: { layer?: NormLayer; framework?: Framework }) => {
        void openExplainer(uri, focus ?? { array: selectedExplainerArray() });
      }),
    ),
  );
  registerLayerHints(context, host);
}

/**
 * From the palette with an array literal selected, the explainer computes its live statistics on that
 * array; a selection that is not one it can draw is said so, and the sample tensor is used.
 */
function selectedExplainerArray(): ExplainerArray | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const where = `${vscode.workspace.asRelativePath(editor.document.uri)}:${editor.selection.start.line + 1}`;
  const array = explainerArrayFrom(editor.document.getText(editor.selection), where, vscode.l10n);
  if (typeof array !== 'string') return array;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('NormScope explainer: {0}; showing a sample tensor.', array),
  );
  return undefined;
}
