/**
 * Outputs written so a user's files are never damaged: to a temporary file in the target's directory,
 * moved into place only when complete (rename is atomic on one file system). The input is never a valid
 * target; an existing file is replaced only with `force` (otherwise the move links without clobbering).
 * On failure the temporary file is removed and nothing is left behind; on an interrupt the host's
 * signal handler removes it (temporary-files.ts), and stale ones of dead processes go on the next write.
 */
import { createWriteStream, existsSync, realpathSync, type WriteStream } from 'node:fs';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors';
import { holdTemporary, releaseTemporary, removeStaleTemporaries, temporaryPathFor } from './temporary-files';

export interface OutputOptions {
  /** Replace an existing file. */
  force?: boolean;
  /** Files this run reads; writing to any of them is refused. */
  inputs?: readonly string[];
}

function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

/** Throws an InputError naming `target` when it is an input or exists without force. */
export function checkOutputTarget(target: string, options: OutputOptions): void {
  const resolved = canonical(target);
  if ((options.inputs ?? []).some((input) => canonical(input) === resolved)) {
    throw new InputError('is an input of this command; write the output to a new file', target);
  }
  if (!options.force && existsSync(resolved))
    throw new InputError('already exists; pass --force to replace it', target);
}

/** A new temporary path beside `target`, held for interrupt cleanup; stale ones there removed first. */
function temporaryPath(target: string): string {
  removeStaleTemporaries(dirname(resolve(target)));
  const path = temporaryPathFor(target);
  holdTemporary(path);
  return path;
}

async function removeTemporary(temporary: string): Promise<void> {
  await unlink(temporary).catch(() => undefined);
  releaseTemporary(temporary);
}

async function moveIntoPlace(temporary: string, target: string, force: boolean): Promise<void> {
  try {
    if (force) {
      await rename(temporary, target);
      releaseTemporary(temporary);
    } else {
      await link(temporary, target);
      await removeTemporary(temporary);
    }
  } catch (error) {
    await removeTemporary(temporary);
    if ((error as { code?: string }).code === 'EEXIST')
      throw new InputError('already exists; pass --force to replace it', target);
    throw error;
  }
}

/** Writes a whole buffer or string atomically. */
export async function writeFileAtomic(
  target: string,
  contents: Uint8Array | string,
  options: OutputOptions = {},
): Promise<void> {
  checkOutputTarget(target, options);
  const temporary = temporaryPath(target);
  try {
    await writeFile(temporary, contents, { flag: 'wx' });
  } catch (error) {
    await removeTemporary(temporary);
    throw error;
  }
  await moveIntoPlace(temporary, target, options.force ?? false);
}

/**
 * An output another program writes (DuckDB's COPY … TO): `write` gets a temporary path beside the
 * target, which is moved into place when it resolves and removed when it throws.
 */
export async function writeThroughTemporary(
  target: string,
  options: OutputOptions,
  write: (temporary: string) => Promise<void>,
): Promise<void> {
  checkOutputTarget(target, options);
  const temporary = temporaryPath(target);
  try {
    await write(temporary);
  } catch (error) {
    await removeTemporary(temporary);
    throw error;
  }
  await moveIntoPlace(temporary, target, options.force ?? false);
}

/** A streamed output: write() as you go, then commit() to move it into place or abort() to discard. */
export class AtomicOutput {
  private readonly temporary: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(
    readonly target: string,
    private readonly options: OutputOptions = {},
  ) {
    checkOutputTarget(target, options);
    this.temporary = temporaryPath(target);
    this.stream = createWriteStream(this.temporary, { flags: 'wx' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  /** Queues text; resolves when the stream can take more (backpressure). */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await new Promise<void>((done) => this.stream.once('drain', done));
  }

  async commit(): Promise<void> {
    await new Promise<void>((done, fail) =>
      this.stream.end((error?: Error | null) => (error ? fail(error) : done())),
    );
    if (this.failure) {
      await this.abort();
      throw this.failure;
    }
    await moveIntoPlace(this.temporary, this.target, this.options.force ?? false);
  }

  async abort(): Promise<void> {
    await new Promise<void>((done) =>
      this.stream.closed ? done() : this.stream.destroy() && this.stream.once('close', () => done()),
    );
    await removeTemporary(this.temporary);
  }
}
