/**
 * CSV/TSV files, streamed: the dialect is sniffed from the first 64 KiB (tab preferred for .tsv, parts
 * fixed by the caller's overrides), then the whole file is read chunk by chunk in that dialect. Nothing
 * reads the file into one string.
 */
import { InputError } from '../errors';
import type { Delimiter, Dialect, DialectOverrides, ReadReport } from '../csv/dialect';
import { sniffDialect } from '../csv/sniffer';
import { CsvRecordSource } from '../csv/record-source';
import { BadRows, CsvTableBuilder, type CsvTable } from '../csv/table';
import type { RecordSink, ViewSinks } from '../csv/tokenizer';
import { readPrefix, streamFile } from './read-file';

const SNIFF_BYTES = 64 * 1024;

/** How to read a CSV file: parts of the dialect fixed by the user, and what to do with ragged rows. */
export interface CsvReadOptions {
  dialect?: DialectOverrides;
  /** Skip rows whose field count differs (collected here) instead of stopping at the first. */
  badRows?: BadRows;
}

export async function sniffCsvFile(
  file: string,
  overrides: DialectOverrides = {},
): Promise<{ dialect: Dialect; report: ReadReport }> {
  const { dialect, report } = await readHead(file, SNIFF_BYTES, overrides);
  return { dialect, report };
}

/** The file's first `bytes` (at least what sniffing reads), its size, and the dialect sniffed from them: one read. */
async function readHead(
  file: string,
  bytes: number,
  overrides: DialectOverrides = {},
): Promise<{ dialect: Dialect; report: ReadReport; prefix: Uint8Array; size: number }> {
  const { prefix, size } = await readPrefix(file, Math.max(bytes, SNIFF_BYTES));
  if (size === 0) throw new InputError('empty file (no header and no rows)', file);
  const preferred: Delimiter = /\.(tsv|tab)$/i.test(file) ? '\t' : ',';
  try {
    const { dialect, report } = sniffDialect(prefix, size <= prefix.length, { preferred, overrides });
    return { dialect, report, prefix, size };
  } catch (error) {
    throw error instanceof InputError ? error.inFile(file) : error;
  }
}

/**
 * Streams every record of the file to `onRecord` (the header included when the dialect has one);
 * `afterChunk` runs after each 1 MiB chunk's records, e.g. to flush output with backpressure.
 */
export async function streamCsvRecords(
  file: string,
  dialect: Dialect,
  onRecord: RecordSink | ViewSinks,
  afterChunk?: () => Promise<void>,
  beforeChunk?: (chunkBytes: number) => void,
): Promise<void> {
  const source = new CsvRecordSource(dialect, onRecord);
  try {
    await streamFile(file, async (chunk) => {
      beforeChunk?.(chunk.length);
      source.push(chunk);
      await afterChunk?.();
    });
    source.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(file) : error;
  }
}

/** Progress and cancellation for long reads (the extension's progress notification). */
export interface ReadProgress {
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Aborting stops the read between chunks with an AbortError. */
  signal?: AbortSignal;
}

/** Rows in a file of `size` bytes, from the line length of its first bytes (5% over, for variation). */
function estimateRows(prefix: Uint8Array, size: number): number {
  let lines = 0;
  for (let at = prefix.indexOf(0x0a); at >= 0; at = prefix.indexOf(0x0a, at + 1)) lines++;
  if (lines === 0 || prefix.length === 0) return 0;
  return Math.ceil((size / (prefix.length / lines)) * 1.05);
}

/** The file as a table: names, kinds, missing counts and numeric values; `keepRows` first rows as strings. */
export async function readCsvTable(
  file: string,
  options: { keepRows?: number } & ReadProgress & CsvReadOptions = {},
): Promise<CsvTable> {
  const { dialect, report, prefix, size } = await readHead(file, SNIFF_BYTES, options.dialect);
  const builder = new CsvTableBuilder(dialect, {
    file,
    keepRows: options.keepRows,
    expectedRows: estimateRows(prefix, size),
    badRows: options.badRows,
  });
  let bytesRead = 0;
  await streamCsvRecords(file, dialect, builder.tokenizerSinks, undefined, (chunk) => {
    options.signal?.throwIfAborted();
    bytesRead += chunk;
    options.onProgress?.(bytesRead, size);
  });
  return builder.finish(report);
}

/**
 * The first whole records within `maxBytes` of the file, as a table (the file's first look while the
 * rest loads). `complete` is true when that was the whole file.
 */
export async function readCsvPrefixTable(
  file: string,
  maxBytes: number,
  options: CsvReadOptions = {},
): Promise<{ table: CsvTable; bytesRead: number; totalBytes: number; complete: boolean }> {
  const head = await readHead(file, maxBytes, options.dialect);
  const { dialect, size } = head;
  const prefix = head.prefix.subarray(0, maxBytes);
  const complete = prefix.length === size;
  // up to the last line end: no half record (a quoted field spanning it ends the prefix early, an error)
  const end = complete ? prefix.length : lastLineEnd(prefix, dialect) + 1;
  const builder = new CsvTableBuilder(dialect, {
    file,
    expectedRows: estimateRows(prefix, end),
    badRows: options.badRows,
  });
  const source = new CsvRecordSource(dialect, builder.tokenizerSinks);
  try {
    source.push(prefix.subarray(0, end));
    source.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(file) : error;
  }
  return { table: builder.finish(head.report), bytesRead: end, totalBytes: size, complete };
}

/** The index of the prefix's last line feed (for UTF-16, the last byte of its two). */
function lastLineEnd(prefix: Uint8Array, dialect: Dialect): number {
  if (dialect.encoding === 'utf-16le')
    for (let at = prefix.length - 2; at >= 0; at--) {
      if (prefix[at] === 0x0a && prefix[at + 1] === 0 && at % 2 === 0) return at + 1;
    }
  if (dialect.encoding === 'utf-16be')
    for (let at = prefix.length - 1; at >= 1; at--) {
      if (prefix[at] === 0x0a && prefix[at - 1] === 0 && at % 2 === 1) return at;
    }
  return prefix.lastIndexOf(0x0a);
}
