/**
 * Tabular files on disk: the readers and writers of ../data-file.ts over Node file sources, outputs
 * written atomically, and CSV lines printed on two cores where there are two.
 */
import type { Matrix } from '../../engine/scale/matrix';
import { decodeNpy, type NpyArray } from '../npy';
import type { CsvReadOptions, ReadProgress } from '../csv/csv-source';
import type { Dialect } from '../csv/dialect';
import { rewriteCsvSource } from '../csv/rewrite';
import { checkSameKind, readDataSource, writeLikeTo, type DataFile, type Selection } from '../data-file';
import { readWholeFile } from './read-file';
import { AtomicOutput, type OutputOptions } from './atomic-output';
import { fileSource } from './file-source';
import { LineFormatter } from './line-formatter';

export { columnIndices, isNpy, selectColumns, type DataFile, type Selection } from '../data-file';

export async function readNpyFile(file: string): Promise<NpyArray> {
  return decodeNpy(await readWholeFile(file), file);
}

export function readDataFile(
  file: string,
  options: { keepRows?: number } & ReadProgress & CsvReadOptions = {},
): Promise<DataFile> {
  return readDataSource(fileSource(file), options);
}

/**
 * Writes `data` with the selected columns replaced by `result` (same rows, same column order).
 * Aborting `signal` (the extension's Cancel) stops between chunks and leaves no temporary file.
 */
export async function writeLike(
  data: DataFile,
  selection: Selection,
  result: Matrix,
  target: string,
  options: OutputOptions & { signal?: AbortSignal },
): Promise<void> {
  checkSameKind(data, target);
  const output = new AtomicOutput(target, { ...options, inputs: [data.file, ...(options.inputs ?? [])] });
  await writeLikeTo(data, selection, result, fileSource(data.file), output, {
    printer: new LineFormatter(),
    signal: options.signal,
  });
}

/** rewriteCsvSource (../csv/rewrite.ts) from a file on disk, printing on two cores where there are two. */
export function rewriteCsv(
  file: string,
  dialect: Dialect,
  columns: readonly number[],
  output: AtomicOutput,
  values: (firstRow: number, input: Matrix) => Matrix,
  signal?: AbortSignal,
  options: { skipBadRows?: boolean } = {},
): Promise<void> {
  return rewriteCsvSource(fileSource(file), dialect, columns, output, values, {
    signal,
    printer: new LineFormatter(),
    skipBadRows: options.skipBadRows,
  });
}
