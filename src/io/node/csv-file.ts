/** CSV/TSV files on disk: the streamed readers of ../csv/csv-source.ts over a Node file source. */
import type { Dialect, DialectOverrides, ReadReport } from '../csv/dialect';
import type { CsvTable } from '../csv/table';
import type { RecordSink, ViewSinks } from '../csv/tokenizer';
import {
  readCsvSourcePrefix,
  readCsvSourceTable,
  sniffCsv,
  streamCsvSource,
  type CsvReadOptions,
  type ReadProgress,
} from '../csv/csv-source';
import { fileSource } from './file-source';

export type { CsvReadOptions, ReadProgress } from '../csv/csv-source';

export function sniffCsvFile(
  file: string,
  overrides: DialectOverrides = {},
): Promise<{ dialect: Dialect; report: ReadReport }> {
  return sniffCsv(fileSource(file), overrides);
}

/**
 * Streams every record of the file to `onRecord` (the header included when the dialect has one);
 * `afterChunk` runs after each 1 MiB chunk's records, e.g. to flush output with backpressure.
 */
export function streamCsvRecords(
  file: string,
  dialect: Dialect,
  onRecord: RecordSink | ViewSinks,
  afterChunk?: () => Promise<void>,
  beforeChunk?: (chunkBytes: number) => void,
): Promise<void> {
  return streamCsvSource(fileSource(file), dialect, onRecord, afterChunk, beforeChunk);
}

/** The file as a table: names, kinds, missing counts and numeric values; `keepRows` first rows as strings. */
export function readCsvTable(
  file: string,
  options: { keepRows?: number } & ReadProgress & CsvReadOptions = {},
): Promise<CsvTable> {
  return readCsvSourceTable(fileSource(file), options);
}

/**
 * The first whole records within `maxBytes` of the file, as a table (the file's first look while the
 * rest loads). `complete` is true when that was the whole file.
 */
export function readCsvPrefixTable(
  file: string,
  maxBytes: number,
  options: CsvReadOptions = {},
): Promise<{ table: CsvTable; bytesRead: number; totalBytes: number; complete: boolean }> {
  return readCsvSourcePrefix(fileSource(file), maxBytes, options);
}
