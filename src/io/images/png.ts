/**
 * PNG decoding in pure TypeScript (fast-png), so it runs in a browser as in Node: 8- and 16-bit
 * grayscale, gray+alpha, RGB and RGBA; palette images expand to RGB (RGBA with a tRNS chunk), as Pillow's
 * convert('RGB'/'RGBA') gives them. Samples are the file's, exactly.
 */
import { convertIndexedToRgb, decode } from 'fast-png';
import { InputError } from '../errors';
import { MODE_OF_CHANNELS, type DecodedImage } from './decoded';

export function decodePngImage(bytes: Uint8Array): DecodedImage {
  let png;
  try {
    png = decode(bytes);
  } catch (error) {
    throw new InputError(
      `corrupt or truncated PNG: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { width, height } = png;
  if (png.palette) {
    const data = convertIndexedToRgb(png);
    const channels = data.length / (width * height);
    return { width, height, mode: MODE_OF_CHANNELS[channels], depth: 8, data };
  }
  if (png.depth !== 8 && png.depth !== 16)
    throw new InputError(`${png.depth}-bit PNG samples are not read (8- and 16-bit are)`);
  const mode = MODE_OF_CHANNELS[png.channels];
  if (!mode) throw new InputError(`PNG with ${png.channels} channels`);
  const data =
    png.data instanceof Uint8ClampedArray
      ? new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length)
      : png.data;
  if (data.length < width * height * png.channels)
    throw new InputError('truncated PNG: fewer pixels than its size');
  return { width, height, mode, depth: png.depth, data };
}
