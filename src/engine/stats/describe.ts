/**
 * Per-column and per-axis summaries, as pandas.describe plus SciPy's moments: count, missing, mean,
 * std (ddof 1, as pandas) and stdPopulation (ddof 0, as NumPy), min, quartiles (NumPy 'linear'), max,
 * biased skewness and excess kurtosis (SciPy defaults). NaN is missing; degenerate input gives NaN.
 */
import { complementAxes, normalizeAxes, reducedShape } from '../tensor/axes';
import { gather, sizeOf, type Tensor } from '../tensor/tensor';
import { kurtosisOf, meanOf, momentsOf, skewnessOf, stdOf, type Moments } from './moments';
import { nonMissing, selectQuantiles } from './quantile';

export const QUARTILES = [0.25, 0.5, 0.75];

export interface Summary {
  count: number;
  missing: number;
  mean: number;
  /** Sample standard deviation (ddof 1), as pandas.describe. */
  std: number;
  /** Population standard deviation (ddof 0), as numpy.std. */
  stdPopulation: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
  skewness: number;
  kurtosis: number;
}

export const SUMMARY_FIELDS: readonly (keyof Summary)[] = [
  'count',
  'missing',
  'mean',
  'std',
  'stdPopulation',
  'min',
  'q25',
  'median',
  'q75',
  'max',
  'skewness',
  'kurtosis',
];

/** The summary of running moments and the quartiles [q25, median, q75] of the same values. */
export function summaryOf(m: Moments, [q25, median, q75]: readonly number[]): Summary {
  const empty = m.count === 0;
  return {
    count: m.count,
    missing: m.missing,
    mean: meanOf(m),
    std: stdOf(m, 1),
    stdPopulation: stdOf(m, 0),
    min: empty ? NaN : m.min,
    q25,
    median,
    q75,
    max: empty ? NaN : m.max,
    skewness: skewnessOf(m),
    kurtosis: kurtosisOf(m),
  };
}

/**
 * Summary of `n` values read from `x` at offset, offset+stride, … (any stride, negative too).
 * Example: describe(4, [1, 2, NaN, 4]) → count 3, missing 1, mean 7/3, median 2.
 */
export function describe(n: number, x: ArrayLike<number>, stride = 1, offset = 0): Summary {
  return summaryOf(
    momentsOf(n, x, stride, offset),
    selectQuantiles(nonMissing(n, x, stride, offset), QUARTILES),
  );
}

/**
 * describe() of values the caller owns and needs no more in their order: the quartiles are selected in
 * place (non-missing values moved to the front), saving a copy of the column. Same result as describe().
 */
export function describeInPlace(values: Float64Array): Summary {
  const moments = momentsOf(values.length, values);
  let kept = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) values[kept++] = v;
  }
  return summaryOf(moments, selectQuantiles(values.subarray(0, kept), QUARTILES));
}

export interface AxesSummary {
  /** Shape of the kept axes (one summary per index, C order). */
  keptShape: number[];
  keptAxes: number[];
  reducedAxes: number[];
  summaries: Summary[];
}

/**
 * Summaries over the `axes` of a tensor (NumPy meaning: the reduced axes), one per index of the kept
 * axes. Example: x of shape [32, 64, 56, 56] with axes [0, 2, 3] gives 64 per-channel summaries.
 */
export function describeAxes(x: Tensor, axes: readonly number[]): AxesSummary {
  const reducedAxes = normalizeAxes(axes, x.shape.length, 'describeAxes', 'axes');
  const keptAxes = complementAxes(reducedAxes, x.shape.length);
  const keptShape = reducedShape(x.shape, reducedAxes);
  const groups = sizeOf(keptShape);
  const groupSize = sizeOf(reducedAxes.map((axis) => x.shape[axis]));
  // Reduced axes innermost, so each summary reads one contiguous run.
  const values = gather(x, [...keptAxes, ...reducedAxes]);
  const summaries = Array.from({ length: groups }, (_, g) => describe(groupSize, values, 1, g * groupSize));
  return { keptShape, keptAxes, reducedAxes, summaries };
}
