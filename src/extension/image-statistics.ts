/**
 * Show Statistics on an image or a folder of images: per-channel statistics with a cancellable progress
 * notification (one image at a time), shown in the image panel (before/after each transform, the
 * Normalize lines to copy, and the Markdown report a click away).
 */
import * as vscode from 'vscode';
import { IMAGE_DECODERS } from '../io/images/decode-image';
import { imageStats } from '../io/node/image-files';
import { ImagePanel } from './image-panel';
import { withCancellableProgress } from './progress';

export { imageStatisticsText } from './image-statistics-text';

export async function showImageStatistics(target: vscode.Uri, extensionUri: vscode.Uri): Promise<void> {
  const where = vscode.workspace.asRelativePath(target);
  const result = await withCancellableProgress(
    vscode.l10n.t('NormScope: reading images in {0}', where),
    (signal, report) =>
      imageStats(target.fsPath, {
        signal,
        onProgress: (done, total) =>
          report((100 * done) / total, vscode.l10n.t('{0} of {1} images', done, total)),
      }),
  );
  if (result) ImagePanel.open(extensionUri, where, result, IMAGE_DECODERS);
}
