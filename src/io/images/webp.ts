/**
 * WebP decoding by libwebp (jsquash's WebAssembly build), the library Pillow decodes with. The mode is
 * Pillow's: RGBA when libwebp's WebPGetFeatures reports alpha, else RGB (a lossy or lossless file
 * written from an opaque RGBA image carries no alpha and is RGB, as Image.open reports it).
 */
import webpDecoder from '@jsquash/webp/codec/dec/webp_dec.js';
import { InputError } from '../errors';
import { CodecFailure, exactBuffer, WasmCodec, type ReadCodecWasm, type RgbaImage } from './codec-wasm';
import type { DecodedImage } from './decoded';
import { rgbaTo } from './rgba';

interface WebPModule {
  /** Straight (not premultiplied) RGBA, or null when libwebp cannot decode the data. */
  decode(data: ArrayBuffer): RgbaImage | null;
}

const corrupt = (why: string) => new InputError(`corrupt or truncated WebP: ${why}`);

export class WebPDecoder {
  private readonly codec: WasmCodec<WebPModule>;

  constructor(readWasm: ReadCodecWasm) {
    // jsquash's declarations name DOM and emscripten types src/io compiles without: its factory is typed here.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    this.codec = new WasmCodec<WebPModule>('webp', webpDecoder, readWasm);
  }

  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    const { hasAlpha, animated } = webpFeatures(bytes);
    if (animated) throw new InputError('animated WebP is not read (its frames are several images)');
    const buffer = exactBuffer(bytes);
    let image;
    try {
      image = (await this.codec.call((module) => module.decode(buffer))).result;
    } catch (error) {
      if (error instanceof CodecFailure) throw corrupt(error.message);
      throw error;
    }
    if (!image) throw corrupt('libwebp decoded no image');
    return rgbaTo(image, hasAlpha ? 'RGBA' : 'RGB');
  }
}

const fourcc = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
const uint32 = (bytes: Uint8Array, at: number) =>
  (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;

const VP8X_ALPHA = 0x10;
const VP8X_ANIMATION = 0x02;

/**
 * Alpha and animation as libwebp's WebPGetFeatures reads them from the RIFF chunks: an extended file
 * (VP8X) has alpha by its flag or an ALPH chunk, but a lossless bitstream's own alpha bit decides for
 * it; a simple lossy file (VP8) has none.
 */
export function webpFeatures(bytes: Uint8Array): { hasAlpha: boolean; animated: boolean } {
  if (bytes.length < 20 || fourcc(bytes, 0) !== 'RIFF' || fourcc(bytes, 8) !== 'WEBP')
    throw corrupt('no RIFF/WEBP header');
  const riffEnd = 8 + uint32(bytes, 4);
  if (riffEnd > bytes.length)
    throw corrupt(`its RIFF header gives ${riffEnd} bytes, the file has ${bytes.length}`);
  let hasAlpha = false;
  for (let at = 12; at + 8 <= riffEnd;) {
    const chunk = fourcc(bytes, at);
    const size = uint32(bytes, at + 4);
    const payload = at + 8;
    if (payload + size > riffEnd) throw corrupt(`its ${chunk.trim()} chunk runs past the end of the file`);
    switch (chunk) {
      case 'VP8X':
        if ((bytes[payload] & VP8X_ANIMATION) !== 0) return { hasAlpha, animated: true };
        hasAlpha = (bytes[payload] & VP8X_ALPHA) !== 0;
        break;
      case 'ALPH':
        hasAlpha = true;
        break;
      case 'VP8 ':
        return { hasAlpha, animated: false };
      case 'VP8L':
        if (size < 5) throw corrupt('its VP8L header is cut short');
        return { hasAlpha: ((uint32(bytes, payload + 1) >>> 28) & 1) === 1, animated: false };
    }
    at = payload + size + (size & 1);
  }
  throw corrupt('no VP8 or VP8L image data');
}
