/**
 * CSV/TSV files, streamed: the dialect is sniffed from the first 64 KiB (tab preferred for .tsv), then
 * the whole file is tokenized chunk by chunk. Nothing reads the file into one string.
 */
import { InputError } from '../errors';
import { sniffDialect, type Delimiter, type Dialect } from '../csv/dialect';
import { CsvTableBuilder, type CsvTable } from '../csv/table';
import { CsvTokenizer, type RecordSink, type ViewSinks } from '../csv/tokenizer';
import { readPrefix, streamFile } from './read-file';

const SNIFF_BYTES = 64 * 1024;

export async function sniffCsvFile(file: string): Promise<Dialect> {
  return (await readHead(file, SNIFF_BYTES)).dialect;
}

/** The file's first `bytes` (at least what sniffing reads), its size, and the dialect sniffed from them: one read. */
async function readHead(
  file: string,
  bytes: number,
): Promise<{ dialect: Dialect; prefix: Uint8Array; size: number }> {
  const { prefix, size } = await readPrefix(file, Math.max(bytes, SNIFF_BYTES));
  if (size === 0) throw new InputError('empty file (no header and no rows)', file);
  const preferred: Delimiter = /\.(tsv|tab)$/i.test(file) ? '\t' : ',';
  try {
    return {
      dialect: sniffDialect(prefix.subarray(0, SNIFF_BYTES), size <= SNIFF_BYTES, preferred),
      prefix,
      size,
    };
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
  const tokenizer = new CsvTokenizer(dialect.delimiter.charCodeAt(0), onRecord);
  try {
    await streamFile(file, async (chunk) => {
      beforeChunk?.(chunk.length);
      tokenizer.push(chunk);
      await afterChunk?.();
    });
    tokenizer.end();
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
  options: { keepRows?: number } & ReadProgress = {},
): Promise<CsvTable> {
  const { dialect, prefix, size } = await readHead(file, SNIFF_BYTES);
  const builder = new CsvTableBuilder(dialect, {
    file,
    keepRows: options.keepRows,
    expectedRows: estimateRows(prefix, size),
  });
  let bytesRead = 0;
  await streamCsvRecords(file, dialect, builder.tokenizerSinks, undefined, (chunk) => {
    options.signal?.throwIfAborted();
    bytesRead += chunk;
    options.onProgress?.(bytesRead, size);
  });
  return builder.finish();
}

/**
 * The first whole records within `maxBytes` of the file, as a table (the file's first look while the
 * rest loads). `complete` is true when that was the whole file.
 */
export async function readCsvPrefixTable(
  file: string,
  maxBytes: number,
): Promise<{ table: CsvTable; bytesRead: number; totalBytes: number; complete: boolean }> {
  const head = await readHead(file, maxBytes);
  const { dialect, size } = head;
  const prefix = head.prefix.subarray(0, maxBytes);
  const complete = prefix.length === size;
  // up to the last line end: no half record (a quoted field spanning it ends the prefix early, an error)
  const end = complete ? prefix.length : prefix.lastIndexOf(0x0a) + 1;
  const builder = new CsvTableBuilder(dialect, { file, expectedRows: estimateRows(prefix, end) });
  const tokenizer = new CsvTokenizer(dialect.delimiter.charCodeAt(0), builder.tokenizerSinks);
  try {
    tokenizer.push(prefix.subarray(0, end));
    tokenizer.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(file) : error;
  }
  return { table: builder.finish(), bytesRead: end, totalBytes: size, complete };
}
