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
