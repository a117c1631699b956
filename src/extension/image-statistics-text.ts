/** Per-channel image statistics as a markdown document, with the Normalize lines to copy (both hosts). */
import * as vscode from 'vscode';
import { afterTransform, IMAGE_TRANSFORMS, normalizeLines } from '../io/images/channel-stats';
import type { ImageFolderStats } from '../io/images/folder-stats';

export function imageStatisticsText(path: string, result: ImageFolderStats): string {
  const lines = normalizeLines(result);
  const header = {
    transform: vscode.l10n.t('transform'),
    channel: vscode.l10n.t('channel'),
    mean: vscode.l10n.t('mean'),
    std: vscode.l10n.t('std'),
    min: vscode.l10n.t('min'),
    max: vscode.l10n.t('max'),
  };
  const row = (c: { name: string; mean: number; std: number; min: number; max: number }) =>
    `| ${c.name} | ${c.mean.toFixed(6)} | ${c.std.toFixed(6)} | ${c.min.toFixed(4)} | ${c.max.toFixed(4)} |`;
  return [
    `# ${path}`,
    '',
    vscode.l10n.t(
      '{0} image(s), {1} pixels; values are pixels / 255, std over every pixel (population).',
      result.images,
      result.pixels,
    ),
    '',
    `| ${header.channel} | ${header.mean} | ${header.std} | ${header.min} | ${header.max} |`,
    '| --- | --- | --- | --- | --- |',
    ...result.channels.map(row),
    ...(result.alpha ? [row(result.alpha)] : []),
    '',
    `## ${vscode.l10n.t('After each transform, per channel')}`,
    '',
    `| ${header.transform} | ${header.channel} | ${header.mean} | ${header.std} | ${header.min} | ${header.max} |`,
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
          vscode.l10n.t(
            'Classes: {0}',
            Object.entries(result.classes)
              .map(([name, n]) => `${name} ${n}`)
              .join(', '),
          ),
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
          vscode.l10n.t('Skipped {0} unreadable image(s):', result.skipped.length),
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
