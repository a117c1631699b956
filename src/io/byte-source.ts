/**
 * Where a reader's bytes come from, whatever holds them: a file on disk (Node streams), a file on any
 * VS Code file system (`workspace.fs`, the browser included) or bytes already in memory. Readers take a
 * ByteSource and never learn which: every bytes-in reader runs in the CLI, the desktop and the web.
 */
export interface ByteSource {
  /** Names the source in messages (a path, or a workspace-relative name). */
  readonly name: string;
  /** The first `length` bytes (fewer when the source is shorter) and the source's size. */
  prefix(length: number): Promise<{ prefix: Uint8Array; size: number }>;
  /** Calls `onChunk` with each chunk in order, waiting for it when it returns a promise (backpressure). */
  chunks(onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void>;
  /** Every byte at once (small files: .npy tensors, parameter JSON). */
  whole(): Promise<Uint8Array>;
}

/** Chunks of this many bytes: the tokenizer's batch and the progress notification's step. */
export const CHUNK_BYTES = 1 << 20;

/** Bytes in memory as a source, handed out in CHUNK_BYTES views (no copies). */
export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    prefix: (length) => Promise.resolve({ prefix: bytes.subarray(0, length), size: bytes.length }),
    async chunks(onChunk) {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES)
        await onChunk(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)));
    },
    whole: () => Promise.resolve(bytes),
  };
}

/** Where an output goes, written as it is produced: `commit` puts it in place, `abort` leaves nothing. */
export interface OutputSink {
  write(part: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** One write, then commit; nothing is left behind when either fails. */
export async function writeAll(output: OutputSink, contents: string | Uint8Array): Promise<void> {
  try {
    await output.write(contents);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}
