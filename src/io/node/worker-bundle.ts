/**
 * The worker thread that lets CSV work use a second core: reading half of a large file
 * (csv-file.ts) and printing half of each batch of a normalized one (line-formatter.ts). Off until a
 * host points at its bundle (the CLI and the extension: dist/worker.cjs), and off on one core.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Delimiter } from '../csv/dialect';
import type { FormatRequest } from './line-formatter';

let bundle: string | undefined;

export function useWorkerBundle(file: string | undefined): void {
  bundle = file && existsSync(file) && availableParallelism() > 1 ? file : undefined;
}

/** The bundle to start workers from, or undefined: do the work on this thread. */
export function workerBundle(): string | undefined {
  return bundle;
}

/** Read bytes [start, end) of a CSV as a table without a header. */
export interface ParseTask {
  task: 'parse';
  file: string;
  start: number;
  end: number;
  delimiter: Delimiter;
  expectedRows: number;
  /** First rows to send back as strings (the table's firstRows, when this thread's part is short). */
  keepRows: number;
}

export type WorkerTask = ({ task: 'format' } & FormatRequest) | ParseTask;

/** What a parse task sends back: per column its kind, counts and (numeric) values; or why it failed. */
export type ParseResult =
  | {
      ok: true;
      rowCount: number;
      firstRows: string[][];
      columns: { numeric: boolean; count: number; missing: number; values: Float64Array }[];
    }
  | { ok: false; message: string };
