/**
 * Show Statistics on an image or a folder of images in the browser: PNG through fast-png and JPEG
 * through jpeg-js (pure JavaScript), read through workspace.fs one image at a time. WebP needs sharp
 * (desktop and CLI) and is listed among the skipped images, or refused when it is the one file.
 */
import * as vscode from 'vscode';
import { InputError } from '../../io/errors';
import { ImageChannelStats } from '../../io/images/channel-stats';
import type { DecodedImage } from '../../io/images/decoded';
import { decodeJpegImage } from '../../io/images/jpeg';
import { decodePngImage } from '../../io/images/png';
import { extensionOf, FORMATS } from '../../io/formats/registry';
import { folderImageStats, type ImageFolderStats } from '../../io/images/folder-stats';
import { ImagePanel } from '../image-panel';
import { withCancellableProgress } from '../progress';

function decodeImage(bytes: Uint8Array): DecodedImage {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return decodePngImage(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return decodeJpegImage(bytes);
  throw new InputError(
    'is not a PNG or JPEG: WebP is decoded by sharp, in VS Code desktop and the normscope CLI, not in the browser',
  );
}

async function listImages(root: vscode.Uri): Promise<{ uri: vscode.Uri; parts: string[] }[]> {
  const found: { uri: vscode.Uri; parts: string[] }[] = [];
  const walk = async (dir: vscode.Uri, parts: string[]) => {
    const entries = (await vscode.workspace.fs.readDirectory(dir)).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const [name, type] of entries) {
      if (name.startsWith('.')) continue;
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) await walk(uri, [...parts, name]);
      else if (FORMATS.image.extensions.includes(extensionOf(name)))
        found.push({ uri, parts: [...parts, name] });
    }
  };
  await walk(root, []);
  return found;
}

async function webImageStats(
  target: vscode.Uri,
  where: string,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<ImageFolderStats> {
  const stats = new ImageChannelStats();
  if ((await vscode.workspace.fs.stat(target)).type !== vscode.FileType.Directory) {
    try {
      stats.add(decodeImage(await vscode.workspace.fs.readFile(target)));
    } catch (error) {
      if (error instanceof InputError) throw error.inFile(where);
      throw error;
    }
    return stats.result();
  }
  const images = (await listImages(target)).map(({ uri, parts }) => ({
    parts,
    decode: async () => decodeImage(await vscode.workspace.fs.readFile(uri)),
  }));
  return folderImageStats(images, where, { signal, onProgress });
}

export async function showWebImageStatistics(target: vscode.Uri, extensionUri: vscode.Uri): Promise<void> {
  const where = vscode.workspace.asRelativePath(target);
  const result = await withCancellableProgress(`NormScope: reading images in ${where}`, (signal, report) =>
    webImageStats(target, where, signal, (done, total) =>
      report((100 * done) / total, `${done} of ${total}`),
    ),
  );
  if (result) ImagePanel.open(extensionUri, where, result, 'PNG: fast-png; JPEG: jpeg-js');
}
