/**
 * Advice per column: diagnoses, a method and the reason in words and numbers. One function serves the
 * panel's badges, `normscope advise` and the notebook output. The rules, first match wins:
 *   1. no values                                   → drop     (empty)
 *   2. min = max                                   → drop     (constant)
 *   3. all integers, all distinct, ≥ 20 values and max − min + 1 = count
 *                                                  → exclude  (id-like)
 *   4. exactly two distinct values                 → none     (binary)
 *   5. |skewness| > 1 (SciPy's biased estimator)   → yeo-johnson (skewed)
 *   6. > 5% of values strictly outside Tukey's fences Q1 − 1.5·IQR, Q3 + 1.5·IQR (NumPy 'linear')
 *                                                  → robust   (outliers)
 *   7. otherwise                                   → zscore
 * `skewed` and `outliers` are both listed when both hold; `missing` joins whenever a value is missing.
 * Text columns get method `none` and no diagnoses.
 */
import { formatPercent, formatSignificant } from '../report/number-format';
import { columnFacts, type ColumnFacts } from './diagnose';
import { ADVICE_MESSAGES, fillMessage, type AdviceLanguage, type AdviceMessageKey } from './messages';

/** What advice can say of a column, in the order the rules check them (missing last). */
export const DIAGNOSES = ['empty', 'constant', 'id-like', 'binary', 'skewed', 'outliers', 'missing'] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

/** What to do with a column: leave it out of the data, out of the scaling, as it is, or a scaling method. */
export const ADVISED_METHODS = ['drop', 'exclude', 'none', 'yeo-johnson', 'robust', 'zscore'] as const;
export type AdvisedMethod = (typeof ADVISED_METHODS)[number];

/** The thresholds of the rules, in one place. */
export const ADVICE_THRESHOLDS = {
  /** Rule 3: an id column has at least this many values. */
  idMinimumCount: 20,
  /** Rule 5: |skewness| above this is skewed. */
  skewness: 1,
  /** Rule 6: a share of values beyond Tukey's fences above this has outliers. */
  outlierShare: 0.05,
  /** Tukey's fences at Q1 − k·IQR and Q3 + k·IQR. */
  fenceFactor: 1.5,
} as const;

export interface ColumnAdvice {
  name: string;
  kind: 'numeric' | 'text';
  diagnoses: Diagnosis[];
  method: AdvisedMethod;
  reason: string;
  /** The numbers behind it (numeric columns). */
  facts?: ColumnFacts;
}

export type AdviceColumn =
  { name: string; kind: 'numeric'; values: ArrayLike<number> } | { name: string; kind: 'text' };

/**
 * Advice for one column. Example: 30 rows of 1..30 → method 'exclude', diagnoses ['id-like'],
 * reason '30 distinct integers from 1 to 30, one per row: a row identifier, not a measurement'.
 */
export function adviseColumn(column: AdviceColumn, language: AdviceLanguage = 'en'): ColumnAdvice {
  const messages = ADVICE_MESSAGES[language];
  if (column.kind === 'text') {
    return { name: column.name, kind: 'text', diagnoses: [], method: 'none', reason: messages.text };
  }
  const facts = columnFacts(column.values);
  const { key, method, diagnoses } = ruleFor(facts);
  const say = (k: AdviceMessageKey) => fillMessage(messages[k], reasonValues(facts));
  const parts = [say(key)];
  if (facts.missing > 0) {
    diagnoses.push('missing');
    parts.push(say('missing'));
  }
  return {
    name: column.name,
    kind: 'numeric',
    diagnoses,
    method,
    reason: parts.join(messages.separator),
    facts,
  };
}

/** Advice for every column, in order. */
export function adviseColumns(
  columns: readonly AdviceColumn[],
  language: AdviceLanguage = 'en',
): ColumnAdvice[] {
  return columns.map((c) => adviseColumn(c, language));
}

function ruleFor(f: ColumnFacts): { key: AdviceMessageKey; method: AdvisedMethod; diagnoses: Diagnosis[] } {
  if (f.count === 0) return { key: 'empty', method: 'drop', diagnoses: ['empty'] };
  if (f.min === f.max) return { key: 'constant', method: 'drop', diagnoses: ['constant'] };
  if (f.distinctIntegers && f.count >= ADVICE_THRESHOLDS.idMinimumCount && f.max - f.min + 1 === f.count)
    return { key: 'idLike', method: 'exclude', diagnoses: ['id-like'] };
  if (f.distinctUpTo3 === 2) return { key: 'binary', method: 'none', diagnoses: ['binary'] };
  const skewed = Math.abs(f.skewness) > ADVICE_THRESHOLDS.skewness;
  const outliers = f.beyondFences / f.count > ADVICE_THRESHOLDS.outlierShare;
  if (skewed && outliers)
    return { key: 'skewedWithOutliers', method: 'yeo-johnson', diagnoses: ['skewed', 'outliers'] };
  if (skewed) return { key: 'skewed', method: 'yeo-johnson', diagnoses: ['skewed'] };
  if (outliers) return { key: 'outliers', method: 'robust', diagnoses: ['outliers'] };
  return { key: 'zscore', method: 'zscore', diagnoses: [] };
}

/** The numbers a reason may cite, formatted once. */
function reasonValues(f: ColumnFacts): Record<string, string> {
  const span = f.max - f.min;
  const squashedLow = (f.innerMin - f.min) / span;
  const squashedHigh = (f.innerMax - f.min) / span;
  return {
    rows: String(f.rows),
    count: String(f.count),
    missing: String(f.missing),
    missingShare: formatPercent(f.rows ? f.missing / f.rows : 0),
    min: formatSignificant(f.min),
    max: formatSignificant(f.max),
    low: formatSignificant(f.twoValues[0] ?? NaN),
    high: formatSignificant(f.twoValues[1] ?? NaN),
    skewness: formatSignificant(f.skewness, 3),
    beyondShare: formatPercent(f.count ? f.beyondFences / f.count : 0),
    innerShare: formatPercent(f.count ? 1 - f.beyondFences / f.count : 0),
    lowerFence: formatSignificant(f.lowerFence),
    upperFence: formatSignificant(f.upperFence),
    squashedLow: formatSignificant(squashedLow, 3),
    squashedHigh: formatSignificant(squashedHigh, 3),
  };
}
