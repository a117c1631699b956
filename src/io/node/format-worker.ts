/** The second core's half of writing numbers as CSV text (LineFormatter): a request in, lines out. */
import { parentPort } from 'node:worker_threads';
import { formatNumericLines } from '../csv/writer';
import type { FormatRequest } from './line-formatter';

parentPort!.on('message', ({ data, rows, cols, slots, delimiter }: FormatRequest) =>
  parentPort!.postMessage(formatNumericLines(data, rows, cols, slots, delimiter)),
);
