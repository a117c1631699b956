import { quantileSorted, sortedNonMissing } from '../stats/quantile';
import { interp } from './interp';
import { normalCdf, normalPpf } from './normal-distribution';
import { ParameterError } from '../parameter-error';
import { columnOf, fromColumns, type Matrix } from './matrix';
import { checkFitted, toNumbers, type Scaler, type ScalerJSON, type ScalerState } from './scaler';

export type OutputDistribution = 'uniform' | 'normal';

export interface QuantileOptions {
  nQuantiles?: number;
  outputDistribution?: OutputDistribution;
}

/** scikit-learn's margin that keeps the normal output finite. */
export const BOUNDS_THRESHOLD = 1e-7;

/**
 * Quantile transform (sklearn.preprocessing.QuantileTransformer, no subsampling): each feature mapped
 * through its empirical CDF at nQuantiles landmarks (numpy.nanpercentile, then made non-decreasing) to
 * uniform [0, 1], or on to a standard normal via Φ⁻¹, clipped at Φ⁻¹(1e-7 - eps) so the inverse stays
 * finite. Repeated landmarks are averaged by interpolating from both ends, as scikit-learn does.
 */
export class QuantileTransformer implements Scaler {
  readonly method = 'quantile';
  readonly nQuantiles: number;
  readonly outputDistribution: OutputDistribution;
  /** quantiles[j] = the landmarks of feature j. */
  quantiles: Float64Array[] = [];
  references: Float64Array = new Float64Array(0);
  nFeaturesIn: number | undefined;

  constructor(options: QuantileOptions = {}) {
    const nQuantiles = options.nQuantiles ?? 1000;
    if (!Number.isInteger(nQuantiles) || nQuantiles < 1) {
      throw new ParameterError('quantile', 'nQuantiles', nQuantiles, 'must be a positive integer');
    }
    const distribution = options.outputDistribution ?? 'uniform';
    if (distribution !== 'uniform' && distribution !== 'normal') {
      throw new ParameterError(
        'quantile',
        'outputDistribution',
        distribution,
        "must be 'uniform' or 'normal'",
      );
    }
    this.nQuantiles = nQuantiles;
    this.outputDistribution = distribution;
  }

  fit(x: Matrix): this {
    const fractions = this.landmarkFractions(x.rows);
    const columns = Array.from({ length: x.cols }, (_, j) => {
      const sorted = sortedNonMissing(x.rows, x.data, x.cols, j);
      return fractions.map((f) => quantileSorted(sorted, f));
    });
    return this.fitFromQuantiles(x.rows, columns);
  }

  /** numpy.linspace(0, 1, min(nQuantiles, rows)): the landmarks' positions for data of `rows` rows. */
  private referencesFor(rows: number): Float64Array {
    const landmarks = Math.max(1, Math.min(this.nQuantiles, rows));
    const references = Float64Array.from({ length: landmarks }, (_, i) =>
      landmarks === 1 ? 0 : i * (1 / (landmarks - 1)),
    );
    if (landmarks > 1) references[landmarks - 1] = 1;
    return references;
  }

  /** The fractions a fit on `rows` rows takes quantiles at (×100 and ÷100, as nanpercentile, to the same bits). */
  landmarkFractions(rows: number): Float64Array {
    return this.referencesFor(rows).map((r) => (r * 100) / 100);
  }

  /** Fits from each column's quantiles at landmarkFractions(rows) (computed here, or by a database). */
  fitFromQuantiles(rows: number, columns: readonly ArrayLike<number>[]): this {
    this.references = this.referencesFor(rows);
    this.quantiles = columns.map((values) => {
      const q = Float64Array.from(values);
      for (let i = 1; i < q.length; i++) if (q[i] < q[i - 1]) q[i] = q[i - 1];
      return q;
    });
    this.nFeaturesIn = columns.length;
    return this;
  }

  transform(x: Matrix): Matrix {
    checkFitted('quantile.transform', this.nFeaturesIn, x);
    return this.mapFeatures(x, false);
  }

  inverseTransform(x: Matrix): Matrix {
    checkFitted('quantile.inverseTransform', this.nFeaturesIn, x);
    return this.mapFeatures(x, true);
  }

  private mapFeatures(x: Matrix, inverse: boolean): Matrix {
    const columns = Array.from({ length: x.cols }, (_, j) =>
      this.mapColumn(columnOf(x, j), this.quantiles[j], inverse),
    );
    return fromColumns(columns, x.rows);
  }

  private mapColumn(column: Float64Array, quantiles: Float64Array, inverse: boolean): Float64Array {
    const normal = this.outputDistribution === 'normal';
    const refs = this.references;
    const last = quantiles.length - 1;
    const [lowerX, upperX] = inverse ? [0, 1] : [quantiles[0], quantiles[last]];
    const [lowerY, upperY] = inverse ? [quantiles[0], quantiles[last]] : [0, 1];
    const reversedQuantiles = quantiles.map((_, i) => -quantiles[last - i]);
    const reversedRefs = refs.map((_, i) => -refs[last - i]);
    const clipMin = normalPpf(BOUNDS_THRESHOLD - Number.EPSILON);
    const clipMax = normalPpf(1 - (BOUNDS_THRESHOLD - Number.EPSILON));
    return column.map((original) => {
      const v = inverse && normal ? normalCdf(original) : original;
      const atLower = normal ? v - BOUNDS_THRESHOLD < lowerX : v === lowerX;
      const atUpper = normal ? v + BOUNDS_THRESHOLD > upperX : v === upperX;
      let y = v;
      if (v === v) {
        y = inverse
          ? interp(v, refs, quantiles)
          : 0.5 * (interp(v, quantiles, refs) - interp(-v, reversedQuantiles, reversedRefs));
      }
      if (atUpper) y = upperY;
      if (atLower) y = lowerY;
      if (!inverse && normal && y === y) y = Math.min(Math.max(normalPpf(y), clipMin), clipMax);
      return y;
    });
  }

  toJSON(): ScalerJSON {
    return {
      method: this.method,
      options: { nQuantiles: this.nQuantiles, outputDistribution: this.outputDistribution },
      state: { references: toNumbers(this.references), quantiles: this.quantiles.map(toNumbers) },
    };
  }

  loadState(state: ScalerState): this {
    const quantiles = state.quantiles;
    const references = state.references;
    if (
      !Array.isArray(references) ||
      !Array.isArray(quantiles) ||
      !quantiles.every((q) => Array.isArray(q) && q.length === references.length)
    ) {
      throw new TypeError(
        'scalerFromJSON: state.quantiles must hold one array per feature, as long as state.references',
      );
    }
    this.references = Float64Array.from(references as number[]);
    this.quantiles = (quantiles as number[][]).map((q) => Float64Array.from(q));
    this.nFeaturesIn = this.quantiles.length;
    return this;
  }
}
