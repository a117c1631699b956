/**
 * What differs between the desktop (Node) extension host and the browser's web worker one: how files
 * are read and written, where tree-sitter's wasm comes from, and what can be learned from the disk.
 * Everything else is the same code, wired by activate.ts.
 */
import type * as vscode from 'vscode';
import type { GrammarFiles } from '../analysis/python-parser';
import type { Scaler, ScalingMethod } from '../engine/scale/scaler';
import type { HostFiles } from './files/host-files';

export interface Host {
  readonly extensionUri: vscode.Uri;
  readonly files: HostFiles;
  /** tree-sitter's runtime and Python grammar (paths on the desktop, bytes read from the extension's URI on the web). */
  grammar(): Promise<GrammarFiles>;
  /** The dotted module name Python gives the file (to resolve its relative imports), when the host can tell. */
  moduleName(uri: vscode.Uri): Promise<string | undefined>;
  /**
   * Reads the other modules of the file's package by dotted name (for the norm classes they define), when
   * the host can read them synchronously: the desktop, for files on disk.
   */
  moduleReader(uri: vscode.Uri): ((module: string) => string | undefined) | undefined;
  /** "Fit with DuckDB" for training files over DUCKDB_FIT_ABOVE_BYTES: the desktop only (a native module). */
  readonly duckDb?: OutOfCoreFit;
}

/** Training files above this size are offered a fit by DuckDB instead of a load into the extension host. */
export const DUCKDB_FIT_ABOVE_BYTES = 256e6;

export interface OutOfCoreFit {
  /** Asks whether to fit `train` (`bytes` long) out of core; true when the user chose it. */
  offer(train: vscode.Uri, bytes: number): Promise<boolean>;
  /** The scaler fitted on `train`'s numeric columns; undefined when cancelled. */
  fit(train: vscode.Uri, method: ScalingMethod): Promise<{ scaler: Scaler; columns: string[] } | undefined>;
}
