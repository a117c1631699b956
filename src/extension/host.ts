/**
 * What differs between the desktop (Node) extension host and the browser's web worker one: how files
 * are read and written, where tree-sitter's wasm comes from, and what can be learned from the disk.
 * Everything else is the same code, wired by activate.ts.
 */
import type * as vscode from 'vscode';
import type { GrammarFiles } from '../analysis/python-parser';
import type { Scaler, ScalingMethod } from '../engine/scale/scaler';
import type { Dataset } from '../engine/report/dataset';
import type { AdviceLanguage } from '../engine/advise/messages';
import type { ByteSource } from '../io/byte-source';
import type { CsvReadOptions, ReadProgress } from '../io/csv/csv-source';
import type { DataFile } from '../io/data-file';
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
  /** Data files as the panel's datasets: every format of the registry on the desktop, those read from bytes on the web. */
  readonly data: HostData;
  /** Show Statistics on an image or a folder of images (one decoder on both hosts: src/io/images/decode-image.ts). */
  readonly imageStatistics: (target: vscode.Uri, extensionUri: vscode.Uri) => Promise<void>;
  /** "Fit with DuckDB" for training files over DUCKDB_FIT_ABOVE_BYTES: the desktop only (a native module). */
  readonly duckDb?: OutOfCoreFit;
}

export interface HostData {
  /** The sheets of a workbook or the arrays of an .npz, when the file holds one of several. */
  parts(
    uri: vscode.Uri,
    source: ByteSource,
  ): Promise<{ flag: 'sheet' | 'array'; names: string[] } | undefined>;
  /** Reads `uri` (whose bytes `source` gives) with the sheet or array `part`. */
  read(
    uri: vscode.Uri,
    source: ByteSource,
    options: ReadProgress & CsvReadOptions & { language?: AdviceLanguage },
    part: { sheet?: string; array?: string },
  ): Promise<{ file: DataFile; dataset: Dataset }>;
}

/** Training files above this size are offered a fit by DuckDB instead of a load into the extension host. */
export const DUCKDB_FIT_ABOVE_BYTES = 256e6;

export interface OutOfCoreFit {
  /** Asks whether to fit `train` (`bytes` long) out of core; true when the user chose it. */
  offer(train: vscode.Uri, bytes: number): Promise<boolean>;
  /** The scaler fitted on `train`'s numeric columns; undefined when cancelled. */
  fit(train: vscode.Uri, method: ScalingMethod): Promise<{ scaler: Scaler; columns: string[] } | undefined>;
}
