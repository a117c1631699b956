/**
 * Show Statistics on an image or a folder of images in the browser, read through workspace.fs one image
 * at a time and decoded by the decoder the CLI and the desktop use (PNG by fast-png, JPEG and WebP by
 * libjpeg-turbo and libwebp in WebAssembly, their .wasm read from the extension's dist/), so the
 * statistics are the same to the last digit.
 */
import * as vscode from 'vscode';
import { InputError } from '../../io/errors';
import { ImageChannelStats } from '../../io/images/channel-stats';
import { CODEC_WASM } from '../../io/images/codec-wasm';
import { IMAGE_DECODERS, ImageDecoder } from '../../io/images/decode-image';
import { extensionOf, FORMATS } from '../../io/formats/registry';
import { folderImageStats, type ImageFolderStats } from '../../io/images/folder-stats';
import { ImagePanel } from '../image-panel';
import { withCancellableProgress } from '../progress';

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
  decoder: ImageDecoder,
  target: vscode.Uri,
  where: string,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<ImageFolderStats> {
  const stats = new ImageChannelStats();
  if ((await vscode.workspace.fs.stat(target)).type !== vscode.FileType.Directory) {
    try {
      stats.add(await decoder.decode(await vscode.workspace.fs.readFile(target)));
    } catch (error) {
      if (error instanceof InputError) throw error.inFile(where);
      throw error;
    }
    return stats.result();
  }
  const images = (await listImages(target)).map(({ uri, parts }) => ({
    parts,
    decode: async () => decoder.decode(await vscode.workspace.fs.readFile(uri)),
  }));
  return folderImageStats(images, where, { signal, onProgress });
}

/** The decoder, its .wasm read from the extension's dist/ (the extension's URI is known from the first call). */
let decoder: ImageDecoder | undefined;

export async function showWebImageStatistics(target: vscode.Uri, extensionUri: vscode.Uri): Promise<void> {
  const imageDecoder = (decoder ??= new ImageDecoder((codec) =>
    Promise.resolve(
      vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', CODEC_WASM[codec].file)),
    ),
  ));
  const where = vscode.workspace.asRelativePath(target);
  const result = await withCancellableProgress(`NormScope: reading images in ${where}`, (signal, report) =>
    webImageStats(imageDecoder, target, where, signal, (done, total) =>
      report((100 * done) / total, `${done} of ${total}`),
    ),
  );
  if (result) ImagePanel.open(extensionUri, where, result, IMAGE_DECODERS);
}
