/** The second core's work (worker-bundle.ts): printing half of a batch of numbers as CSV lines. */
import { parentPort } from 'node:worker_threads';
import { formatNumericLines } from '../csv/writer';
import type { WorkerTask } from './worker-bundle';

parentPort!.on('message', ({ data, rows, cols, slots, delimiter }: WorkerTask) =>
  parentPort!.postMessage(formatNumericLines(data, rows, cols, slots, delimiter)),
);
