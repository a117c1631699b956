/**
 * Show Statistics on an image or a folder of images: per-channel statistics with a cancellable progress
 * notification (one image at a time), shown as a text document with the Normalize lines to copy.
 */
import * as vscode from 'vscode';
import { imageStats } from '../io/node/image-files';
import { showImageStatisticsText } from './image-statistics-text';
import { withCancellableProgress } from './progress';

export { imageStatisticsText } from './image-statistics-text';

export async function showImageStatistics(target: vscode.Uri): Promise<void> {
  const where = vscode.workspace.asRelativePath(target);
  const result = await withCancellableProgress(`NormScope: reading images in ${where}`, (signal, report) =>
    imageStats(target.fsPath, {
      signal,
      onProgress: (done, total) => report((100 * done) / total, `${done} of ${total}`),
    }),
  );
  if (result) await showImageStatisticsText(where, result);
}
