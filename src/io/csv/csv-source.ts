/**
 * CSV/TSV from any ByteSource, streamed: the dialect is sniffed from the first 64 KiB (tab preferred for
 * .tsv, parts fixed by the caller's overrides), then the whole source is read chunk by chunk in that
 * dialect. Nothing reads the file into one string.
 */
import type { ByteSource } from '../byte-source';
import { InputError } from '../errors';
import type { Delimiter, Dialect, DialectOverrides, ReadReport } from './dialect';
import { CsvRecordSource } from './record-source';
import { sniffDialect } from './sniffer';
import { BadRows, CsvTableBuilder, type CsvTable } from './table';
import type { RecordSink, ViewSinks } from './tokenizer';

const SNIFF_BYTES = 64 * 1024;

/** How to read a CSV file: parts of the dialect fixed by the user, and what to do with ragged rows. */
export interface CsvReadOptions {
  dialect?: DialectOverrides;
  /** Skip rows whose field count differs (collected here) instead of stopping at the first. */
  badRows?: BadRows;
}

export async function sniffCsv(
  source: ByteSource,
  overrides: DialectOverrides = {},
): Promise<{ dialect: Dialect; report: ReadReport }> {
  const { dialect, report } = await readHead(source, SNIFF_BYTES, overrides);
  return { dialect, report };
}

/** The source's first `bytes` (at least what sniffing reads), its size, and the dialect sniffed from them: one read. */
async function readHead(
  source: ByteSource,
  bytes: number,
  overrides: DialectOverrides = {},
): Promise<{ dialect: Dialect; report: ReadReport; prefix: Uint8Array; size: number }> {
  const { prefix, size } = await source.prefix(Math.max(bytes, SNIFF_BYTES));
  if (size === 0) throw new InputError('empty file (no header and no rows)', source.name);
  const preferred: Delimiter = /\.(tsv|tab)$/i.test(source.name) ? '\t' : ',';
  try {
    const { dialect, report } = sniffDialect(prefix, size <= prefix.length, { preferred, overrides });
    return { dialect, report, prefix, size };
  } catch (error) {
    throw error instanceof InputError ? error.inFile(source.name) : error;
  }
}

/**
 * Streams every record of the source to `onRecord` (the header included when the dialect has one);
 * `afterChunk` runs after each chunk's records, e.g. to flush output with backpressure.
 */
export async function streamCsvSource(
  source: ByteSource,
  dialect: Dialect,
  onRecord: RecordSink | ViewSinks,
  afterChunk?: () => Promise<void>,
  beforeChunk?: (chunkBytes: number) => void,
): Promise<void> {
  const records = new CsvRecordSource(dialect, onRecord);
  try {
    await source.chunks(async (chunk) => {
      beforeChunk?.(chunk.length);
      records.push(chunk);
      await afterChunk?.();
    });
    records.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(source.name) : error;
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

/** The source as a table: names, kinds, missing counts and numeric values; `keepRows` first rows as strings. */
export async function readCsvSourceTable(
  source: ByteSource,
  options: { keepRows?: number } & ReadProgress & CsvReadOptions = {},
): Promise<CsvTable> {
  const { dialect, report, prefix, size } = await readHead(source, SNIFF_BYTES, options.dialect);
  const builder = new CsvTableBuilder(dialect, {
    file: source.name,
    keepRows: options.keepRows,
    expectedRows: estimateRows(prefix, size),
    badRows: options.badRows,
  });
  let bytesRead = 0;
  await streamCsvSource(source, dialect, builder.tokenizerSinks, undefined, (chunk) => {
    options.signal?.throwIfAborted();
    bytesRead += chunk;
    options.onProgress?.(bytesRead, size);
  });
  return builder.finish(report);
}

/**
 * The first whole records within `maxBytes` of the source, as a table (a large file's first look while
 * the rest loads). `complete` is true when that was the whole file.
 */
export async function readCsvSourcePrefix(
  source: ByteSource,
  maxBytes: number,
  options: CsvReadOptions = {},
): Promise<{ table: CsvTable; bytesRead: number; totalBytes: number; complete: boolean }> {
  const head = await readHead(source, maxBytes, options.dialect);
  const { dialect, size } = head;
  const prefix = head.prefix.subarray(0, maxBytes);
  const complete = prefix.length === size;
  // up to the last line end: no half record (a quoted field spanning it ends the prefix early, an error)
  const end = complete ? prefix.length : lastLineEnd(prefix, dialect) + 1;
  const builder = new CsvTableBuilder(dialect, {
    file: source.name,
    expectedRows: estimateRows(prefix, end),
    badRows: options.badRows,
  });
  const records = new CsvRecordSource(dialect, builder.tokenizerSinks);
  try {
    records.push(prefix.subarray(0, end));
    records.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(source.name) : error;
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
