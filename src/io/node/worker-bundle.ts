/**
 * The worker thread that lets CSV output use a second core: printing half of each batch of a
 * normalized file (line-formatter.ts). Off until a host points at its bundle (the CLI and the
 * extension: dist/worker.cjs), and off on one core.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FormatRequest } from './line-formatter';

let bundle: string | undefined;

export function useWorkerBundle(file: string | undefined): void {
  bundle = file && existsSync(file) && availableParallelism() > 1 ? file : undefined;
}

/** The bundle to start workers from, or undefined: do the work on this thread. */
export function workerBundle(): string | undefined {
  return bundle;
}

export type WorkerTask = { task: 'format' } & FormatRequest;
