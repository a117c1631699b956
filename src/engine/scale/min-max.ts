import { ParameterError } from '../parameter-error';
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

export interface MinMaxOptions {
  featureRange?: readonly [number, number];
  clip?: boolean;
}

/**
 * Min-max scaling to [a, b] (sklearn.preprocessing.MinMaxScaler): x·scale + min with
 * scale = (b-a) / (dataMax-dataMin) and min = a - dataMin·scale; clip limits the output to [a, b].
 * Example: [0, 5, 10] to [-1, 1] → [-1, 0, 1].
 */
export class MinMaxScaler implements IncrementalScaler {
  readonly method = 'minmax';
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;
  dataMin: Float64Array = new Float64Array(0);
  dataMax: Float64Array = new Float64Array(0);
  dataRange: Float64Array = new Float64Array(0);
  scale: Float64Array = new Float64Array(0);
  min: Float64Array = new Float64Array(0);
  nSamplesSeen = 0;
  nFeaturesIn: number | undefined;

  constructor(options: MinMaxOptions = {}) {
    const range = options.featureRange ?? [0, 1];
    if (range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
      throw new ParameterError(
        'minMax',
        'featureRange',
        range,
        'must be two finite numbers, the first smaller',
      );
    }
    this.featureRange = [range[0], range[1]];
    this.clip = options.clip ?? false;
  }

  fit(x: Matrix): this {
    this.nFeaturesIn = undefined;
    this.nSamplesSeen = 0;
    return this.partialFit(x);
  }

  partialFit(x: Matrix): this {
    if (this.nFeaturesIn === undefined) {
      this.nFeaturesIn = x.cols;
      this.dataMin = new Float64Array(x.cols).fill(NaN);
      this.dataMax = new Float64Array(x.cols).fill(NaN);
    }
    checkFitted('minMax.partialFit', this.nFeaturesIn, x);
    for (let at = 0, j = 0; at < x.data.length; at++, j = j + 1 === x.cols ? 0 : j + 1) {
      const v = x.data[at];
      if (v !== v) continue;
      if (!(v >= this.dataMin[j])) this.dataMin[j] = v;
      if (!(v <= this.dataMax[j])) this.dataMax[j] = v;
    }
    this.nSamplesSeen += x.rows;
    this.derive();
    return this;
  }

  private derive(): void {
    const [a, b] = this.featureRange;
    this.dataRange = this.dataMax.map((max, j) => max - this.dataMin[j]);
    this.scale = handleZerosInScale(this.dataRange).map((range) => (b - a) / range);
    this.min = this.dataMin.map((min, j) => a - min * this.scale[j]);
  }

  transform(x: Matrix): Matrix {
    checkFitted('minMax.transform', this.nFeaturesIn, x);
    const [a, b] = this.featureRange;
    return mapColumns(x, (v, j) => {
      const y = v * this.scale[j] + this.min[j];
      return this.clip ? Math.min(Math.max(y, a), b) : y;
    });
  }

  inverseTransform(x: Matrix): Matrix {
    checkFitted('minMax.inverseTransform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => (v - this.min[j]) / this.scale[j]);
  }

  toJSON(): ScalerJSON {
    return {
      method: this.method,
      options: { featureRange: [...this.featureRange], clip: this.clip },
      state: {
        nSamplesSeen: this.nSamplesSeen,
        dataMin: toNumbers(this.dataMin),
        dataMax: toNumbers(this.dataMax),
        dataRange: toNumbers(this.dataRange),
        scale: toNumbers(this.scale),
        min: toNumbers(this.min),
      },
    };
  }

  loadState(state: ScalerState): this {
    this.dataMin = stateArray(state, 'dataMin');
    this.dataMax = stateArray(state, 'dataMax', this.dataMin.length);
    this.nSamplesSeen = Number(state.nSamplesSeen);
    this.nFeaturesIn = this.dataMin.length;
    this.derive();
    return this;
  }
}
