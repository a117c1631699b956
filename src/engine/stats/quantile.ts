/**
 * Quantiles as NumPy's default method 'linear' (Hyndman & Fan type 7): for sorted a of length n and
 * q in [0, 1], h = (n-1)q, result = lerp(a[⌊h⌋], a[⌊h⌋+1], h-⌊h⌋) with NumPy's two-sided lerp.
 * Example: quantileSorted([1, 2, 3, 4], 0.25) = 1.75.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number, length = sorted.length): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q (${q}) must be within [0, 1]`);
  if (length === 0) return NaN;
  const h = (length - 1) * q;
  const below = Math.floor(h);
  const above = Math.min(below + 1, length - 1);
  return lerp(sorted[below], sorted[above], h - below);
}

/** NumPy's _lerp: a + (b-a)t, evaluated from b's side when t >= 0.5 so t = 1 returns b exactly. */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The non-NaN values among `n` strided values, sorted ascending (±Inf kept, at the ends). */
export function sortedNonMissing(n: number, x: ArrayLike<number>, stride = 1, offset = 0): Float64Array {
  const values = new Float64Array(n);
  let kept = 0;
  for (let i = 0, at = offset; i < n; i++, at += stride) {
    const v = x[at];
    if (v === v) values[kept++] = v;
  }
  return values.subarray(0, kept).sort();
}

/** The non-NaN values among `n` strided values, unsorted (±Inf kept). */
export function nonMissing(n: number, x: ArrayLike<number>, stride = 1, offset = 0): Float64Array {
  const values = new Float64Array(n);
  let kept = 0;
  for (let i = 0, at = offset; i < n; i++, at += stride) {
    const v = x[at];
    if (v === v) values[kept++] = v;
  }
  return values.subarray(0, kept);
}

/** Rearranges a[lo..hi] so that a[k] holds the value sorted order puts there, smaller before, larger after. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // median of three as pivot, then Hoare partition
    const mid = lo + ((hi - lo) >> 1);
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** The k-th smallest (0-based) of `values`, by quickselect; `values` is rearranged. */
export function kthSmallest(values: Float64Array, k: number): number {
  if (!(k >= 0 && k < values.length))
    throw new RangeError(`kthSmallest: k (${k}) outside [0, ${values.length})`);
  select(values, k, 0, values.length - 1);
  return values[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Quantiles (NumPy 'linear') of `values` without sorting them: each needs the order statistics ⌊h⌋ and
 * ⌊h⌋+1, found by quickselect in ascending order over the shrinking right part, O(n) on average.
 * `values` is rearranged. Example: selectQuantiles([4, 1, 3, 2], [0.25, 0.5]) = [1.75, 2.5].
 */
export function selectQuantiles(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  if (n >= RADIX_SELECT_FROM && LITTLE_ENDIAN) return radixQuantiles(values, qs);
  const order = qs.map((q, i) => ({ q, i })).sort((a, b) => a.q - b.q);
  const out = new Array<number>(qs.length);
  let lo = 0;
  for (const { q, i } of order) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q (${q}) must be within [0, 1]`);
    const h = (n - 1) * q;
    const below = Math.floor(h);
    if (below >= lo) {
      select(values, below, lo, n - 1);
      lo = below;
    }
    let next = values[below];
    if (below + 1 < n) {
      next = values[below + 1];
      for (let j = below + 2; j < n; j++) if (values[j] < next) next = values[j];
    }
    out[i] = lerp(values[below], next, h - below);
  }
  return out;
}

/** From this many values, quantiles come from a histogram of their leading bits (radixQuantiles). */
const RADIX_SELECT_FROM = 1 << 14;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const BINS = 1 << 16;

/**
 * The same quantiles as quickselect, in two passes over the values: a histogram of the top 16 bits of
 * each value's order-preserving key (sign, exponent, 4 mantissa bits), which says which bin and which
 * rank in it every needed order statistic has; then the values of just those bins, gathered and
 * selected in. Bins of a typical column hold a small fraction of it; a column whose values all share
 * their top bits is one bin, and costs one quickselect as before.
 */
function radixQuantiles(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  // The high 32 bits of each float64 (little-endian: the odd words), as keys whose unsigned order is
  // numeric order: negative values have every bit flipped, others the sign bit set.
  const words = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  const bins = new Uint16Array(n);
  const counts = new Uint32Array(BINS);
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + 1];
    // Branch-free (signs are random): negatives XOR all ones (~high), others XOR the sign bit.
    const bin = (high ^ ((high >> 31) | 0x80000000)) >>> 16;
    bins[i] = bin;
    counts[bin]++;
  }
  const starts = new Float64Array(BINS + 1);
  for (let b = 0; b < BINS; b++) starts[b + 1] = starts[b] + counts[b];
  const binHolding = (rank: number) => {
    let lo = 0;
    let hi = BINS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const wanted = new Map<number, number[]>();
  const plan = qs.map((q) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q (${q}) must be within [0, 1]`);
    const h = (n - 1) * q;
    const below = Math.floor(h);
    const ranks = [below, Math.min(below + 1, n - 1)];
    for (const rank of ranks) {
      const bin = binHolding(rank);
      wanted.set(bin, [...(wanted.get(bin) ?? []), rank]);
    }
    return { h, below, ranks };
  });
  const gathered: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(BINS);
  for (const bin of wanted.keys()) gathered[bin] = new Float64Array(counts[bin]);
  const filled = new Uint32Array(BINS);
  for (let i = 0; i < n; i++) {
    const bin = bins[i];
    const into = gathered[bin];
    if (into !== undefined) into[filled[bin]++] = values[i];
  }
  const orderStatistic = new Map<number, number>();
  for (const [bin, ranks] of wanted) {
    const binValues = gathered[bin]!;
    let lo = 0;
    for (const rank of [...new Set(ranks)].sort((a, b) => a - b)) {
      const k = rank - starts[bin];
      select(binValues, k, lo, binValues.length - 1);
      lo = k;
      orderStatistic.set(rank, binValues[k]);
    }
  }
  return plan.map(({ h, below, ranks }) =>
    lerp(orderStatistic.get(ranks[0])!, orderStatistic.get(ranks[1])!, h - below),
  );
}
