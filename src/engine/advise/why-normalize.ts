/**
 * Why normalize, on the user's own columns: the condition number of the Gram matrix XᵀX (how elongated
 * a linear model's squared-loss contours are: κ = λmax / λmin, as numpy.linalg.cond(X.T @ X)), the
 * shape of those contours for two columns, and the share of values in the flat (saturated) region of
 * tanh and the logistic sigmoid, where the slope is under a tenth of its peak. Rows with a missing value
 * in any chosen column are left out, as a model fit would need.
 */
import type { Matrix } from '../scale/matrix';

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

/** Eigenvalues and eigenvectors (columns) of a symmetric p × p matrix by cyclic Jacobi rotations. */
export function symmetricEigen(
  matrix: Float64Array,
  p: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] ** 2;
    if (off === 0 || off < 1e-30 * frobenius(a)) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (aij === 0) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i];
          const akj = a[k * p + j];
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k];
          const ajk = a[j * p + k];
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i];
          const vkj = v[k * p + j];
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: p }, (_, i) => a[i * p + i]), vectors: v };
}

function frobenius(a: Float64Array): number {
  let sum = 0;
  for (const value of a) sum += value * value;
  return sum;
}

/**
 * The numbers of the why-normalize view for the columns of `x`. Example: columns in metres and in
 * grams (scales 1 and 1000) give κ near 10⁶; the same columns standardized give κ near 1.
 */
export function whyNormalize(x: Matrix): WhyNormalize {
  const { gram, rows } = gramMatrix(x);
  const p = x.cols;
  const { values } = symmetricEigen(gram, p);
  const largest = Math.max(...values);
  const smallest = Math.min(...values);
  const condition = rows === 0 || p === 0 ? NaN : smallest <= 0 ? Infinity : largest / smallest;
  let contour: ContourShape | undefined;
  if (p >= 2 && rows > 0) {
    const two = symmetricEigen(Float64Array.of(gram[0], gram[1], gram[p], gram[p + 1]), 2);
    const [l0, l1] = two.values;
    const big = l0 >= l1 ? 0 : 1;
    // The loss w ↦ wᵀGw is flattest along the smallest eigenvalue's vector: that is the long axis.
    const long = 1 - big;
    contour = {
      elongation: Math.min(l0, l1) > 0 ? Math.sqrt(Math.max(l0, l1) / Math.min(l0, l1)) : Infinity,
      angle: Math.atan2(two.vectors[2 + long], two.vectors[long]),
    };
  }
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
