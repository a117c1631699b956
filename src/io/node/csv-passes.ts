/**
 * CSV files of any size in bounded memory: statistics and scaler fits by sequential passes over the
 * file (ExactPasses for moments and exact quantiles, partialFit chunk by chunk for the mergeable
 * scalers; fit-passes.ts), and outputs written as a stream. Memory depends on the column count, never the row count.
 */
import type { Scaler } from '../../engine/scale/scaler';
import { ExactPasses, IGNORE, type ValueSink } from '../../engine/stats/passes';
import type { Dialect, ReadReport } from '../csv/dialect';
import { BadRows, CsvColumnsReader } from '../csv/table';
import { fitByPasses } from './fit-passes';
import { InputError } from '../errors';
import { sniffCsvFile, streamCsvRecords, type CsvReadOptions, type ReadProgress } from './csv-file';
import { readPrefix } from './read-file';

/** What the first pass learns of a file: its dialect, column names, kinds and counts. */
export interface CsvLayout {
  dialect: Dialect;
  report?: ReadReport;
  /** Rows skipped by the first pass (`--on-bad-rows skip`); later passes skip the same ones. */
  badRows?: BadRows;
  names: string[];
  rowCount: number;
  columns: { numeric: boolean; count: number; missing: number }[];
}

/** Progress over several passes: `pass` counts from 1. */
export interface PassProgress extends Omit<ReadProgress, 'onProgress'>, CsvReadOptions {
  onProgress?: (bytesRead: number, totalBytes: number, pass: number) => void;
}

/**
 * One pass over the file: every numeric column's values to `sinkFor(column)`, chunk by chunk
 * (`afterChunk` runs after each chunk's records). Returns the layout this pass saw.
 */
async function readPass(
  file: string,
  dialect: Dialect,
  pass: number,
  sinkFor: (column: number) => ValueSink,
  options: PassProgress & { textColumns?: readonly number[]; afterChunk?: () => void },
): Promise<CsvLayout> {
  const { size } = await readPrefix(file, 0);
  // the first pass collects the bad rows; later ones skip them again without collecting
  const badRows = options.badRows && (pass === 1 ? options.badRows : new BadRows());
  const reader = new CsvColumnsReader(dialect, { file, textColumns: options.textColumns, badRows }, sinkFor);
  let bytesRead = 0;
  await streamCsvRecords(
    file,
    dialect,
    reader.tokenizerSinks,
    () => Promise.resolve(options.afterChunk?.()),
    (chunk) => {
      options.signal?.throwIfAborted();
      bytesRead += chunk;
      options.onProgress?.(bytesRead, size, pass);
    },
  );
  return { dialect, badRows, ...reader.summary() };
}

/** Refuses a file that changed between passes (the statistics would mix two files). */
function checkUnchanged(file: string, first: CsvLayout, again: CsvLayout): void {
  if (again.rowCount !== first.rowCount)
    throw new InputError(
      `changed while it was being read (${first.rowCount} rows, then ${again.rowCount})`,
      file,
    );
}

const textColumnsOf = (layout: CsvLayout) => layout.columns.flatMap((c, j) => (c.numeric ? [] : [j]));

/** Exact per-column moments and quantiles `qs` of every numeric column, by passes. */
export async function describeCsvInPasses(
  file: string,
  qs: readonly number[],
  options: PassProgress = {},
): Promise<{ layout: CsvLayout; passes: ExactPasses }> {
  const { dialect, report } = await sniffCsvFile(file, options.dialect);
  const passes = new ExactPasses(qs);
  // The first pass also learns the layout; the text columns it finds are left out from then on.
  const layout = { report, ...(await readPass(file, dialect, 1, (j) => passes.sink(j), options)) };
  textColumnsOf(layout).forEach((j) => passes.exclude(j));
  passes.endPass();
  await finishPasses(file, layout, passes, 2, options);
  return { layout, passes };
}

/** Runs `passes` to its end over the file (passes numbered from `pass`), each checked against `layout`. */
async function finishPasses(
  file: string,
  layout: CsvLayout,
  passes: ExactPasses,
  pass: number,
  options: PassProgress,
): Promise<void> {
  const textColumns = textColumnsOf(layout);
  for (; !passes.done; pass++) {
    const seen = await readPass(file, layout.dialect, pass, (j) => passes.sink(j), {
      ...options,
      textColumns,
      badRows: layout.badRows,
    });
    checkUnchanged(file, layout, seen);
    passes.endPass();
  }
}

/** The layout alone (one pass). */
export async function readCsvLayout(file: string, options: PassProgress = {}): Promise<CsvLayout> {
  const { dialect, report } = await sniffCsvFile(file, options.dialect);
  return { report, ...(await readPass(file, dialect, 1, () => IGNORE, options)) };
}

/**
 * Fits `scaler` on columns `columns` of the file by passes (fit-passes.ts), each checked against
 * `layout`, which comes from a first pass (readCsvLayout).
 */
export async function fitCsvInPasses(
  file: string,
  layout: CsvLayout,
  columns: readonly number[],
  scaler: Scaler,
  options: PassProgress = {},
): Promise<void> {
  const textColumns = textColumnsOf(layout);
  await fitByPasses(scaler, columns, layout.names.length, async (pass, sinkFor, afterChunk) => {
    const seen = await readPass(file, layout.dialect, pass + 2, sinkFor, {
      ...options,
      textColumns,
      badRows: layout.badRows,
      afterChunk,
    });
    checkUnchanged(file, layout, seen);
  });
}
