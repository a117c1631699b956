// NormScope's desktop entry point (Node extension host): Node's file access and two cores, then the shared wiring.
import type * as vscode from 'vscode';
import { nodeGrammarFiles } from '../analysis/node-grammar';
import { packageModuleReader, pythonModuleName } from '../analysis/node-module-name';
import { useWasmKernels } from '../engine/layers/wasm-kernels';
import { useWorkerBundle } from '../io/node/line-formatter';
import { activateWith } from './activate';
import { duckDbFit } from './duckdb-fit';
import { desktopData } from './files/desktop-data';
import { desktopFiles } from './files/desktop-files';
import { showImageStatistics } from './image-statistics';
import { workspaceModuleName } from './files/workspace-module-name';

export function activate(context: vscode.ExtensionContext): void {
  useWasmKernels(); // the extension host is Node: layers run on the SIMD kernels (compiled on first use)
  useWorkerBundle(context.asAbsolutePath('dist/worker.cjs')); // exported CSVs printed on two cores
  const dist = context.asAbsolutePath('dist');
  activateWith(context, {
    extensionUri: context.extensionUri,
    files: desktopFiles,
    data: desktopData,
    imageStatistics: showImageStatistics,
    grammar: () => Promise.resolve(nodeGrammarFiles(dist)),
    moduleName: (uri) =>
      uri.scheme === 'file' ? Promise.resolve(pythonModuleName(uri.fsPath)) : workspaceModuleName(uri),
    moduleReader: (uri) => (uri.scheme === 'file' ? packageModuleReader(uri.fsPath) : undefined),
    duckDb: duckDbFit,
  });
}

export function deactivate(): void {}
