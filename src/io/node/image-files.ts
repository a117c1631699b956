/**
 * Images on disk: one file or a folder searched recursively (ImageFolder layout: one sub-folder per
 * class), decoded one at a time into per-channel statistics. PNG is decoded in TypeScript (fast-png,
 * exact); JPEG and WebP by sharp's libvips (libjpeg-turbo / mozjpeg, libwebp) when sharp loads (a
 * native module: an extension installed without it decodes JPEG with jpeg-js and cannot read WebP). An
 * image that cannot be read is listed with its reason and skipped.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputError } from '../errors';
import { FORMATS, extensionOf } from '../formats/registry';
import { ImageChannelStats } from '../images/channel-stats';
import { folderImageStats, type ImageFolderStats } from '../images/folder-stats';
import { MODE_OF_CHANNELS, type DecodedImage } from '../images/decoded';
import { decodeJpegImage } from '../images/jpeg';
import { decodePngImage } from '../images/png';
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

type Sharp = (typeof import('sharp'))['default'];
let sharpModule: Promise<Sharp | undefined> | undefined;

/** sharp, loaded on first use (the CLI and extension start without it); undefined where it is missing. */
function loadSharp(): Promise<Sharp | undefined> {
  sharpModule ??= import('sharp').then(
    (m) => m.default,
    () => undefined,
  );
  return sharpModule;
}

/** Which decoder reads JPEG here: libjpeg-turbo through sharp, or jpeg-js where sharp is missing. */
export async function jpegDecoder(): Promise<'sharp' | 'jpeg-js'> {
  return (await loadSharp()) ? 'sharp' : 'jpeg-js';
}

/** Decodes one image file's bytes (format from its magic bytes, not its name). */
export async function decodeImageBytes(bytes: Uint8Array): Promise<DecodedImage> {
  if (bytes.length === 0) throw new InputError('empty file');
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return decodePngImage(bytes);
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const webp = String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP';
  if (!jpeg && !webp) throw new InputError('not a PNG, JPEG or WebP image (unknown magic bytes)');
  const sharp = await loadSharp();
  if (!sharp) {
    if (jpeg) return decodeJpegImage(bytes);
    throw new InputError('WebP needs the sharp package (npm install sharp), which did not load here');
  }
  try {
    const image = sharp(bytes, { failOn: 'error' });
    // libvips hands grayscale out as sRGB (R = G = B); its first channel is the file's L exactly.
    const gray = (await image.metadata()).channels === 1;
    const { data, info } = await (gray ? image.extractChannel(0) : image)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const mode = MODE_OF_CHANNELS[info.channels];
    if (!mode) throw new InputError(`${info.channels}-channel image`);
    return {
      width: info.width,
      height: info.height,
      mode,
      depth: 8,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(`corrupt or truncated ${jpeg ? 'JPEG' : 'WebP'}: ${message}`);
  }
}

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
