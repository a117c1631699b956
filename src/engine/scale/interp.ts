/**
 * numpy.interp(x, xp, fp) for ascending xp, evaluated as NumPy's C loop does: the last j with
 * xp[j] <= x, then slope·(x - xp[j]) + fp[j], exact at the knots, clamped to fp's ends outside.
 */
export function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const n = xp.length;
  if (x !== x) return NaN;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    if (x >= xp[mid]) lo = mid + 1;
    else hi = mid;
  }
  const j = lo - 1;
  if (j === -1) return fp[0];
  if (j === n - 1) return x === xp[j] ? fp[j] : fp[n - 1];
  if (xp[j] === x) return fp[j];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  let y = slope * (x - xp[j]) + fp[j];
  if (y !== y) {
    y = slope * (x - xp[j + 1]) + fp[j + 1];
    if (y !== y && fp[j] === fp[j + 1]) y = fp[j];
  }
  return y;
}
