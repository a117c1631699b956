/** Per-channel image statistics as a markdown document, with the Normalize lines to copy (both hosts). */
import * as vscode from 'vscode';
import { afterTransform, IMAGE_TRANSFORMS, normalizeLines } from '../io/images/channel-stats';
import type { ImageFolderStats } from '../io/images/folder-stats';

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

export async function showImageStatisticsText(where: string, result: ImageFolderStats): Promise<void> {
  const document = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: imageStatisticsText(where, result),
  });
  await vscode.window.showTextDocument(document, { preview: true });
}
