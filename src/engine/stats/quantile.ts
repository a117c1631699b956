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
