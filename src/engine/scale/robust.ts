import { quantileSorted, sortedNonMissing } from '../stats/quantile';
import { normalPpf } from './normal-distribution';
import { ParameterError } from '../parameter-error';
import { mapColumns, type Matrix } from './matrix';
import {
  checkFitted,
  handleZerosInScale,
  stateArray,
  toNumbers,
  type Scaler,
  type ScalerJSON,
  type ScalerState,
} from './scaler';

export interface RobustOptions {
  withCentering?: boolean;
  withScaling?: boolean;
  /** Percentiles [qMin, qMax], 0 ≤ qMin < qMax ≤ 100. */
  quantileRange?: readonly [number, number];
  /** Divide the scale by Φ⁻¹(qMax) - Φ⁻¹(qMin) so a normal feature ends with unit variance. */
  unitVariance?: boolean;
}

/**
 * Robust scaling (sklearn.preprocessing.RobustScaler): (x - median) / (P_qMax - P_qMin), percentiles
 * as numpy.nanpercentile (linear). Outliers barely move the median and the IQR, unlike mean and σ.
 * Example: [1, 2, 3, 4, 100] → center 3, scale 2 (IQR), so 100 → 48.5.
 */
export class RobustScaler implements Scaler {
  readonly method = 'robust';
  readonly withCentering: boolean;
  readonly withScaling: boolean;
  readonly quantileRange: readonly [number, number];
  readonly unitVariance: boolean;
  center: Float64Array = new Float64Array(0);
  scale: Float64Array = new Float64Array(0);
  nFeaturesIn: number | undefined;

  constructor(options: RobustOptions = {}) {
    const range = options.quantileRange ?? [25, 75];
    if (range.length !== 2 || !(0 <= range[0] && range[0] <= range[1] && range[1] <= 100)) {
      throw new ParameterError(
        'robust',
        'quantileRange',
        range,
        'must be two percentiles with 0 ≤ qMin ≤ qMax ≤ 100',
      );
    }
    this.quantileRange = [range[0], range[1]];
    this.withCentering = options.withCentering ?? true;
    this.withScaling = options.withScaling ?? true;
    this.unitVariance = options.unitVariance ?? false;
  }

  /** The quantiles a fit needs from each column: [median, P_qMin, P_qMax] as fractions. */
  get fitQuantiles(): [number, number, number] {
    return [0.5, this.quantileRange[0] / 100, this.quantileRange[1] / 100];
  }

  fit(x: Matrix): this {
    const columns = Array.from({ length: x.cols }, (_, j) => {
      const sorted = sortedNonMissing(x.rows, x.data, x.cols, j);
      return this.fitQuantiles.map((q) => quantileSorted(sorted, q));
    });
    return this.fitFromQuantiles(columns);
  }

  /** Fits from each column's fitQuantiles values (computed in memory, or by passes over a file). */
  fitFromQuantiles(columns: readonly (readonly number[])[]): this {
    const cols = columns.length;
    const center = Float64Array.from(columns, ([median]) => median);
    const spread = Float64Array.from(columns, ([, low, high]) => high - low);
    const [qMin, qMax] = this.quantileRange;
    this.center = this.withCentering ? center : new Float64Array(cols);
    let scale = this.withScaling ? handleZerosInScale(spread) : new Float64Array(cols).fill(1);
    if (this.withScaling && this.unitVariance) {
      const adjust = normalPpf(qMax / 100) - normalPpf(qMin / 100);
      scale = scale.map((s) => s / adjust);
    }
    this.scale = scale;
    this.nFeaturesIn = cols;
    return this;
  }

  transform(x: Matrix): Matrix {
    checkFitted('robust.transform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => (v - this.center[j]) / this.scale[j]);
  }

  inverseTransform(x: Matrix): Matrix {
    checkFitted('robust.inverseTransform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => v * this.scale[j] + this.center[j]);
  }

  toJSON(): ScalerJSON {
    return {
      method: this.method,
      options: {
        withCentering: this.withCentering,
        withScaling: this.withScaling,
        quantileRange: [...this.quantileRange],
        unitVariance: this.unitVariance,
      },
      state: { center: toNumbers(this.center), scale: toNumbers(this.scale) },
    };
  }

  loadState(state: ScalerState): this {
    this.center = stateArray(state, 'center');
    this.scale = stateArray(state, 'scale', this.center.length);
    this.nFeaturesIn = this.center.length;
    return this;
  }
}
