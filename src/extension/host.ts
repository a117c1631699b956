/**
 * What differs between the desktop (Node) extension host and the browser's web worker one: how files
 * are read and written, where tree-sitter's wasm comes from, and what can be learned from the disk.
 * Everything else is the same code, wired by activate.ts.
 */
import type * as vscode from 'vscode';
import type { GrammarFiles } from '../analysis/python-parser';
import type { HostFiles } from './files/host-files';

export interface Host {
  readonly extensionUri: vscode.Uri;
  readonly files: HostFiles;
  /** tree-sitter's runtime and Python grammar (paths on the desktop, bytes read from the extension's URI on the web). */
  grammar(): Promise<GrammarFiles>;
  /** The dotted module name Python gives the file (to resolve its relative imports), when the host can tell. */
  moduleName(uri: vscode.Uri): Promise<string | undefined>;
}
