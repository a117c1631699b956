/** CSV/TSV files on disk: the streamed readers of ../csv/csv-source.ts over a Node file source. */
import type { Dialect } from '../csv/dialect';
import type { CsvTable } from '../csv/table';
import type { RecordSink, ViewSinks } from '../csv/tokenizer';
import {
  readCsvSourcePrefix,
  readCsvSourceTable,
  sniffCsv,
  streamCsvSource,
  type ReadProgress,
} from '../csv/csv-source';
import { fileSource } from './file-source';

export type { ReadProgress } from '../csv/csv-source';

export function sniffCsvFile(file: string): Promise<Dialect> {
  return sniffCsv(fileSource(file));
}

export function streamCsvRecords(
  file: string,
  dialect: Dialect,
  onRecord: RecordSink | ViewSinks,
  afterChunk?: () => Promise<void>,
  beforeChunk?: (chunkBytes: number) => void,
): Promise<void> {
  return streamCsvSource(fileSource(file), dialect, onRecord, afterChunk, beforeChunk);
}

export function readCsvTable(
  file: string,
  options: { keepRows?: number } & ReadProgress = {},
): Promise<CsvTable> {
  return readCsvSourceTable(fileSource(file), options);
}

export function readCsvPrefixTable(
  file: string,
  maxBytes: number,
): Promise<{ table: CsvTable; bytesRead: number; totalBytes: number; complete: boolean }> {
  return readCsvSourcePrefix(fileSource(file), maxBytes);
}
