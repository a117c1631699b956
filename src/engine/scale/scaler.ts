/**
 * The scaler contract, after scikit-learn's: options in the constructor; `fit` = reset + `partialFit`
 * (where the statistic can be updated) or one pass over the data; `transform` / `inverseTransform` refuse
 * before fitting and return new matrices; NaN is ignored in fit and kept in transform; fitted state is
 * named like scikit-learn's (camelCase) and serializes to versioned JSON.
 */
import type { Matrix } from './matrix';

export type ScalingMethod =
  'minmax' | 'zscore' | 'scale' | 'robust' | 'maxabs' | 'l1' | 'l2' | 'max' | 'quantile' | 'yeo-johnson';

/** Fitted state: named arrays of per-feature numbers (NaN allowed), plus scalars. */
export type ScalerState = Record<string, number | number[] | number[][]>;

export interface ScalerJSON {
  method: ScalingMethod;
  options: Record<string, unknown>;
  state: ScalerState;
}

export interface Scaler {
  readonly method: ScalingMethod;
  /** Features seen in fit; undefined before fitting. Stateless scalers (row norms) accept any width. */
  readonly nFeaturesIn: number | undefined;
  fit(x: Matrix): this;
  transform(x: Matrix): Matrix;
  inverseTransform(x: Matrix): Matrix;
  toJSON(): ScalerJSON;
}

/** Scalers whose statistic merges batch by batch (streamed files). */
export interface IncrementalScaler extends Scaler {
  partialFit(x: Matrix): this;
}

export function isIncremental(scaler: Scaler): scaler is IncrementalScaler {
  return typeof (scaler as Partial<IncrementalScaler>).partialFit === 'function';
}

/**
 * scikit-learn's _handle_zeros_in_scale: a scale below 10·eps (or flagged constant) becomes 1, so
 * constant features pass through centred instead of dividing by zero.
 */
export function handleZerosInScale(scale: Float64Array, constant?: readonly boolean[]): Float64Array {
  return scale.map((s, j) => ((constant ? constant[j] : s < 10 * Number.EPSILON) ? 1 : s));
}

/** Throws unless the scaler is fitted and `x` has the fitted width. */
export function checkFitted(op: string, nFeaturesIn: number | undefined, x: Matrix): number {
  if (nFeaturesIn === undefined) throw new TypeError(`${op}: the scaler is not fitted yet; call fit first`);
  if (x.cols !== nFeaturesIn) {
    throw new RangeError(`${op}: x has ${x.cols} features, the scaler was fitted on ${nFeaturesIn}`);
  }
  return nFeaturesIn;
}

/** A state array as saved (for JSON), and back. */
export function toNumbers(values: ArrayLike<number>): number[] {
  return Array.from(values);
}

export function stateArray(state: ScalerState, key: string, length?: number): Float64Array {
  const value = state[key];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number')) {
    throw new TypeError(`scalerFromJSON: state.${key} must be an array of numbers`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`scalerFromJSON: state.${key} has ${value.length} values, expected ${length}`);
  }
  return Float64Array.from(value as number[]);
}
