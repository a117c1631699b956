import { ParameterError } from '../parameter-error';
import type { Matrix } from './matrix';
import { handleZerosInScale, type Scaler, type ScalerJSON } from './scaler';

export type RowNorm = 'l1' | 'l2' | 'max';
export const ROW_NORMS: readonly RowNorm[] = ['l1', 'l2', 'max'];

/**
 * Each sample (row) scaled to unit norm (sklearn.preprocessing.Normalizer): L1 = Σ|x|, L2 = √Σx²,
 * max = max|x|; zero rows stay zero, a row holding NaN becomes NaN. Stateless: there is no inverse,
 * since the norms are not kept. Example (l2): [3, 4] → [0.6, 0.8].
 */
export class RowNormalizer implements Scaler {
  readonly norm: RowNorm;
  readonly nFeaturesIn = undefined;

  constructor(options: { norm?: RowNorm } = {}) {
    const norm = options.norm ?? 'l2';
    if (!ROW_NORMS.includes(norm))
      throw new ParameterError('rowNormalizer', 'norm', norm, `must be one of ${ROW_NORMS.join(', ')}`);
    this.norm = norm;
  }

  get method(): RowNorm {
    return this.norm;
  }

  fit(): this {
    return this;
  }

  /** The norm of each row. */
  rowNorms(x: Matrix): Float64Array {
    const norms = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let acc = 0;
      for (let j = 0, at = i * x.cols; j < x.cols; j++, at++) {
        const v = x.data[at];
        if (this.norm === 'l1') acc += Math.abs(v);
        else if (this.norm === 'l2') acc += v * v;
        else acc = v !== v || acc !== acc ? NaN : Math.max(acc, Math.abs(v));
      }
      norms[i] = this.norm === 'l2' ? Math.sqrt(acc) : acc;
    }
    return handleZerosInScale(norms);
  }

  transform(x: Matrix): Matrix {
    const norms = this.rowNorms(x);
    const out = x.data.map((v, at) => v / norms[Math.floor(at / x.cols)]);
    return { data: out, rows: x.rows, cols: x.cols };
  }

  inverseTransform(): Matrix {
    throw new TypeError(
      `rowNormalizer.inverseTransform: ${this.norm} row norms are not invertible (the norms are not kept)`,
    );
  }

  toJSON(): ScalerJSON {
    return { method: this.norm, options: { norm: this.norm }, state: {} };
  }

  loadState(): this {
    return this;
  }
}
