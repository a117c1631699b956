/**
 * JPEG decoding in pure JavaScript (jpeg-js), for where sharp's libjpeg-turbo is not available (a
 * browser, an extension installed without native modules). Its IDCT and chroma upsampling differ from
 * libjpeg-turbo's, so samples can differ from Pillow's by a few levels (docs/formats.md gives the
 * measured largest difference); sharp is used whenever it loads.
 */
import { decode } from 'jpeg-js';
import { InputError } from '../errors';
import type { DecodedImage } from './decoded';

export function decodeJpegImage(bytes: Uint8Array): DecodedImage {
  let image;
  try {
    image = decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxMemoryUsageInMB: 2048,
    });
  } catch (error) {
    throw new InputError(
      `corrupt or truncated JPEG: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { width, height, data } = image;
  const samples = data.length / (width * height);
  if (samples !== 3) throw new InputError(`JPEG with ${samples} samples per pixel`);
  if (frameComponents(bytes) !== 1) return { width, height, mode: 'RGB', depth: 8, data };
  // jpeg-js hands a grayscale JPEG out as R = G = B: its first channel is the file's L.
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = data[3 * i];
  return { width, height, mode: 'L', depth: 8, data: gray };
}

/** The component count of the JPEG's frame header (SOFn), or 0 when none is found. */
function frameComponents(bytes: Uint8Array): number {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return 0;
    const marker = bytes[at + 1];
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return bytes[at + 9];
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
  }
  return 0;
}
