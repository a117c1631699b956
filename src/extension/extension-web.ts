/**
 * NormScope's browser entry point (the web worker extension host of vscode.dev, github.dev and
 * `npm run start:web`): every file through workspace.fs, tree-sitter's wasm read from the extension's
 * URI, then the same wiring as the desktop. Nothing on this path may import a Node built-in (esbuild.mjs
 * fails the build when one does).
 */
import * as vscode from 'vscode';
import { useWasmKernels } from '../engine/layers/wasm-kernels';
import { activateWith } from './activate';
import { webData } from './files/web-data';
import { showWebImageStatistics } from './files/web-images';
import { workspaceFiles } from './files/workspace-files';
import { workspaceModuleName } from './files/workspace-module-name';

export function activate(context: vscode.ExtensionContext): void {
  // Compiled on first use; where the worker refuses WebAssembly the TypeScript kernels run instead.
  useWasmKernels();
  const wasm = (name: string) =>
    vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', name));
  activateWith(context, {
    extensionUri: context.extensionUri,
    files: workspaceFiles,
    data: webData,
    imageStatistics: showWebImageStatistics,
    grammar: async () => {
      const [runtime, python] = await Promise.all([
        wasm('tree-sitter.wasm'),
        wasm('tree-sitter-python.wasm'),
      ]);
      return { runtime, python };
    },
    moduleName: workspaceModuleName,
    // workspace.fs reads only asynchronously: norm classes defined in other modules stay unresolved here
    moduleReader: () => undefined,
  });
}

export function deactivate(): void {}
