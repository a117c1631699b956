/**
 * Per-channel statistics of the images of a folder, one decoded at a time, whoever reads their bytes
 * (Node on disk, workspace.fs in the browser): class counts when every image sits in a first-level
 * sub-folder (ImageFolder layout), and the images that cannot be read listed with their reason.
 */
import { InputError } from '../errors';
import { FORMATS } from '../formats/registry';
import { ImageChannelStats, type ImageStatsResult } from './channel-stats';
import type { DecodedImage } from './decoded';

export interface ImageFolderStats extends ImageStatsResult {
  /** Images per class (first-level sub-folder), when every image is in one. */
  classes?: Record<string, number>;
  skipped?: { file: string; reason: string }[];
}

export interface FolderImage {
  /** The path below the folder, one entry per level. */
  parts: readonly string[];
  decode: () => Promise<DecodedImage>;
}

export async function folderImageStats(
  images: readonly FolderImage[],
  folder: string,
  progress: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImageFolderStats> {
  if (images.length === 0)
    throw new InputError(
      `no ${FORMATS.image.extensions.map((e) => `.${e}`).join('/')} images under it`,
      folder,
    );
  const stats = new ImageChannelStats();
  const skipped: { file: string; reason: string }[] = [];
  const classes = new Map<string, number>();
  let everyInClass = true;
  for (const [index, { parts, decode }] of images.entries()) {
    progress.signal?.throwIfAborted();
    try {
      stats.add(await decode());
      if (parts.length >= 2) classes.set(parts[0], (classes.get(parts[0]) ?? 0) + 1);
      else everyInClass = false;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push({ file: parts.join('/'), reason: error.detail });
    }
    progress.onProgress?.(index + 1, images.length);
  }
  if (stats.images === 0)
    throw new InputError(
      `none of its ${images.length} images could be read (first: ${skipped[0].file}: ${skipped[0].reason})`,
      folder,
    );
  return {
    ...stats.result(),
    ...(everyInClass && classes.size > 0 ? { classes: Object.fromEntries(classes) } : {}),
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}
