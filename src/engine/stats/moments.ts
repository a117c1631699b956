/**
 * Central moments of the non-missing values of a sequence, kept in a scaled form so that values near
 * 1e±300 neither overflow nor underflow: `m2s = Σ(x-mean)² / scale²` (likewise m3s, m4s), where
 * `scale` is a power of two at least max|x|, so scaling is exact. NaN counts as missing; ±Inf are
 * counted apart and make the mean infinite (or NaN when both signs occur) and every spread NaN, as NumPy.
 */
export interface Moments {
  /** Non-missing values, infinities included. */
  count: number;
  /** NaN values. */
  missing: number;
  min: number;
  max: number;
  /**
   * Mean of the finite values is `shift + shiftedMean`. Running moments shift by the first value so that
   * data such as 1e9 + small noise are accumulated as exact small differences (Sterbenz).
   */
  shift: number;
  shiftedMean: number;
  positiveInfinities: number;
  negativeInfinities: number;
  scale: number;
  m2s: number;
  m3s: number;
  m4s: number;
}

export function emptyMoments(): Moments {
  return {
    count: 0,
    missing: 0,
    min: Infinity,
    max: -Infinity,
    shift: 0,
    shiftedMean: 0,
    positiveInfinities: 0,
    negativeInfinities: 0,
    scale: 1,
    m2s: 0,
    m3s: 0,
    m4s: 0,
  };
}

const LARGEST_POWER_OF_TWO = 2 ** 1023;
/** Beyond this magnitude x - shift could overflow, so running moments do not shift. */
const SHIFT_LIMIT = 2 ** 1000;

/** The least power of two >= v (v > 0 finite), capped at 2^1023; 1 for v = 0. */
export function powerOfTwoAtLeast(v: number): number {
  if (v === 0) return 1;
  let scale = 2 ** Math.ceil(Math.log2(v));
  if (scale < v) scale *= 2;
  // At least the smallest normal power of two, so that 1 / scale is finite and exact.
  return Math.max(Math.min(scale, LARGEST_POWER_OF_TWO), 2 ** -1022);
}

function finiteCount(m: Moments): number {
  return m.count - m.positiveInfinities - m.negativeInfinities;
}

/** Mean as NumPy reports it: infinite when infinities are present, NaN for no values. */
export function meanOf(m: Moments): number {
  if (m.count === 0) return NaN;
  if (m.positiveInfinities > 0 && m.negativeInfinities > 0) return NaN;
  if (m.positiveInfinities > 0) return Infinity;
  if (m.negativeInfinities > 0) return -Infinity;
  return finiteMeanOf(m);
}

function finiteMeanOf(m: Moments): number {
  return m.shift + m.shiftedMean;
}

/** Σ(x-mean)²/(count-ddof); NaN when count <= ddof or infinities are present. May overflow to Inf when the true value does. */
export function varianceOf(m: Moments, ddof: number): number {
  const std = stdOf(m, ddof);
  return std * std;
}

/** sqrt(Σ(x-mean)²/(count-ddof)), computed without squaring the scale so it never overflows needlessly. */
export function stdOf(m: Moments, ddof: number): number {
  if (m.count - ddof <= 0 || m.count !== finiteCount(m)) return NaN;
  return m.scale * Math.sqrt(Math.max(m.m2s, 0) / (m.count - ddof));
}

/** SciPy-default (biased) skewness m3/m2^1.5; NaN for fewer than one value or (near) constant data. */
export function skewnessOf(m: Moments): number {
  if (!hasSpread(m)) return NaN;
  return (Math.sqrt(m.count) * m.m3s) / m.m2s ** 1.5;
}

/** SciPy-default (biased, Fisher) excess kurtosis m4/m2² - 3; NaN for (near) constant data. */
export function kurtosisOf(m: Moments): number {
  if (!hasSpread(m)) return NaN;
  return (m.count * m.m4s) / (m.m2s * m.m2s) - 3;
}

/** SciPy treats m2 <= (resolution * |mean|)² as zero spread (resolution 1e-15 for float64). */
function hasSpread(m: Moments): boolean {
  if (m.count === 0 || m.count !== finiteCount(m)) return false;
  const m2 = m.m2s / m.count;
  const threshold = (1e-15 * Math.abs(finiteMeanOf(m))) / m.scale;
  return m2 > threshold * threshold && m2 > 0;
}

/**
 * Moments of `n` values read from `x` at `offset`, `offset+stride`, … in two passes (mean, then
 * corrected sums of centred powers), the stable choice when the data are in memory.
 */
/** Counts v into m's count, missing, min, max and infinities; true when v is finite. */
export function countValue(m: Moments, v: number): boolean {
  if (v !== v) {
    m.missing++;
    return false;
  }
  m.count++;
  if (v < m.min) m.min = v;
  if (v > m.max) m.max = v;
  if (v === Infinity) m.positiveInfinities++;
  else if (v === -Infinity) m.negativeInfinities++;
  else return true;
  return false;
}

