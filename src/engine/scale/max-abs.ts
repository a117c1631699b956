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

/**
 * Max-abs scaling (sklearn.preprocessing.MaxAbsScaler): x / max|x| per feature, so values land in
 * [-1, 1] and zeros (sparsity) stay zero. Example: [-4, 2] → [-1, 0.5].
 */
export class MaxAbsScaler implements IncrementalScaler {
  readonly method = 'maxabs';
  maxAbs: Float64Array = new Float64Array(0);
  scale: Float64Array = new Float64Array(0);
  nSamplesSeen = 0;
  nFeaturesIn: number | undefined;

  fit(x: Matrix): this {
    this.nFeaturesIn = undefined;
    this.nSamplesSeen = 0;
    return this.partialFit(x);
  }

  partialFit(x: Matrix): this {
    if (this.nFeaturesIn === undefined) {
      this.nFeaturesIn = x.cols;
      this.maxAbs = new Float64Array(x.cols).fill(NaN);
    }
    checkFitted('maxAbs.partialFit', this.nFeaturesIn, x);
    for (let at = 0, j = 0; at < x.data.length; at++, j = j + 1 === x.cols ? 0 : j + 1) {
      const v = Math.abs(x.data[at]);
      if (v === v && !(v <= this.maxAbs[j])) this.maxAbs[j] = v;
    }
    this.nSamplesSeen += x.rows;
    this.scale = handleZerosInScale(this.maxAbs);
    return this;
  }

  transform(x: Matrix): Matrix {
    checkFitted('maxAbs.transform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => v / this.scale[j]);
  }

  inverseTransform(x: Matrix): Matrix {
    checkFitted('maxAbs.inverseTransform', this.nFeaturesIn, x);
    return mapColumns(x, (v, j) => v * this.scale[j]);
  }

  toJSON(): ScalerJSON {
    return {
      method: this.method,
      options: {},
      state: {
        nSamplesSeen: this.nSamplesSeen,
        maxAbs: toNumbers(this.maxAbs),
        scale: toNumbers(this.scale),
      },
    };
  }

  loadState(state: ScalerState): this {
    this.maxAbs = stateArray(state, 'maxAbs');
    this.nSamplesSeen = Number(state.nSamplesSeen);
    this.nFeaturesIn = this.maxAbs.length;
    this.scale = handleZerosInScale(this.maxAbs);
    return this;
  }
}
