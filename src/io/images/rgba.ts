/** The decoders' RGBA output as the mode the file holds: its first channel (L), its colour (RGB), or all four. */
import type { RgbaImage } from './codec-wasm';
import type { DecodedImage } from './decoded';

export function rgbaTo({ width, height, data }: RgbaImage, mode: 'L' | 'RGB' | 'RGBA'): DecodedImage {
  const rgba = new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (mode === 'RGBA') return { width, height, mode, depth: 8, data: rgba };
  const channels = mode.length;
  const out = new Uint8Array(width * height * channels);
  for (let pixel = 0, from = 0, to = 0; pixel < width * height; pixel++, from += 4, to += channels)
    for (let c = 0; c < channels; c++) out[to + c] = rgba[from + c];
  return { width, height, mode, depth: 8, data: out };
}
