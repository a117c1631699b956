/**
 * One image decoder for every host (the CLI, the desktop extension, the web extension's worker): PNG by
 * fast-png, JPEG by libjpeg-turbo and WebP by libwebp in WebAssembly, chosen by the file's magic bytes,
 * not its name. The wasm is read through `readWasm` on the first JPEG or WebP, once per format.
 */
import { InputError } from '../errors';
import type { ReadCodecWasm } from './codec-wasm';
import type { DecodedImage } from './decoded';
import { JpegDecoder } from './jpeg';
import { decodePngImage } from './png';
import { WebPDecoder } from './webp';

/** What decodes each format, in the words the image panel shows (the same on every host). */
export const IMAGE_DECODERS = 'PNG: fast-png; JPEG: libjpeg-turbo (WebAssembly); WebP: libwebp (WebAssembly)';

export class ImageDecoder {
  private readonly jpeg: JpegDecoder;
  private readonly webp: WebPDecoder;

  constructor(readWasm: ReadCodecWasm) {
    this.jpeg = new JpegDecoder(readWasm);
    this.webp = new WebPDecoder(readWasm);
  }

  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    if (bytes.length === 0) throw new InputError('empty file');
    if (bytes[0] === 0x89 && bytes[1] === 0x50) return decodePngImage(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return this.jpeg.decode(bytes);
    if (String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return this.webp.decode(bytes);
    throw new InputError('not a PNG, JPEG or WebP image (unknown magic bytes)');
  }
}
