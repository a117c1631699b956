/**
 * Why normalize, on the user's own columns: the condition number of the Gram matrix XᵀX (how elongated
 * a linear model's squared-loss contours are: κ = λmax / λmin, as numpy.linalg.cond(X.T @ X)), the
 * shape of those contours for two columns, and the share of values in the flat (saturated) region of
 * tanh and the logistic sigmoid, where the slope is under a tenth of its peak. Rows with a missing value
 * in any chosen column are left out, as a model fit would need.
 */
import type { Matrix } from '../scale/matrix';
import { symmetricEigenvalues } from '../stats/symmetric-eigen';

/** tanh′(x) = 1 − tanh²(x) < 0.1 beyond |x| = atanh(√0.9). */
export const TANH_FLAT_BEYOND = Math.atanh(Math.sqrt(0.9));
/** σ′(x) < 0.1 · σ′(0) beyond |x| = 2 · atanh(√0.9) (σ(x) = (1 + tanh(x/2)) / 2). */
export const SIGMOID_FLAT_BEYOND = 2 * TANH_FLAT_BEYOND;

export interface ContourShape {
  /** √(λmax / λmin): the loss contours' long axis over their short axis. */
  elongation: number;
  /** Angle of the long axis in radians from the first column's axis. */
  angle: number;
}

export interface WhyNormalize {
  rows: number;
  condition: number;
  /** Two-column contour shape (the first two columns), when there are two. */
  contour?: ContourShape;
  tanhFlatShare: number;
  sigmoidFlatShare: number;
}

/** The Gram matrix XᵀX of the complete rows of `x` (p × p, row-major) and how many rows it used. */
export function gramMatrix(x: Matrix): { gram: Float64Array; rows: number } {
  const p = x.cols;
  const gram = new Float64Array(p * p);
  let rows = 0;
  for (let i = 0; i < x.rows; i++) {
    const row = x.data.subarray(i * p, (i + 1) * p);
    if (row.some((v) => !Number.isFinite(v))) continue;
    rows++;
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) gram[a * p + b] += row[a] * row[b];
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[a * p + b] = gram[b * p + a];
  return { gram, rows };
}

/**
 * The contours of w ↦ wᵀGw for a symmetric 2 × 2 G = [[a, b], [b, d]]: eigenvalues
 * (a + d)/2 ± √(((a − d)/2)² + b²); the long axis lies along the smaller one's eigenvector.
 */
function contourOf(a: number, b: number, d: number): ContourShape {
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  const large = mean + radius;
  const small = mean - radius;
  // The larger eigenvalue's vector is at ½·atan2(2b, a − d); the long axis is perpendicular to it.
  const angle = 0.5 * Math.atan2(2 * b, a - d) + Math.PI / 2;
  return { elongation: small > 0 ? Math.sqrt(large / small) : Infinity, angle };
}

/**
 * The numbers of the why-normalize view for the columns of `x`. Example: columns in metres and in
 * grams (scales 1 and 1000) give κ near 10⁶; the same columns standardized give κ near 1.
 */
export function whyNormalize(x: Matrix): WhyNormalize {
  const { gram, rows } = gramMatrix(x);
  const p = x.cols;
  const values = symmetricEigenvalues(gram, p);
  const largest = Math.max(...values);
  const smallest = Math.min(...values);
  const condition = rows === 0 || p === 0 ? NaN : smallest <= 0 ? Infinity : largest / smallest;
  const contour = p >= 2 && rows > 0 ? contourOf(gram[0], gram[1], gram[p + 1]) : undefined;
  let finite = 0;
  let tanhFlat = 0;
  let sigmoidFlat = 0;
  for (const v of x.data) {
    if (!Number.isFinite(v)) continue;
    finite++;
    if (Math.abs(v) > TANH_FLAT_BEYOND) tanhFlat++;
    if (Math.abs(v) > SIGMOID_FLAT_BEYOND) sigmoidFlat++;
  }
  return {
    rows,
    condition,
    contour,
    tanhFlatShare: finite ? tanhFlat / finite : NaN,
    sigmoidFlatShare: finite ? sigmoidFlat / finite : NaN,
  };
}
