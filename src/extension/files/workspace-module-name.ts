/**
 * The dotted module name Python gives a file on any file system (see src/analysis/node-module-name.ts
 * for the disk): its name under every enclosing folder that holds an `__init__.py`, probed with
 * `workspace.fs.stat` (one round trip per folder level, remembered per folder).
 */
import * as vscode from 'vscode';

const isPackage = new Map<string, Promise<boolean>>();

function holdsInit(dir: vscode.Uri): Promise<boolean> {
  const key = dir.toString();
  let known = isPackage.get(key);
  if (!known) {
    known = Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, '__init__.py'))).then(
      () => true,
      () => false,
    );
    isPackage.set(key, known);
  }
  return known;
}

const lastPart = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export async function workspaceModuleName(file: vscode.Uri): Promise<string> {
  const parts = [lastPart(file.path).replace(/\.pyi?$/, '')];
  let dir = vscode.Uri.joinPath(file, '..');
  while (dir.path !== '/' && dir.path !== '' && (await holdsInit(dir))) {
    parts.unshift(lastPart(dir.path));
    dir = vscode.Uri.joinPath(dir, '..');
  }
  return parts.join('.');
}
