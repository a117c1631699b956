/** A file on disk as a ByteSource: 1 MiB streamed chunks, errors naming the file. */
import type { ByteSource } from '../byte-source';
import { readPrefix, readWholeFile, streamFile } from './read-file';

export function fileSource(file: string): ByteSource {
  return {
    name: file,
    prefix: (length) => readPrefix(file, length),
    chunks: (onChunk) => streamFile(file, onChunk),
    whole: () => readWholeFile(file),
  };
}
