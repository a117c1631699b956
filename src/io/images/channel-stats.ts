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
  /**
   * Samples in LEVEL_HISTOGRAM_BINS equal-width bins over [0, 1] (the last bin closed): at 8 bits each
   * level has a bin of its own (level v lands in bin v), so a coarser view that merges 2, 4, … bins is
   * exact too; 16-bit levels share a bin 256 at a time.
   */
  levelHistogram: Float64Array;
}

/** The moments and range of a channel, without its histograms. */
export type ChannelMoments = Omit<ChannelSummary, 'histogram' | 'levelHistogram'>;

export interface ImageStatsResult {
  images: number;
  pixels: number;
  channels: ChannelSummary[];
  /** Alpha, when any image has it: its own summary, not part of Normalize. */
  alpha?: ChannelSummary;
  normalize: { mean: number[]; std: number[] };
}

const HISTOGRAM_BINS = 32;
export const LEVEL_HISTOGRAM_BINS = 256;

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
    const levelHistogram = new Float64Array(LEVEL_HISTOGRAM_BINS);
    this.forEach((value, count) => {
      squares += (value - mean) * (value - mean) * count;
      histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(value * HISTOGRAM_BINS))] += count;
      levelHistogram[Math.min(LEVEL_HISTOGRAM_BINS - 1, Math.floor(value * LEVEL_HISTOGRAM_BINS))] += count;
    });
    return {
      name,
      mean,
      std: Math.sqrt(squares / n),
      min: n > 0 ? min : NaN,
      max: n > 0 ? max : NaN,
      histogram,
      levelHistogram,
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
 * Each transform as torchvision's Normalize(center, divisor), x ↦ (x − center) / divisor, per channel:
 * ToTensor alone is (0, 1), Normalize is the channel's (mean, std), [-1, 1] is (0.5, 0.5).
 */
export function transformParameters(
  channel: ChannelMoments,
  transform: ImageTransformId,
): { center: number; divisor: number } {
  switch (transform) {
    case 'unit':
      return { center: 0, divisor: 1 };
    case 'normalize':
      return { center: channel.mean, divisor: channel.std };
    case 'symmetric':
      return { center: 0.5, divisor: 0.5 };
  }
}

/**
 * A channel's mean, std, min and max after a transform, exactly from its statistics: the transforms are
 * affine per channel, (x − center) / divisor with divisor > 0, so mean ↦ (mean − center) / divisor (0
 * exactly under Normalize), std ↦ std / divisor (1 exactly), and min and max map to min and max. A
 * constant channel (std 0) has no Normalize: its values are NaN, as the division by zero gives.
 */
export function afterTransform(channel: ChannelMoments, transform: ImageTransformId): ChannelMoments {
  const { center, divisor } = transformParameters(channel, transform);
  if (!(divisor > 0)) return { name: channel.name, mean: NaN, std: NaN, min: NaN, max: NaN };
  return {
    name: channel.name,
    mean: (channel.mean - center) / divisor,
    std: channel.std / divisor,
    min: (channel.min - center) / divisor,
    max: (channel.max - center) / divisor,
  };
}
