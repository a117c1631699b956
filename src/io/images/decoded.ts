/** A decoded image: interleaved samples of `channels` per pixel, as the file holds them (no resampling). */
export interface DecodedImage {
  width: number;
  height: number;
  /** 'L', 'LA', 'RGB' or 'RGBA': the channel names in order. */
  mode: ImageMode;
  /** 8 or 16 bits per sample. */
  depth: 8 | 16;
  data: Uint8Array | Uint16Array;
}

export type ImageMode = 'L' | 'LA' | 'RGB' | 'RGBA';

export const MODE_OF_CHANNELS: Record<number, ImageMode> = { 1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA' };
