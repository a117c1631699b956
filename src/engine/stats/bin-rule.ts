/**
 * Freedman–Diaconis bin count, as NumPy's histogram_bin_edges(bins='fd'): width 2·IQR·n^(−1/3) over
 * the finite values, bins = ⌈(max − min) / width⌉, and 1 bin when the width is 0 (IQR 0) or there are
 * no values. Views cap it (`maxBins`) so a heavy tail does not draw thousands of empty bars.
 */
import { quantileSorted } from './quantile';

export function freedmanDiaconisBins(values: ArrayLike<number>, maxBins = Infinity): number {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return 1;
  const sorted = Float64Array.from(finite).sort();
  const width = 2 * (quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) * sorted.length ** (-1 / 3);
  const span = sorted[sorted.length - 1] - sorted[0];
  const bins = width > 0 ? Math.ceil(span / width) : 1;
  return Math.max(1, Math.min(bins, maxBins));
}
