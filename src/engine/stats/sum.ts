/**
 * numpy.add.reduce over float64 exactly as NumPy evaluates it: pairwise summation in blocks of 128 with
 * eight accumulators. Where a reference depends on rounding (a maximum-likelihood search compares
 * function values), summing in NumPy's order keeps us on the same path.
 */
export function pairwiseSum(n: number, x: ArrayLike<number>, stride = 1, offset = 0): number {
  if (n < 8) {
    let sum = 0;
    for (let i = 0, at = offset; i < n; i++, at += stride) sum += x[at];
    return sum;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = x[offset + j * stride];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += x[offset + (i + j) * stride];
    }
    let sum = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) sum += x[offset + i * stride];
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(half, x, stride, offset) + pairwiseSum(n - half, x, stride, offset + half * stride);
}

/** numpy.var(x) (ddof 0) with NumPy's summation order: mean first, then the mean of squared deviations. */
export function numpyVariance(x: Float64Array): number {
  const n = x.length;
  const mean = pairwiseSum(n, x) / n;
  const squared = x.map((v) => (v - mean) * (v - mean));
  return pairwiseSum(n, squared) / n;
}
