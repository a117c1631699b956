/**
 * Every scaling method by its user-facing name, how to build it from options, and how to load a saved
 * one: the single list the CLI, the panel and the params files share.
 */
import { FixedDivisorScaler } from './fixed-divisor';
import type { MethodOption } from './method-options';
import { MaxAbsScaler } from './max-abs';
import { MinMaxScaler } from './min-max';
import { QuantileTransformer } from './quantile-transformer';
import { RobustScaler } from './robust';
import { RowNormalizer } from './row-normalizer';
import type { Scaler, ScalerJSON, ScalerState, ScalingMethod } from './scaler';
import { StandardScaler } from './standard';
import { YeoJohnsonTransformer } from './yeo-johnson';

type LoadableScaler = Scaler & { loadState(state: ScalerState): Scaler };

/**
 * How fits on separate shards of the data combine into the fit on all of it: through the mergeable
 * moments (count, mean, M2, min, max, max-abs per column; Chan's formulas), trivially (nothing is
 * fitted), or not at all, with the reason.
 */
export type Mergeability =
  { merges: 'moments' } | { merges: 'stateless' } | { merges: 'never'; reason: string };

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
  /** Options with their defaults, panel controls and CLI flags. */
  options: readonly MethodOption[];
  mergeability: Mergeability;
  create(options: Record<string, unknown>): LoadableScaler;
}

const QUANTILES_DO_NOT_MERGE =
  'its fit needs exact quantiles of all the data, and quantiles of shards do not combine into quantiles of the whole; fit it on all the data (--engine duckdb reads a folder of shards at once)';

/**
 * Every method, keyed by its name: a new ScalingMethod does not compile until it has an entry here and
 * a case in every exhaustive switch over methods (code snippets, SQL / PySpark expressions, merging).
 */
const METHOD_TABLE: { readonly [M in ScalingMethod]: Omit<MethodInfo, 'method'> } = {
  minmax: {
    fitsFrom: 'batches',
    title: 'Min-max',
    acts: 'per-feature',
    invertible: true,
    options: [
      { key: 'featureRange', label: 'Range', kind: 'pair', initial: [0, 1], flag: 'range', flagHint: 'a,b' },
      { key: 'clip', label: 'Clip to range', kind: 'checkbox', initial: false, flag: 'clip' },
    ],
    mergeability: { merges: 'moments' },
    create: (o) => new MinMaxScaler(o),
  },
  zscore: {
    fitsFrom: 'batches',
    title: 'Z-score (standard)',
    acts: 'per-feature',
    invertible: true,
    options: [
      {
        key: 'withMean',
        label: 'Centre (subtract mean)',
        kind: 'checkbox',
        initial: true,
        flag: 'no-center',
      },
      { key: 'withStd', label: 'Scale (divide by σ)', kind: 'checkbox', initial: true, flag: 'no-scale' },
    ],
    mergeability: { merges: 'moments' },
    create: (o) => new StandardScaler(o),
  },
  scale: {
    fitsFrom: 'nothing',
    title: 'Fixed divisor',
    acts: 'elementwise',
    invertible: true,
    options: [
      {
        key: 'divisor',
        label: 'Divisor',
        kind: 'number',
        initial: 255,
        flag: 'divisor',
        flagHint: 'D',
        flagRequired: true,
      },
    ],
    mergeability: { merges: 'stateless' },
    create: (o) => new FixedDivisorScaler(o),
  },
  robust: {
    fitsFrom: 'quantiles',
    title: 'Robust (median / IQR)',
    acts: 'per-feature',
    invertible: true,
    options: [
      {
        key: 'quantileRange',
        label: 'Quantile range (%)',
        kind: 'pair',
        initial: [25, 75],
        flag: 'quantile-range',
        flagHint: '25,75',
      },
      {
        key: 'unitVariance',
        label: 'Unit variance',
        kind: 'checkbox',
        initial: false,
        flag: 'unit-variance',
      },
    ],
    mergeability: { merges: 'never', reason: QUANTILES_DO_NOT_MERGE },
    create: (o) => new RobustScaler(o),
  },
  maxabs: {
    fitsFrom: 'batches',
    title: 'Max-abs',
    acts: 'per-feature',
    invertible: true,
    options: [],
    mergeability: { merges: 'moments' },
    create: () => new MaxAbsScaler(),
  },
  l1: {
    fitsFrom: 'nothing',
    title: 'Row L1 norm',
    acts: 'per-sample',
    invertible: false,
    options: [],
    mergeability: { merges: 'stateless' },
    create: () => new RowNormalizer({ norm: 'l1' }),
  },
  l2: {
    fitsFrom: 'nothing',
    title: 'Row L2 norm',
    acts: 'per-sample',
    invertible: false,
    options: [],
    mergeability: { merges: 'stateless' },
    create: () => new RowNormalizer({ norm: 'l2' }),
  },
  max: {
    fitsFrom: 'nothing',
    title: 'Row max norm',
    acts: 'per-sample',
    invertible: false,
    options: [],
    mergeability: { merges: 'stateless' },
    create: () => new RowNormalizer({ norm: 'max' }),
  },
  quantile: {
    fitsFrom: 'all-values',
    title: 'Quantile',
    acts: 'per-feature',
    invertible: true,
    options: [
      {
        key: 'nQuantiles',
        label: 'Quantiles',
        kind: 'number',
        initial: 1000,
        integer: true,
        min: 1,
        step: 1,
        flag: 'n-quantiles',
        flagHint: 'N',
      },
      {
        key: 'outputDistribution',
        label: 'Output',
        kind: 'choice',
        initial: 'uniform',
        choices: ['uniform', 'normal'],
        flag: 'output-distribution',
      },
    ],
    mergeability: { merges: 'never', reason: QUANTILES_DO_NOT_MERGE },
    create: (o) => new QuantileTransformer(o),
  },
  'yeo-johnson': {
    fitsFrom: 'all-values',
    title: 'Yeo-Johnson',
    acts: 'per-feature',
    invertible: true,
    options: [
      {
        key: 'standardize',
        label: 'Standardize after',
        kind: 'checkbox',
        initial: true,
        flag: 'no-standardize',
      },
    ],
    mergeability: {
      merges: 'never',
      reason:
        'its λ maximises a likelihood over every value of the column, which shard summaries do not determine; fit it on all the data',
    },
    create: (o) => new YeoJohnsonTransformer(o),
  },
};

export const SCALING_METHODS: readonly MethodInfo[] = (
  Object.entries(METHOD_TABLE) as [ScalingMethod, Omit<MethodInfo, 'method'>][]
).map(([method, info]) => ({ method, ...info }));

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