export function momentsOf(n: number, x: ArrayLike<number>, stride = 1, offset = 0): Moments {
  const m = emptyMoments();
  let maxAbs = 0;
  for (let i = 0, at = offset; i < n; i++, at += stride) {
    const v = x[at];
    if (countValue(m, v) && Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  const finite = finiteCount(m);
  if (finite === 0) return m;
  const scale = powerOfTwoAtLeast(maxAbs);
  // v / scale as v · (1 / scale), a multiplication instead of a division: the reciprocal of a power of
  // two at least 2^-1022 is exact, so both are the same real number rounded once.
  const inverse = 1 / scale;
  let sum = 0;
  for (let i = 0, at = offset; i < n; i++, at += stride) {
    const v = x[at];
    if (v - v === 0) sum += v * inverse;
  }
  const meanScaled = sum / finite;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0, at = offset; i < n; i++, at += stride) {
    const v = x[at];
    if (v - v !== 0) continue;
    const d = v * inverse - meanScaled;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  // Corrections for the rounding error left in the mean (first order in s1/finite).
  const shift = s1 / finite;
  m.shiftedMean = (meanScaled + shift) * scale;
  m.scale = scale;
  m.m2s = s2 - s1 * shift;
  m.m3s = s3 - 3 * shift * s2 + 2 * finite * shift ** 3;
  m.m4s = s4 - 4 * shift * s3 + 6 * shift * shift * s2 - 3 * finite * shift ** 4;
  return m;
}

/** Adds one value to running moments (Welford / Terriberry update, in scaled units). */
export function pushValue(m: Moments, v: number): void {
  if (v !== v) {
    m.missing++;
    return;
  }
  m.count++;
  if (v < m.min) m.min = v;
  if (v > m.max) m.max = v;
  if (v === Infinity) {
    m.positiveInfinities++;
    return;
  }
  if (v === -Infinity) {
    m.negativeInfinities++;
    return;
  }
  const n1 = finiteCount(m) - 1;
  if (n1 === 0) {
    m.shift = Math.abs(v) < SHIFT_LIMIT ? v : 0;
    m.shiftedMean = v - m.shift;
    m.scale = powerOfTwoAtLeast(Math.abs(m.shiftedMean));
    return;
  }
  const y = v - m.shift;
  const abs = Math.abs(y);
  if (abs > m.scale) rescale(m, powerOfTwoAtLeast(abs));
  const n = n1 + 1;
  const delta = (y - m.shiftedMean) / m.scale;
  const deltaN = delta / n;
  const deltaN2 = deltaN * deltaN;
  const term1 = delta * deltaN * n1;
  m.shiftedMean += deltaN * m.scale;
  m.m4s += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m.m2s - 4 * deltaN * m.m3s;
  m.m3s += term1 * deltaN * (n - 2) - 3 * deltaN * m.m2s;
  m.m2s += term1;
}

function rescale(m: Moments, scale: number): void {
  const ratio = m.scale / scale;
  m.m2s *= ratio * ratio;
  m.m3s *= ratio * ratio * ratio;
  m.m4s *= ratio * ratio * ratio * ratio;
  m.scale = scale;
}

/** Merges running moments `b` into `a` (Chan / Pébay parallel update); both stay valid. */
export function mergeMoments(a: Moments, b: Moments): void {
  const na = finiteCount(a);
  const nb = finiteCount(b);
  a.count += b.count;
  a.missing += b.missing;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
  a.positiveInfinities += b.positiveInfinities;
  a.negativeInfinities += b.negativeInfinities;
  if (nb === 0) return;
  if (na === 0) {
    Object.assign(a, {
      shift: b.shift,
      shiftedMean: b.shiftedMean,
      scale: b.scale,
      m2s: b.m2s,
      m3s: b.m3s,
      m4s: b.m4s,
    });
    return;
  }
  const scale = Math.max(a.scale, b.scale, powerOfTwoAtLeast(Math.abs(b.shift - a.shift)));
  if (a.scale !== scale) rescale(a, scale);
  const bm = { ...b };
  if (b.scale !== scale) rescale(bm, scale);
  const n = na + nb;
  const delta = (b.shift - a.shift + (b.shiftedMean - a.shiftedMean)) / scale;
  const deltaN = delta / n;
  const m2 = a.m2s + bm.m2s + delta * deltaN * na * nb;
  const m3 =
    a.m3s + bm.m3s + delta * deltaN * deltaN * na * nb * (na - nb) + 3 * deltaN * (na * bm.m2s - nb * a.m2s);
  const m4 =
    a.m4s +
    bm.m4s +
    delta * deltaN * deltaN * deltaN * na * nb * (na * na - na * nb + nb * nb) +
    6 * deltaN * deltaN * (na * na * bm.m2s + nb * nb * a.m2s) +
    4 * deltaN * (na * bm.m3s - nb * a.m3s);
  a.shiftedMean += deltaN * nb * scale;
  a.m2s = m2;
  a.m3s = m3;
  a.m4s = m4;
}
