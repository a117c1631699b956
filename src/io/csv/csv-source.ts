/**
 * CSV/TSV from any ByteSource, streamed: the dialect is sniffed from the first 64 KiB (tab preferred for
 * .tsv), then the whole source is tokenized chunk by chunk. Nothing reads the file into one string.
 */
import type { ByteSource } from '../byte-source';
import { InputError } from '../errors';
import { sniffDialect, type Delimiter, type Dialect } from './dialect';
import { CsvTableBuilder, type CsvTable } from './table';
import { CsvTokenizer, type RecordSink, type ViewSinks } from './tokenizer';

const SNIFF_BYTES = 64 * 1024;

export async function sniffCsv(source: ByteSource): Promise<Dialect> {
  return (await readHead(source, SNIFF_BYTES)).dialect;
}

/** The source's first `bytes` (at least what sniffing reads), its size, and the dialect sniffed from them: one read. */
async function readHead(
  source: ByteSource,
  bytes: number,
): Promise<{ dialect: Dialect; prefix: Uint8Array; size: number }> {
  const { prefix, size } = await source.prefix(Math.max(bytes, SNIFF_BYTES));
  if (size === 0) throw new InputError('empty file (no header and no rows)', source.name);
  const preferred: Delimiter = /\.(tsv|tab)$/i.test(source.name) ? '\t' : ',';
  try {
    return {
      dialect: sniffDialect(prefix.subarray(0, SNIFF_BYTES), size <= SNIFF_BYTES, preferred),
      prefix,
      size,
    };
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
  const tokenizer = new CsvTokenizer(dialect.delimiter.charCodeAt(0), onRecord);
  try {
    await source.chunks(async (chunk) => {
      beforeChunk?.(chunk.length);
      tokenizer.push(chunk);
      await afterChunk?.();
    });
    tokenizer.end();
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
  options: { keepRows?: number } & ReadProgress = {},
): Promise<CsvTable> {
  const { dialect, prefix, size } = await readHead(source, SNIFF_BYTES);
  const builder = new CsvTableBuilder(dialect, {
    file: source.name,
    keepRows: options.keepRows,
    expectedRows: estimateRows(prefix, size),
  });
  let bytesRead = 0;
  await streamCsvSource(source, dialect, builder.tokenizerSinks, undefined, (chunk) => {
    options.signal?.throwIfAborted();
    bytesRead += chunk;
    options.onProgress?.(bytesRead, size);
  });
  return builder.finish();
}

/**
 * The first whole records within `maxBytes` of the source, as a table (a large file's first look while
 * the rest loads). `complete` is true when that was the whole file.
 */
export async function readCsvSourcePrefix(
  source: ByteSource,
  maxBytes: number,
): Promise<{ table: CsvTable; bytesRead: number; totalBytes: number; complete: boolean }> {
  const head = await readHead(source, maxBytes);
  const { dialect, size } = head;
  const prefix = head.prefix.subarray(0, maxBytes);
  const complete = prefix.length === size;
  // up to the last line end: no half record (a quoted field spanning it ends the prefix early, an error)
  const end = complete ? prefix.length : prefix.lastIndexOf(0x0a) + 1;
  const builder = new CsvTableBuilder(dialect, {
    file: source.name,
    expectedRows: estimateRows(prefix, end),
  });
  const tokenizer = new CsvTokenizer(dialect.delimiter.charCodeAt(0), builder.tokenizerSinks);
  try {
    tokenizer.push(prefix.subarray(0, end));
    tokenizer.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(source.name) : error;
  }
  return { table: builder.finish(), bytesRead: end, totalBytes: size, complete };
}
