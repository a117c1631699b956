/** Node-side file reading for the readers: streams in 1 MiB chunks and names the file in every error. */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { CHUNK_BYTES } from '../byte-source';
import { InputError } from '../errors';

/** Errors from the file system as InputErrors naming the file (no stack, no errno jargon first). */
export function fileSystemError(error: unknown, file: string): unknown {
  const code = (error as { code?: string } | null)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
  };
  return code && reasons[code] ? new InputError(reasons[code], file) : error;
}

/** The first `length` bytes of a file (fewer when the file is shorter) and the file's size. */
export async function readPrefix(
  file: string,
  length: number,
): Promise<{ prefix: Uint8Array; size: number }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError('is a directory, not a file', file);
    const handle = await open(file, 'r');
    try {
      const buffer = new Uint8Array(Math.min(length, info.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return { prefix: buffer.subarray(0, bytesRead), size: info.size };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileSystemError(error, file);
  }
}

/** Calls `onChunk` with each chunk of the file in order, waiting for it when it returns a promise (backpressure). */
export async function streamFile(
  file: string,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
): Promise<void> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }))
      await onChunk(chunk as Uint8Array);
  } catch (error) {
    if (error instanceof InputError) throw error.inFile(file);
    throw fileSystemError(error, file);
  }
}

/** A small file whole (parameter JSON, .npy tensors). */
export async function readWholeFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw fileSystemError(error, file);
  }
}

/** A JSON file's value (`reviver` as JSON.parse takes it); text that is not JSON is an InputError naming the file. */
export async function readJsonFile(
  file: string,
  reviver?: (key: string, value: unknown) => unknown,
): Promise<unknown> {
  const text = new TextDecoder().decode(await readWholeFile(file));
  try {
    return JSON.parse(text, reviver) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`is not valid JSON (${error.message})`, file);
    throw error;
  }
}
