import { emptyMoments, meanOf, mergeMoments, momentsOf, varianceOf, type Moments } from '../stats/moments';
import { mapColumns, type Matrix } from './matrix';
import {
  checkFitted,
  handleZerosInScale,
  stateArray,
  toNumbers,
  type IncrementalScaler,
  type ScalerJSON,
  type ScalerState,
} from './scaler';

export interface StandardOptions {
  withMean?: boolean;
  withStd?: boolean;
}

/**
 * Z-score (sklearn.preprocessing.StandardScaler): (x - mean) / σ with the population σ (ddof 0).
 * Batches merge exactly (Chan/Pébay), so a streamed file fits as if read whole. A feature whose variance
 * is within rounding of zero (scikit-learn's _is_constant_feature) keeps scale 1.
 * Example: [1, 2, 3] → [-1.2247…, 0, 1.2247…].
 */
export class StandardScaler implements IncrementalScaler {
  readonly method = 'zscore';
  readonly withMean: boolean;
  readonly withStd: boolean;
  mean: Float64Array = new Float64Array(0);
  var: Float64Array = new Float64Array(0);
  scale: Float64Array = new Float64Array(0);
  /** Non-missing values seen per feature. */
  nSamplesSeen: Float64Array = new Float64Array(0);
  nFeaturesIn: number | undefined;
  private moments: Moments[] = [];

  constructor(options: StandardOptions = {}) {
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  fit(x: Matrix): this {
    this.nFeaturesIn = undefined;
    return this.partialFit(x);
  }

  partialFit(x: Matrix): this {
    if (this.nFeaturesIn === undefined) {
      this.nFeaturesIn = x.cols;
      this.moments = Array.from({ length: x.cols }, emptyMoments);
    }
    checkFitted('standard.partialFit', this.nFeaturesIn, x);
    if (this.moments.length !== x.cols)
      throw new TypeError('standard.partialFit: a loaded scaler cannot continue fitting; fit it again');
    this.moments.forEach((m, j) => mergeMoments(m, momentsOf(x.rows, x.data, x.cols, j)));
    this.setFromMoments();
    return this;
  }

  /**
   * Fits from each column's moments of all its values (momentsOf in memory, or ExactPasses over a
   * file): the same state, bit for bit, as fit() on those values at once.
   */
  fitFromMoments(columns: readonly Moments[]): this {
    this.nFeaturesIn = columns.length;
    this.moments = columns.map((m) => ({ ...m }));
    this.setFromMoments();
    return this;
  }

  private setFromMoments(): void {
    this.mean = Float64Array.from(this.moments, meanOf);
    this.var = Float64Array.from(this.moments, (m) => varianceOf(m, 0));
    this.nSamplesSeen = Float64Array.from(this.moments, (m) => m.count);
    this.derive();
  }

  private derive(): void {
    const eps = Number.EPSILON;
    const constant = Array.from(this.var, (v, j) => {
      const n = this.nSamplesSeen[j];
      return v <= n * eps * v + (n * this.mean[j] * eps) ** 2;
    });
    this.scale = handleZerosInScale(this.var.map(Math.sqrt), constant);
  }

  transform(x: Matrix): Matrix {
    checkFitted('standard.transform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => {
      const centred = this.withMean ? v - this.mean[j] : v;
      return this.withStd ? centred / this.scale[j] : centred;
    });
  }

  inverseTransform(x: Matrix): Matrix {
    checkFitted('standard.inverseTransform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => {
      const scaled = this.withStd ? v * this.scale[j] : v;
      return this.withMean ? scaled + this.mean[j] : scaled;
    });
  }

  toJSON(): ScalerJSON {
    return {
      method: this.method,
      options: { withMean: this.withMean, withStd: this.withStd },
      state: {
        nSamplesSeen: toNumbers(this.nSamplesSeen),
        mean: toNumbers(this.mean),
        var: toNumbers(this.var),
        scale: toNumbers(this.scale),
      },
    };
  }

  loadState(state: ScalerState): this {
    this.mean = stateArray(state, 'mean');
    this.var = stateArray(state, 'var', this.mean.length);
    this.nSamplesSeen = stateArray(state, 'nSamplesSeen', this.mean.length);
    this.nFeaturesIn = this.mean.length;
    this.moments = [];
    this.derive();
    return this;
  }
}
