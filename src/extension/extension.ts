// NormScope's entry point: activate only wires commands to their handlers; everything else is lazy.
import * as vscode from 'vscode';
import type { Framework, NormLayer } from '../engine/explain/conventions';
import { fitAndApply, normalizeFile, normalizeSelection, showError } from './commands';
import { addNotebookHelper, listenToRenderer } from './notebook';
import { registerLayerHints } from './layer-hints';
import { openExplainer } from './explainer';
import { useWasmKernels } from '../engine/layers/wasm-kernels';

export function activate(context: vscode.ExtensionContext): void {
  useWasmKernels(); // the extension host is Node: layers run on the SIMD kernels (compiled on first use)
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
      run(() => normalizeSelection(uri)),
    ),
    vscode.commands.registerCommand(
      'normscope.normalizeFile',
      run((file?: vscode.Uri) => normalizeFile(uri, file, false)),
    ),
    vscode.commands.registerCommand(
      'normscope.showStatistics',
      run((file?: vscode.Uri) => normalizeFile(uri, file, true)),
    ),
    vscode.commands.registerCommand(
      'normscope.fitAndApply',
      run(() => fitAndApply(uri)),
    ),
    vscode.commands.registerCommand(
      'normscope.addNotebookHelper',
      run(() => addNotebookHelper(uri)),
    ),
    listenToRenderer(uri),
    vscode.commands.registerCommand(
      'normscope.explainNorms',
      run((focus?: { layer?: NormLayer; framework?: Framework }) => void openExplainer(uri, focus ?? {})),
    ),
  );
  registerLayerHints(context);
}

export function deactivate(): void {}
