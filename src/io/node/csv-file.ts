/**
 * CSV/TSV files, streamed: the dialect is sniffed from the first 64 KiB (tab preferred for .tsv), then
 * the whole file is tokenized chunk by chunk. Nothing reads the file into one string.
 */
import { InputError } from '../errors';
import { sniffDialect, type Delimiter, type Dialect } from '../csv/dialect';
import { CsvTableBuilder, type CsvTable } from '../csv/table';
import { CsvTokenizer, type RecordSink, type ViewSinks } from '../csv/tokenizer';
import { readPrefix, streamFile } from './read-file';
import { workerBundle, type ParseResult, type ParseTask, type WorkerTask } from './worker-bundle';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

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
  for (const b of prefix) if (b === 0x0a) lines++;
  if (lines === 0 || prefix.length === 0) return 0;
  return Math.ceil((size / (prefix.length / lines)) * 1.05);
}

/** From this size a second core reads the last part of the file (readCsvTable). */
const TWO_CORES_FROM_BYTES = 32 << 20;
/**
 * Where the file is split: a worker starts ~100 ms after this thread and reads as fast, so this
 * thread takes a little more than half (measured on the 100 MB bench file).
 */
const THIS_THREADS_SHARE = 0.55;

/** The offset just after the first line end at or after `position`, or undefined (none in 1 MiB). */
async function lineStartAfter(file: string, position: number): Promise<number | undefined> {
  const handle = await open(file, 'r');
  try {
    const window = new Uint8Array(1 << 20);
    const { bytesRead } = await handle.read(window, 0, window.length, position);
    const at = window.subarray(0, bytesRead).indexOf(0x0a);
    return at < 0 ? undefined : position + at + 1;
  } finally {
    await handle.close();
  }
}

/** A worker reading bytes [start, end) of the file into columns (ParseTask); never rejects. */
function readInWorker(
  bundle: string,
  task: ParseTask,
): { result: Promise<ParseResult>; stop: () => Promise<number> } {
  const worker = new Worker(bundle);
  const result = new Promise<ParseResult>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ ok: false, message: error.message }));
    worker.once('exit', (code) => resolve({ ok: false, message: `exited with ${code}` }));
  });
  worker.postMessage(task satisfies WorkerTask);
  return { result, stop: () => worker.terminate() };
}

/**
 * The file as a table: names, kinds, missing counts and numeric values; `keepRows` first rows as strings.
 * From 32 MiB, when the host enabled the worker bundle, a second core reads the file's last part
 * (from a line start) while this thread reads the first; the parts are joined when this thread ended
 * exactly at a record's end there (not inside a quoted field) and the other part has the same columns.
 * Otherwise — or on any error in the other part — this thread reads on, so results and error messages
 * are those of one thread.
 */
export async function readCsvTable(
  file: string,
  options: { keepRows?: number; twoCoresFromBytes?: number } & ReadProgress = {},
): Promise<CsvTable> {
  const { dialect, prefix, size } = await readHead(file, SNIFF_BYTES);
  const expectedRows = estimateRows(prefix, size);
  const builder = new CsvTableBuilder(dialect, { file, keepRows: options.keepRows, expectedRows });
  const tokenizer = new CsvTokenizer(dialect.delimiter.charCodeAt(0), builder.tokenizerSinks);
  const bundle = workerBundle();
  const split =
    bundle && size >= (options.twoCoresFromBytes ?? TWO_CORES_FROM_BYTES)
      ? await lineStartAfter(file, Math.floor(size * THIS_THREADS_SHARE))
      : undefined;
  const otherPart =
    bundle && split !== undefined
      ? readInWorker(bundle, {
          task: 'parse',
          file,
          start: split,
          end: size,
          delimiter: dialect.delimiter,
          expectedRows: Math.ceil(expectedRows * (1 - THIS_THREADS_SHARE)),
          keepRows: options.keepRows ?? 0,
        })
      : undefined;
  let bytesRead = 0;
  // While the parts are read side by side, this thread's share of its part stands for the whole file.
  let progressScale = split !== undefined ? size / split : 1;
  const read = (chunk: Uint8Array) => {
    options.signal?.throwIfAborted();
    bytesRead += chunk.length;
    options.onProgress?.(Math.min(size, bytesRead * progressScale), size);
    tokenizer.push(chunk);
  };
  try {
    await streamFile(file, read, { end: split });
    if (otherPart) {
      // Joined only at a record's end: a split inside a quoted field made the other part read garbage.
      const rest = tokenizer.atRecordStart() ? await otherPart.result : undefined;
      if (!rest?.ok || !builder.appendColumns(rest)) {
        progressScale = 1;
        await streamFile(file, read, { start: split });
      }
    }
    tokenizer.end();
  } catch (error) {
    throw error instanceof InputError ? error.inFile(file) : error;
  } finally {
    await otherPart?.stop();
  }
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
