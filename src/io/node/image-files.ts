/**
 * Images on disk: one file or a folder searched recursively (ImageFolder layout: one sub-folder per
 * class), decoded one at a time into per-channel statistics by the decoder every host shares
 * (../images/decode-image.ts: fast-png, and libjpeg-turbo and libwebp in WebAssembly). An image that
 * cannot be read is listed with its reason and skipped.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { InputError } from '../errors';
import { FORMATS, extensionOf } from '../formats/registry';
import { ImageChannelStats } from '../images/channel-stats';
import { CODEC_WASM, type ImageCodec } from '../images/codec-wasm';
import { ImageDecoder } from '../images/decode-image';
import { folderImageStats, type ImageFolderStats } from '../images/folder-stats';
import type { DecodedImage } from '../images/decoded';
import type { ReadProgress } from './csv-file';
import { fileSystemError, readWholeFile } from './read-file';

export type { ImageFolderStats } from '../images/folder-stats';

export const isImagePath = (path: string) => FORMATS.image.extensions.includes(extensionOf(path));

async function listImages(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isImagePath(entry.name)) found.push(path);
    }
  };
  await walk(root);
  return found;
}

/**
 * A decoder's .wasm: beside the running bundle (dist/, where esbuild.mjs copies it: the CLI and the
 * extension), else in its package (run from source).
 */
export function codecWasmPath(codec: ImageCodec): string {
  const { file, packageName, inPackage } = CODEC_WASM[codec];
  const bundled = typeof __dirname === 'string' ? join(__dirname, file) : undefined;
  if (bundled && existsSync(bundled)) return bundled;
  const require = createRequire(join(process.cwd(), 'package.json'));
  return join(dirname(require.resolve(`${packageName}/package.json`)), inPackage);
}

const decoder = new ImageDecoder((codec) => readFile(codecWasmPath(codec)));

/** Decodes one image file's bytes (format from its magic bytes, not its name). */
export const decodeImageBytes = (bytes: Uint8Array): Promise<DecodedImage> => decoder.decode(bytes);

export async function decodeImageFile(file: string): Promise<DecodedImage> {
  try {
    return await decodeImageBytes(await readWholeFile(file));
  } catch (error) {
    if (error instanceof InputError) throw error.inFile(file);
    throw error;
  }
}

/**
 * Per-channel statistics of an image file or of every image under a folder, one image in memory at a
 * time. `onProgress(done, total)` after each image; `signal` stops between images.
 */
export async function imageStats(path: string, progress: ReadProgress = {}): Promise<ImageFolderStats> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw fileSystemError(error, path);
  }
  if (!isFolder) {
    const stats = new ImageChannelStats();
    stats.add(await decodeImageFile(path));
    return stats.result();
  }
  const files = await listImages(path);
  // a skipped image is named by its path below the folder, '/'-separated on every platform
  const images = files.map((file) => ({
    parts: relative(path, file).split(sep),
    decode: () => decodeImageFile(file),
  }));
  return folderImageStats(images, path, progress);
}
