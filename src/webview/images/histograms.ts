/**
 * The image panel's histograms from a channel's 256 level bins over [0, 1]: merged into fewer equal bins
 * (exact, since the bins align with the 8-bit levels), and carried through a transform by mapping the
 * bin edges, x ↦ (x − center) / divisor: an affine map with divisor > 0 moves every sample of a bin into
 * the mapped bin, so the after histogram is exact with no pixel kept.
 */
import type { HistogramPayload } from '../../shared/protocol';

/** The bin counts the picker offers: divisors of 256, so merged bins hold whole 8-bit levels. */
export const IMAGE_BIN_CHOICES = [32, 64, 128, 256] as const;
export type ImageBinCount = (typeof IMAGE_BIN_CHOICES)[number];

/** `levels` (equal bins over [0, 1]) merged into `bins` equal bins over [0, 1]. */
export function mergedHistogram(levels: Float64Array, bins: ImageBinCount): HistogramPayload {
  const per = levels.length / bins;
  if (!Number.isInteger(per))
    throw new RangeError(`mergedHistogram: bins (${bins}) must divide the ${levels.length} level bins`);
  const counts = new Float64Array(bins);
  for (let i = 0; i < levels.length; i++) counts[Math.floor(i / per)] += levels[i];
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => i / bins);
  return { edges, counts, missing: 0, positiveInfinities: 0, negativeInfinities: 0 };
}

/** The same counts with every edge mapped through x ↦ (x − center) / divisor (divisor > 0). */
export function transformedHistogram(
  histogram: HistogramPayload,
  center: number,
  divisor: number,
): HistogramPayload {
  return { ...histogram, edges: histogram.edges.map((edge) => (edge - center) / divisor) };
}
