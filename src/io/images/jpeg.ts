/**
 * JPEG decoding by libjpeg-turbo's decoder (mozjpeg's, as jsquash compiles it to WebAssembly), the
 * library Pillow decodes with: the same IDCT, upsampling and colour conversion, so the samples are
 * Pillow's. Like Image.open, nothing is rotated by the EXIF orientation. A grayscale JPEG is mode L; a
 * file that ends early is refused, as Pillow refuses it ("image file is truncated"); corrupt data that
 * libjpeg skips over with a warning decodes as Pillow decodes it.
 */
import mozjpegDecoder from '@jsquash/jpeg/codec/dec/mozjpeg_dec.js';
import { InputError } from '../errors';
import { CodecFailure, exactBuffer, WasmCodec, type ReadCodecWasm, type RgbaImage } from './codec-wasm';
import type { DecodedImage } from './decoded';
import { rgbaTo } from './rgba';

interface MozJpegModule {
  /** RGBA (grayscale as R = G = B), or null; `preserveOrientation` false leaves EXIF orientation alone. */
  decode(data: ArrayBuffer, preserveOrientation: boolean): RgbaImage | null;
}

/** libjpeg's warning when its input ends before the image does (JWRN_JPEG_EOF). */
const ENDS_EARLY = 'Premature end of JPEG file';

export class JpegDecoder {
  private readonly codec: WasmCodec<MozJpegModule>;

  constructor(readWasm: ReadCodecWasm) {
    // jsquash's declarations name DOM and emscripten types src/io compiles without: its factory is typed here.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    this.codec = new WasmCodec<MozJpegModule>('jpeg', mozjpegDecoder, readWasm);
  }

  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    const components = frameComponents(bytes);
    if (components === 4)
      throw new InputError('CMYK JPEG (4 components) is not read: convert it to RGB first');
    const buffer = exactBuffer(bytes);
    let decoded;
    try {
      decoded = await this.codec.call((module) => module.decode(buffer, false));
    } catch (error) {
      if (error instanceof CodecFailure) throw new InputError(`corrupt or truncated JPEG: ${error.message}`);
      throw error;
    }
    const { result: image, printed } = decoded;
    if (!image)
      throw new InputError(`corrupt or truncated JPEG: ${printed.at(-1) ?? 'libjpeg decoded no image'}`);
    if (printed.includes(ENDS_EARLY)) throw new InputError(`corrupt or truncated JPEG: ${ENDS_EARLY}`);
    return rgbaTo(image, components === 1 ? 'L' : 'RGB');
  }
}

/** The component count of the JPEG's frame header (SOFn), or 0 when none is found before the data. */
function frameComponents(bytes: Uint8Array): number {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return 0;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return bytes[at + 9];
    const standalone = marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
    at += standalone ? 2 : 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
  }
  return 0;
}
