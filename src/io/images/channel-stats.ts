/**
 * Per-channel statistics of many images on the 0–1 scale (samples / 255, or / 65535 for 16-bit), over
 * every pixel of every image (N, H, W), as `transforms.Normalize(mean, std)` wants them: population std.
 * Each image adds its samples to exact per-level counts (256 or 65536 levels), so memory is one image
 * plus the counts, and mean, std, min, max come from the counts exactly.
 *
 * Colour follows torchvision's ImageFolder loader (Image.convert('RGB')): when any image has colour,
 * grayscale images count as R = G = B = L; alpha is never mixed into colour and is reported apart.
 */
import type { DecodedImage } from './decoded';

export interface ChannelSummary {
  name: string;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Samples in 32 equal-width bins over [0, 1]. */
  histogram: number[];
}

export interface ImageStatsResult {
  images: number;
  pixels: number;
  channels: ChannelSummary[];
  /** Alpha, when any image has it: its own summary, not part of Normalize. */
  alpha?: ChannelSummary;
  normalize: { mean: number[]; std: number[] };
}

const HISTOGRAM_BINS = 32;

/** Exact counts of each level of one channel, at 8 and at 16 bits. */
class LevelCounts {
  readonly counts8 = new Float64Array(256);
  counts16: Float64Array | null = null;

  addStrided(data: Uint8Array | Uint16Array, depth: 8 | 16, offset: number, stride: number): void {
    const counts = depth === 8 ? this.counts8 : (this.counts16 ??= new Float64Array(65536));
    for (let i = offset; i < data.length; i += stride) counts[data[i]]++;
  }

  merge(other: LevelCounts): void {
    for (let v = 0; v < 256; v++) this.counts8[v] += other.counts8[v];
    if (other.counts16) {
      const mine = (this.counts16 ??= new Float64Array(65536));
      for (let v = 0; v < 65536; v++) mine[v] += other.counts16[v];
    }
  }

  /** Calls `each(value01, count)` for every level present. */
  forEach(each: (value: number, count: number) => void): void {
    for (let v = 0; v < 256; v++) if (this.counts8[v] > 0) each(v / 255, this.counts8[v]);
    if (this.counts16)
      for (let v = 0; v < 65536; v++) if (this.counts16[v] > 0) each(v / 65535, this.counts16[v]);
  }

  summary(name: string): ChannelSummary {
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    this.forEach((value, count) => {
      n += count;
      sum += value * count;
      if (value < min) min = value;
      if (value > max) max = value;
    });
    const mean = sum / n;
    let squares = 0;
    const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
    this.forEach((value, count) => {
      squares += (value - mean) * (value - mean) * count;
      histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(value * HISTOGRAM_BINS))] += count;
    });
    return {
      name,
      mean,
      std: Math.sqrt(squares / n),
      min: n > 0 ? min : NaN,
      max: n > 0 ? max : NaN,
      histogram,
    };
  }
}

export class ImageChannelStats {
  private readonly gray = new LevelCounts();
  private readonly colour = [new LevelCounts(), new LevelCounts(), new LevelCounts()];
  private readonly alpha = new LevelCounts();
  private hasColour = false;
  private hasAlpha = false;
  images = 0;
  pixels = 0;

  add(image: DecodedImage): void {
    const { data, depth, mode } = image;
    const stride = mode.length;
    switch (mode) {
      case 'L':
      case 'LA':
        this.gray.addStrided(data, depth, 0, stride);
        break;
      case 'RGB':
      case 'RGBA':
        this.hasColour = true;
        this.colour.forEach((counts, c) => counts.addStrided(data, depth, c, stride));
        break;
    }
    if (mode === 'LA' || mode === 'RGBA') {
      this.hasAlpha = true;
      this.alpha.addStrided(data, depth, stride - 1, stride);
    }
    this.images++;
    this.pixels += image.width * image.height;
  }

  result(): ImageStatsResult {
    let channels: ChannelSummary[];
    if (this.hasColour) {
      this.colour.forEach((counts) => counts.merge(this.gray));
      channels = this.colour.map((counts, c) => counts.summary('RGB'[c]));
    } else {
      channels = [this.gray.summary('L')];
    }
    return {
      images: this.images,
      pixels: this.pixels,
      channels,
      ...(this.hasAlpha ? { alpha: this.alpha.summary('A') } : {}),
      normalize: { mean: channels.map((c) => c.mean), std: channels.map((c) => c.std) },
    };
  }
}

const round4 = (values: number[]) => values.map((v) => Number(v.toFixed(4))).join(', ');

/** The lines to copy into a PyTorch and a Keras pipeline. */
export function normalizeLines(result: ImageStatsResult): { torchvision: string; keras: string } {
  const { mean, std } = result.normalize;
  return {
    torchvision: `transforms.Normalize(mean=[${round4(mean)}], std=[${round4(std)}])`,
    keras: `layers.Normalization(mean=[${round4(mean)}], variance=[${round4(std.map((s) => s * s))}])`,
  };
}

/** The per-channel transforms an image pipeline applies after decoding, on values already / 255. */
export const IMAGE_TRANSFORMS = [
  { id: 'unit', title: 'ToTensor (/255)' },
  { id: 'normalize', title: 'Normalize(mean, std)' },
  { id: 'symmetric', title: '[-1, 1] (x·2 − 1)' },
] as const;

export type ImageTransformId = (typeof IMAGE_TRANSFORMS)[number]['id'];

/**
 * A channel's mean, std, min and max after a transform, exactly from its statistics: the transforms are
 * affine per channel (x·a + b), so mean ↦ mean·a + b, std ↦ std·|a|, and min and max map to the ends.
 */
export function afterTransform(
  channel: ChannelSummary,
  transform: ImageTransformId,
): Omit<ChannelSummary, 'histogram'> {
  let scale: number;
  let shift: number;
  switch (transform) {
    case 'unit':
      [scale, shift] = [1, 0];
      break;
    case 'normalize':
      [scale, shift] = [1 / channel.std, -channel.mean / channel.std];
      break;
    case 'symmetric':
      [scale, shift] = [2, -1];
      break;
  }
  const ends = [channel.min * scale + shift, channel.max * scale + shift];
  return {
    name: channel.name,
    mean: channel.mean * scale + shift,
    std: channel.std * Math.abs(scale),
    min: Math.min(...ends),
    max: Math.max(...ends),
  };
}
