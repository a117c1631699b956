/**
 * The second core's work (line-formatter.ts): printing half of a batch of numbers as CSV lines, sent
 * back as UTF-8 bytes whose buffer moves to the main thread (a large string would be copied into the
 * main thread's heap and linger there until a full collection).
 */
import { parentPort } from 'node:worker_threads';
import { formatNumericLines } from '../csv/writer';
import type { FormatRequest } from '../csv/rewrite';

const encoder = new TextEncoder();

parentPort!.on('message', ({ data, rows, cols, slots, delimiter, decimal, lineEnding }: FormatRequest) => {
  const bytes = encoder.encode(formatNumericLines(data, rows, cols, slots, delimiter, decimal, lineEnding));
  parentPort!.postMessage(bytes, [bytes.buffer]);
});
