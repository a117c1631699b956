/**
 * Histograms with NumPy's binning: `bins` equal-width bins over [min, max] of the finite values (or a
 * given range), edges = first + i·(last-first)/bins with the last edge exactly `last`, every bin
 * half-open but the last, which is closed. A constant column gets the range [v-0.5, v+0.5], as NumPy.
 * Unlike NumPy, NaN and ±Inf are not an error: they are counted apart, never dropped silently.
 */
export interface Histogram {
  edges: Float64Array;
  counts: Float64Array;
  /** Finite values outside a given range. */
  below: number;
  above: number;
  missing: number;
  positiveInfinities: number;
  negativeInfinities: number;
}

/** Edges as numpy.linspace(first, last, bins + 1). */
export function binEdges(first: number, last: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i <= bins; i++)
    edges[i] = step === 0 ? (i / bins) * (last - first) + first : i * step + first;
  edges[bins] = last;
  return edges;
}

/** The finite range of the values as NumPy widens it: an empty or constant range grows by ±0.5. */
export function histogramRange(values: ArrayLike<number>): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    if (v < first) first = v;
    if (v > last) last = v;
  }
  if (first > last) return [0, 1];
  return first === last ? [first - 0.5, last + 0.5] : [first, last];
}

/**
 * Counts of `values` in `bins` equal-width bins. Example: histogram([1, 2, 2, 3, 4], 3) has edges
 * [1, 2, 3, 4] and counts [1, 2, 2] (4 falls in the closed last bin).
 */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  range?: readonly [number, number],
): Histogram {
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`histogram: bins (${bins}) must be a positive integer`);
  let [first, last] = range ?? histogramRange(values);
  if (!(Number.isFinite(first) && Number.isFinite(last) && first <= last)) {
    throw new RangeError(`histogram: range [${first}, ${last}] must be finite and ascending`);
  }
  if (first === last) [first, last] = [first - 0.5, last + 0.5];
  const edges = binEdges(first, last, bins);
  const counts = new Float64Array(bins);
  const result: Histogram = {
    edges,
    counts,
    below: 0,
    above: 0,
    missing: 0,
    positiveInfinities: 0,
    negativeInfinities: 0,
  };
  const width = last - first;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) result.missing++;
    else if (v === Infinity) result.positiveInfinities++;
    else if (v === -Infinity) result.negativeInfinities++;
    else if (v < first) result.below++;
    else if (v > last) result.above++;
    else {
      // NumPy's fast path, then its corrections against the edges themselves.
      let index = Math.trunc(((v - first) / width) * bins);
      if (index === bins) index--;
      if (v < edges[index]) index--;
      else if (index !== bins - 1 && v >= edges[index + 1]) index++;
      counts[index]++;
    }
  }
  return result;
}
