/**
 * Printing numbers is most of the time it takes to write a normalized CSV (String(number) must find
 * the shortest text that reads back to the same float64). With a worker thread (./worker.ts) the
 * second core prints half of each batch while this thread prints the other half; without one this
 * thread prints everything. Same text either way.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { formatNumericLines } from '../csv/writer';
import type { FormatRequest, LinePrinter } from '../csv/rewrite';

let bundle: string | undefined;

/**
 * Lets CSV output use a second core, with workers started from `file` (the CLI and the extension:
 * dist/worker.cjs). Off until a host calls it, and off on one core.
 */
export function useWorkerBundle(file: string | undefined): void {
  bundle = file && existsSync(file) && availableParallelism() > 1 ? file : undefined;
}

export type { FormatRequest } from '../csv/rewrite';

/** The worker only makes short-lived strings: a small heap keeps its footprint small. */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 48 };

/** Below this many rows a batch is printed here: a round trip to the worker costs more. */
const SPLIT_FROM_ROWS = 512;

export class LineFormatter implements LinePrinter {
  private worker: Worker | undefined;
  private failed = false;

  /**
   * The lines of a batch whose records are all numbers (formatNumericLines), split across two cores:
   * this thread's half as text, the worker's as UTF-8 bytes (moved, not copied, between the threads).
   */
  async format(request: FormatRequest): Promise<(string | Uint8Array)[]> {
    const { data, rows, cols, slots, delimiter, decimal, lineEnding } = request;
    if (!bundle || this.failed || rows < SPLIT_FROM_ROWS)
      return [formatNumericLines(data, rows, cols, slots, delimiter, decimal, lineEnding)];
    const worker = (this.worker ??= new Worker(bundle, { resourceLimits: WORKER_HEAP }));
    const half = rows >> 1;
    const second = new Promise<Uint8Array>((resolve, reject) => {
      const fail = (error: unknown) => {
        worker.off('message', done);
        reject(error instanceof Error ? error : new Error(`format worker exited (${String(error)})`));
      };
      const done = (bytes: Uint8Array) => {
        worker.off('error', fail).off('exit', fail);
        resolve(bytes);
      };
      worker.once('message', done).once('error', fail).once('exit', fail);
    });
    const tail = data.slice(half * cols, rows * cols);
    worker.postMessage(
      { data: tail, rows: rows - half, cols, slots, delimiter, decimal, lineEnding } satisfies FormatRequest,
      [tail.buffer],
    );
    const first = formatNumericLines(data, half, cols, slots, delimiter, decimal, lineEnding);
    try {
      const parts = [first, await second];
      this.workerBatches++;
      return parts;
    } catch {
      // A worker that cannot start or dies costs speed, never output: print the rest here from now on.
      this.failed = true;
      void this.close();
      return [
        first +
          formatNumericLines(
            data.subarray(half * cols),
            rows - half,
            cols,
            slots,
            delimiter,
            decimal,
            lineEnding,
          ),
      ];
    }
  }

  /** Batches the worker printed half of (tests and diagnostics). */
  workerBatches = 0;

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
