/**
 * Every scaling method by its user-facing name, how to build it from options, and how to load a saved
 * one: the single list the CLI, the panel and the params files share.
 */
import { FixedDivisorScaler } from './fixed-divisor';
import { MaxAbsScaler } from './max-abs';
import { MinMaxScaler } from './min-max';
import { QuantileTransformer } from './quantile-transformer';
import { RobustScaler } from './robust';
import { RowNormalizer } from './row-normalizer';
import type { Scaler, ScalerJSON, ScalerState, ScalingMethod } from './scaler';
import { StandardScaler } from './standard';
import { YeoJohnsonTransformer } from './yeo-johnson';

type LoadableScaler = Scaler & { loadState(state: ScalerState): Scaler };

export interface MethodInfo {
  method: ScalingMethod;
  title: string;
  /** Per-feature (column) statistics, or per-sample (row) norms. */
  acts: 'per-feature' | 'per-sample' | 'elementwise';
  invertible: boolean;
  /**
   * What a fit needs of the data: nothing (stateless), statistics that merge batch by batch
   * (partialFit), per-column quantiles (RobustScaler.fitFromQuantiles), or every value at once.
   */
  fitsFrom: 'nothing' | 'batches' | 'quantiles' | 'all-values';
  create(options: Record<string, unknown>): LoadableScaler;
}

export const SCALING_METHODS: readonly MethodInfo[] = [
  {
    method: 'minmax',
    fitsFrom: 'batches',
    title: 'Min-max',
    acts: 'per-feature',
    invertible: true,
    create: (o) => new MinMaxScaler(o),
  },
  {
    method: 'zscore',
    fitsFrom: 'batches',
    title: 'Z-score (standard)',
    acts: 'per-feature',
    invertible: true,
    create: (o) => new StandardScaler(o),
  },
  {
    method: 'scale',
    fitsFrom: 'nothing',
    title: 'Fixed divisor',
    acts: 'elementwise',
    invertible: true,
    create: (o) => new FixedDivisorScaler(o),
  },
  {
    method: 'robust',
    fitsFrom: 'quantiles',
    title: 'Robust (median / IQR)',
    acts: 'per-feature',
    invertible: true,
    create: (o) => new RobustScaler(o),
  },
  {
    method: 'maxabs',
    fitsFrom: 'batches',
    title: 'Max-abs',
    acts: 'per-feature',
    invertible: true,
    create: () => new MaxAbsScaler(),
  },
  {
    method: 'l1',
    fitsFrom: 'nothing',
    title: 'Row L1 norm',
    acts: 'per-sample',
    invertible: false,
    create: () => new RowNormalizer({ norm: 'l1' }),
  },
  {
    method: 'l2',
    fitsFrom: 'nothing',
    title: 'Row L2 norm',
    acts: 'per-sample',
    invertible: false,
    create: () => new RowNormalizer({ norm: 'l2' }),
  },
  {
    method: 'max',
    fitsFrom: 'nothing',
    title: 'Row max norm',
    acts: 'per-sample',
    invertible: false,
    create: () => new RowNormalizer({ norm: 'max' }),
  },
  {
    method: 'quantile',
    fitsFrom: 'all-values',
    title: 'Quantile',
    acts: 'per-feature',
    invertible: true,
    create: (o) => new QuantileTransformer(o),
  },
  {
    method: 'yeo-johnson',
    fitsFrom: 'all-values',
    title: 'Yeo-Johnson',
    acts: 'per-feature',
    invertible: true,
    create: (o) => new YeoJohnsonTransformer(o),
  },
];

export const SCALING_METHOD_NAMES: readonly ScalingMethod[] = SCALING_METHODS.map((m) => m.method);

export function methodInfo(method: string): MethodInfo {
  const info = SCALING_METHODS.find((m) => m.method === method);
  if (!info)
    throw new RangeError(`scaling: method '${method}' is not one of ${SCALING_METHOD_NAMES.join(', ')}`);
  return info;
}

export function createScaler(method: ScalingMethod, options: Record<string, unknown> = {}): Scaler {
  return methodInfo(method).create(options);
}

/** Rebuilds a fitted scaler from its toJSON() form. */
export function scalerFromJSON(json: ScalerJSON): Scaler {
  if (typeof json !== 'object' || json === null || typeof json.method !== 'string') {
    throw new TypeError('scalerFromJSON: expected { method, options, state }');
  }
  return methodInfo(json.method)
    .create(json.options ?? {})
    .loadState(json.state ?? {});
}
