/**
 * The facts advice rests on, for one numeric column: counts, distinct values, integer-ness, SciPy's
 * biased skewness and the share of values strictly outside Tukey's fences (NumPy 'linear' quartiles).
 * NaN is missing; ±Infinity counts as a value (and makes skewness NaN, as in SciPy).
 */
import { momentsOf, skewnessOf } from '../stats/moments';
import { quantileSorted, sortedNonMissing } from '../stats/quantile';

export interface ColumnFacts {
  /** Rows, missing included. */
  rows: number;
  /** Non-missing values. */
  count: number;
  missing: number;
  min: number;
  max: number;
  /** Distinct non-missing values, counted up to 3 (enough for every rule: 1, 2 or more). */
  distinctUpTo3: number;
  /** The two values of a two-valued column, ascending; empty otherwise. */
  twoValues: number[];
  /** Every value an integer and no two alike. */
  distinctIntegers: boolean;
  /** Biased (SciPy default) skewness m3 / m2^1.5; NaN when undefined. */
  skewness: number;
  q1: number;
  median: number;
  q3: number;
  /** Q1 − 1.5·IQR and Q3 + 1.5·IQR. */
  lowerFence: number;
  upperFence: number;
  /** Values strictly below the lower or above the upper fence. */
  beyondFences: number;
  /** Smallest and largest value within the fences (NaN when none). */
  innerMin: number;
  innerMax: number;
}

/** Facts of `values` (one entry per row, NaN = missing), in one sort and one moments pass. */
export function columnFacts(values: ArrayLike<number>): ColumnFacts {
  const rows = values.length;
  const sorted = sortedNonMissing(rows, values);
  const count = sorted.length;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - 1.5 * iqr;
  const upperFence = q3 + 1.5 * iqr;
  let distinct = 0;
  let distinctIntegers = true;
  let beyondFences = 0;
  let innerMin = NaN;
  let innerMax = NaN;
  for (let i = 0; i < count; i++) {
    const v = sorted[i];
    const isNew = i === 0 || v !== sorted[i - 1];
    if (isNew) distinct++;
    else distinctIntegers = false;
    if (!Number.isInteger(v)) distinctIntegers = false;
    if (v < lowerFence || v > upperFence) beyondFences++;
    else {
      if (!(innerMin <= v)) innerMin = v;
      innerMax = v;
    }
  }
  return {
    rows,
    count,
    missing: rows - count,
    min: count ? sorted[0] : NaN,
    max: count ? sorted[count - 1] : NaN,
    distinctUpTo3: Math.min(distinct, 3),
    twoValues: distinct === 2 ? [sorted[0], sorted[count - 1]] : [],
    distinctIntegers: count > 0 && distinctIntegers,
    skewness: skewnessOf(momentsOf(rows, values)),
    q1,
    median: quantileSorted(sorted, 0.5),
    q3,
    lowerFence,
    upperFence,
    beyondFences,
    innerMin,
    innerMax,
  };
}
