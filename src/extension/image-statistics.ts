/**
 * Show Statistics on an image or a folder of images: per-channel statistics with a cancellable progress
 * notification (one image at a time), shown as a text document with the Normalize lines to copy.
 */
import * as vscode from 'vscode';
import { afterTransform, IMAGE_TRANSFORMS, normalizeLines } from '../io/images/channel-stats';
import { imageStats, type ImageFolderStats } from '../io/node/image-files';
import { withCancellableProgress } from './progress';

export function imageStatisticsText(path: string, result: ImageFolderStats): string {
  const lines = normalizeLines(result);
  const row = (c: { name: string; mean: number; std: number; min: number; max: number }) =>
    `| ${c.name} | ${c.mean.toFixed(6)} | ${c.std.toFixed(6)} | ${c.min.toFixed(4)} | ${c.max.toFixed(4)} |`;
  return [
    `# ${path}`,
    '',
    `${result.images} image(s), ${result.pixels} pixels; values are pixels / 255, std over every pixel (population).`,
    '',
    '| channel | mean | std | min | max |',
    '| --- | --- | --- | --- | --- |',
    ...result.channels.map(row),
    ...(result.alpha ? [row(result.alpha)] : []),
    '',
    '## After each transform, per channel',
    '',
    '| transform | channel | mean | std | min | max |',
    '| --- | --- | --- | --- | --- | --- |',
    ...IMAGE_TRANSFORMS.flatMap((t) =>
      result.channels.map((c) => {
        const after = afterTransform(c, t.id);
        return `| ${t.title} | ${c.name} | ${after.mean.toFixed(6)} | ${after.std.toFixed(6)} | ${after.min.toFixed(4)} | ${after.max.toFixed(4)} |`;
      }),
    ),
    '',
    ...(result.classes
      ? [
          `Classes: ${Object.entries(result.classes)
            .map(([name, n]) => `${name} ${n}`)
            .join(', ')}`,
          '',
        ]
      : []),
    '```python',
    lines.torchvision,
    lines.keras,
    '```',
    ...(result.skipped
      ? [
          '',
          `Skipped ${result.skipped.length} unreadable image(s):`,
          ...result.skipped.map((s) => `- ${s.file}: ${s.reason}`),
        ]
      : []),
    '',
  ].join('\n');
}

export async function showImageStatistics(target: vscode.Uri): Promise<void> {
  const where = vscode.workspace.asRelativePath(target);
  const result = await withCancellableProgress(`NormScope: reading images in ${where}`, (signal, report) =>
    imageStats(target.fsPath, {
      signal,
      onProgress: (done, total) => report((100 * done) / total, `${done} of ${total}`),
    }),
  );
  if (!result) return;
  const document = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: imageStatisticsText(where, result),
  });
  await vscode.window.showTextDocument(document, { preview: true });
}
