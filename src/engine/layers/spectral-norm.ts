import { ParameterError } from '../parameter-error';
import { normalizeAxis } from '../tensor/axes';
import { gather, tensor, type FloatArray, type Tensor } from '../tensor/tensor';
import { symmetricEigenvalues } from '../stats/symmetric-eigen';

export interface SpectralNormResult<T extends FloatArray = FloatArray> {
  /** W / σ, in W's shape. */
  output: Tensor<T>;
  /** The largest singular value, from the eigenvalues of the Gram matrix (cyclic Jacobi, exact to rounding). */
  sigma: number;
  /** σ from power iteration run to convergence, and how many iterations that took. */
  powerIterationSigma: number;
  iterations: number;
}

/**
 * Spectral normalization (torch.nn.utils.spectral_norm at convergence): W viewed as a matrix with
 * axis `dim` as rows (shape[dim] × rest), divided by its largest singular value σ.
 * Example: a conv weight [16, 4, 3, 3] is a 16 × 36 matrix.
 */
export function spectralNorm<T extends FloatArray>(
  w: Tensor<T>,
  options: { dim?: number; maxIterations?: number } = {},
): SpectralNormResult<T> {
  const op = 'spectralNorm';
  if (w.shape.length < 1)
    throw new ParameterError(op, 'weight', `shape [${w.shape.join(', ')}]`, 'must have at least one axis');
  const dim = normalizeAxis(options.dim ?? 0, w.shape.length, op, 'dim');
  const order = [dim, ...w.shape.map((_, axis) => axis).filter((axis) => axis !== dim)];
  const values = Float64Array.from(gather(w, order));
  const rows = w.shape[dim];
  const cols = rows === 0 ? 0 : values.length / rows;
  const sigma = Math.sqrt(Math.max(0, largestEigenvalue(gram(values, rows, cols))));
  const power = powerIteration(values, rows, cols, options.maxIterations ?? 10000);
  const data = new (w.data.constructor as new (length: number) => T)(w.data.length);
  const contiguous = gather(w);
  for (let i = 0; i < data.length; i++) data[i] = contiguous[i] / sigma;
  return {
    output: tensor(data, w.shape),
    sigma,
    powerIterationSigma: power.sigma,
    iterations: power.iterations,
  };
}

/** The smaller Gram matrix of a rows × cols matrix: A·Aᵀ or Aᵀ·A, as a k × k array. */
function gram(a: Float64Array, rows: number, cols: number): { g: Float64Array; k: number } {
  const byRows = rows <= cols;
  const k = byRows ? rows : cols;
  const g = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let sum = 0;
      if (byRows) for (let t = 0; t < cols; t++) sum += a[i * cols + t] * a[j * cols + t];
      else for (let t = 0; t < rows; t++) sum += a[t * cols + i] * a[t * cols + j];
      g[i * k + j] = sum;
      g[j * k + i] = sum;
    }
  }
  return { g, k };
}

/** Largest eigenvalue of a symmetric matrix by cyclic Jacobi rotations (converges quadratically). */
function largestEigenvalue({ g, k }: { g: Float64Array; k: number }): number {
  if (k === 0) return 0;
  return Math.max(...symmetricEigenvalues(g, k));
}

/** σ by power iteration on AᵀA from a fixed start, until σ stops changing (or maxIterations). */
function powerIteration(
  a: Float64Array,
  rows: number,
  cols: number,
  maxIterations: number,
): { sigma: number; iterations: number } {
  let v = Float64Array.from({ length: cols }, (_, i) => 1 + i / (cols + 1));
  const u = new Float64Array(rows);
  let sigma = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += a[r * cols + c] * v[c];
      u[r] = sum;
    }
    const next = Math.hypot(...u);
    const w = new Float64Array(cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) w[c] += a[r * cols + c] * u[r];
    const norm = Math.hypot(...w);
    if (norm === 0) return { sigma: 0, iterations: iteration };
    v = w.map((value) => value / norm);
    if (Math.abs(next - sigma) <= 1e-15 * next) return { sigma: next, iterations: iteration };
    sigma = next;
  }
  return { sigma, iterations: maxIterations };
}
