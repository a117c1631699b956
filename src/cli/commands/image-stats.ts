/** `stats` on an image or a folder of images: per-channel statistics and the Normalize lines to copy. */
import { stat } from 'node:fs/promises';
import { normalizeLines } from '../../io/images/channel-stats';
import { imageStats, isImagePath } from '../../io/node/image-files';
import { print, printJson } from '../command';
import { say } from '../messages';
import { formatCell, formatTextTable } from '../text-table';
import { passProgress } from '../passes-flags';

/** Whether `path` is an image file (by extension) or a folder (of images). */
export async function isImageInput(path: string): Promise<boolean> {
  if (isImagePath(path)) return true;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // the reader names a missing file
  }
}

export async function printImageStats(path: string, json: boolean): Promise<void> {
  const progress = passProgress();
  let result;
  try {
    result = await imageStats(path, {
      signal: progress.signal,
      onProgress: (done, total) => progress.onProgress?.(done, total, 1),
    });
  } finally {
    progress.close();
  }
  for (const skipped of result.skipped ?? [])
    process.stderr.write(
      `normscope: ${say('imageSkipped', { file: skipped.file, reason: skipped.reason })}\n`,
    );
  if (json) {
    const { images, pixels, channels, alpha, normalize, classes, skipped } = result;
    printJson({
      images,
      pixels,
      channels: channels.map(({ name, mean, std, min, max, histogram }) => ({
        name,
        mean,
        std,
        min,
        max,
        histogram,
      })),
      ...(alpha ? { alpha } : {}),
      normalize,
      ...(classes ? { classes } : {}),
      ...(skipped ? { skipped } : {}),
    });
    return;
  }
  print(
    `${path}: ${result.images} image${result.images === 1 ? '' : 's'}, ${result.pixels} pixels (values /255, std over all pixels)`,
  );
  const rows = [...result.channels, ...(result.alpha ? [result.alpha] : [])];
  print(
    formatTextTable([
      ['channel', 'mean', 'std', 'min', 'max'],
      ...rows.map((c) => [
        c.name,
        formatCell(c.mean),
        formatCell(c.std),
        formatCell(c.min),
        formatCell(c.max),
      ]),
    ]),
  );
  if (result.classes)
    print(
      `classes: ${Object.entries(result.classes)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')}`,
    );
  const lines = normalizeLines(result);
  print('');
  print(`PyTorch (after ToTensor): ${lines.torchvision}`);
  print(`Keras (after Rescaling(1/255)): ${lines.keras}`);
}
