/**
 * Large CSV files: above --stream-above MB (default 256) `stats` and `normalize` read the file in
 * passes with memory bounded by the column count, show progress on a terminal and stop cleanly on
 * Ctrl-C (outputs are only ever committed whole).
 */
import type { ParseArgsConfig } from 'node:util';
import { formatOrCsv } from '../io/formats/registry';
import { readPrefix } from '../io/node/read-file';
import type { PassProgress } from '../io/node/csv-passes';
import { parseNumber } from './args';
import { UsageError } from './usage-error';
import { say } from './messages';

export const PASSES_OPTIONS = {
  'stream-above': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const PASSES_USAGE = '[--stream-above MB]';
export const DEFAULT_STREAM_ABOVE_MB = 256;

/** The --stream-above limit in bytes (default 256 MB). */
export function streamAboveBytes(streamAbove: string | undefined): number {
  const limit =
    streamAbove === undefined ? DEFAULT_STREAM_ABOVE_MB : parseNumber('--stream-above', streamAbove);
  if (!(limit >= 0))
    throw new UsageError('--stream-above', say('streamAboveSize', { text: String(streamAbove) }));
  return limit * 1e6;
}

/** Whether `file` is a CSV over the --stream-above size, so it is read in passes. */
export async function readsInPasses(file: string, streamAbove: string | undefined): Promise<boolean> {
  if (formatOrCsv(file).id !== 'csv') return false; // Parquet decides by its decoded size (parquet-passes)
  const limit = streamAboveBytes(streamAbove);
  const { size } = await readPrefix(file, 0);
  return size > limit;
}

/**
 * Progress on stderr when it is a terminal ("pass 2: 41%"), and an abort signal raised by Ctrl-C.
 * Call `close()` when done.
 */
export function passProgress(): PassProgress & { close(): void } {
  const controller = new AbortController();
  const interrupt = () => controller.abort(new UsageError('interrupted', say('interrupted')));
  process.once('SIGINT', interrupt);
  const terminal = process.stderr.isTTY;
  let shown = '';
  return {
    signal: controller.signal,
    onProgress: (bytesRead, totalBytes, pass) => {
      if (!terminal) return;
      const text = `pass ${pass}: ${Math.floor((100 * bytesRead) / Math.max(totalBytes, 1))}%`;
      if (text !== shown) process.stderr.write(`\r${(shown = text)}`);
    },
    close: () => {
      process.removeListener('SIGINT', interrupt);
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
