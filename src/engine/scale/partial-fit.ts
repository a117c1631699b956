/**
 * Fits on shards that merge: each shard keeps per-column running moments (count, missing, min, max,
 * mean, M2… in moments.ts's scaled form), which combine by Chan's parallel formulas into the moments of
 * all the data; the params of the merged state equal one fit on everything (min/max exactly, mean and
 * variance to rounding). Methods whose fit needs every value (quantiles, Yeo-Johnson's λ) refuse.
 */
import { emptyMoments, meanOf, mergeMoments, momentsOf, varianceOf, type Moments } from '../stats/moments';
import type { Matrix } from './matrix';
import { createScaler, methodInfo } from './registry';
import type { ScalerJSON, ScalingMethod } from './scaler';

export interface PartialFit {
  format: 'normscope/partial';
  version: 1;
  method: ScalingMethod;
  options: Record<string, unknown>;
  columns: string[];
  /** Rows seen, missing values included (MinMaxScaler's and MaxAbsScaler's nSamplesSeen). */
  rows: number;
  moments: Moments[];
}

/** Throws, saying why, when `method` cannot be fitted in shards. */
export function checkMergeable(method: ScalingMethod): void {
  const { mergeability } = methodInfo(method);
  if (mergeability.merges === 'never')
    throw new RangeError(`merge: ${method} does not merge from shards: ${mergeability.reason}`);
}

export function partialFitOf(
  method: ScalingMethod,
  options: Record<string, unknown>,
  columns: readonly string[],
  x: Matrix,
): PartialFit {
  checkMergeable(method);
  createScaler(method, options); // validates the options now, not at merge time
  return {
    format: 'normscope/partial',
    version: 1,
    method,
    options,
    columns: [...columns],
    rows: x.rows,
    moments: Array.from({ length: x.cols }, (_, j) => momentsOf(x.rows, x.data, x.cols, j)),
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The partial fit of all the shards' rows together; they must share method, options and columns. */
export function mergePartialFits(parts: readonly PartialFit[]): PartialFit {
  if (parts.length === 0) throw new RangeError('merge: no partial fits to merge');
  const [first] = parts;
  parts.forEach((part, index) => {
    checkMergeable(part.method);
    const differs =
      part.method !== first.method
        ? `method ${part.method}, not ${first.method}`
        : !sameJson(part.options, first.options)
          ? `options ${JSON.stringify(part.options)}, not ${JSON.stringify(first.options)}`
          : !sameJson(part.columns, first.columns)
            ? `columns ${part.columns.join(',')}, not ${first.columns.join(',')}`
            : undefined;
    if (differs) throw new RangeError(`merge: shard ${index + 1} has ${differs} (shard 1's)`);
  });
  const moments = first.columns.map(() => emptyMoments());
  for (const part of parts) part.moments.forEach((m, j) => mergeMoments(moments[j], m));
  return { ...first, rows: parts.reduce((n, p) => n + p.rows, 0), moments };
}

/** The fitted scaler of a (merged) partial fit, as `fit` would have saved it. */
export function scalerFromPartial(partial: PartialFit): ScalerJSON {
  const { method, options, moments, rows } = partial;
  const scaler = methodInfo(method).create(options);
  const finiteOrNaN = (v: number, count: number) => (count === 0 ? NaN : v);
  switch (method) {
    case 'minmax':
      return scaler
        .loadState({
          dataMin: moments.map((m) => finiteOrNaN(m.min, m.count)),
          dataMax: moments.map((m) => finiteOrNaN(m.max, m.count)),
          nSamplesSeen: rows,
        })
        .toJSON();
    case 'zscore':
      return scaler
        .loadState({
          mean: moments.map(meanOf),
          var: moments.map((m) => varianceOf(m, 0)),
          nSamplesSeen: moments.map((m) => m.count),
        })
        .toJSON();
    case 'maxabs':
      return scaler
        .loadState({
          maxAbs: moments.map((m) => finiteOrNaN(Math.max(Math.abs(m.min), Math.abs(m.max)), m.count)),
          nSamplesSeen: rows,
        })
        .toJSON();
    case 'scale':
    case 'l1':
    case 'l2':
    case 'max':
      return scaler.toJSON();
    case 'robust':
    case 'quantile':
    case 'yeo-johnson':
      checkMergeable(method);
      throw new RangeError(`merge: ${method} does not merge from shards`);
  }
}
