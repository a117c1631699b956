/**
 * The numbers behind a before/after view, computed where the data is (extension host or notebook
 * renderer) so only summaries travel: per-column (or per kept-axis index) statistics before and after,
 * histograms of the focused column with the same binning rule on both sides, and for tables an outlier
 * view comparing min-max with robust scaling of the same column.
 */
import { batchNorm } from '../layers/batch-norm';
import { groupNorm } from '../layers/group-norm';
import { layerNorm } from '../layers/layer-norm';
import { ParameterError } from '../parameter-error';
import { createScaler, scalerFromJSON } from '../scale/registry';
import { fromColumns, type Matrix } from '../scale/matrix';
import type { ScalerJSON, ScalingMethod } from '../scale/scaler';
import { describe, describeAxes, type Summary } from '../stats/describe';
import { histogram, type Histogram } from '../stats/histogram';
import { freedmanDiaconisBins } from '../stats/bin-rule';
import { nonMissing, selectQuantiles } from '../stats/quantile';
import { complementAxes, normalizeAxes } from '../tensor/axes';
import type { Tensor } from '../tensor/tensor';
import type { Dataset } from './dataset';
import { fitPlan, keepsColumn, type ColumnPlan, type FittedPlan } from '../advise/plan';
import { defaultFocus, tableOverview, type OverviewRow } from './overview';
import { whyNormalize, type WhyNormalize } from '../advise/why-normalize';
import type { AdviceLanguage } from '../advise/messages';
import { presetAxes, type TensorPreset } from './presets';

export { presetAxes, type TensorPreset };

/** The percentiles the statistics tables add to the quartiles. */
export const PERCENTILES = [0.01, 0.05, 0.95, 0.99] as const;
/** A bin rule never draws more bars than this. */
export const MAX_RULE_BINS = 200;

export type ReportRequest =
  | {
      kind: 'table';
      /** 'none': statistics only. */
      method: ScalingMethod | 'none';
      options: Record<string, unknown>;
      /** Columns the method applies to (default: every numeric column). */
      columns?: string[];
      /** The column whose distribution is drawn. */
      focus?: string;
      bins: number;
      /** The language of the overview's advice reasons. */
      language?: AdviceLanguage;
      /** 'fd': the focused column's Freedman–Diaconis bin count (at most MAX_RULE_BINS) instead of `bins`. */
      binRule?: 'fd';
      /** Parameters fitted elsewhere (fit on train, apply to test): transform only, no fit. */
      prefitted?: ScalerJSON;
      /** A method per column (ColumnTransformer-like); replaces method, options and columns. */
      plan?: ColumnPlan;
      /**
       * Min-max and robust scalers fitted on the training file (same columns): the outlier view
       * applies them instead of fitting on the data shown, which would leak.
       */
      outlierReference?: { minmax: ScalerJSON; robust: ScalerJSON };
    }
  | {
      kind: 'tensor';
      preset: TensorPreset;
      /** Axes each statistic reduces over (BatchNorm on NCHW: [0, 2, 3]). */
      reducedAxes: number[];
      groups?: number;
      eps: number;
      /** 'none': statistics only. */
      normalize: boolean;
      bins: number;
    };

export interface StatisticsRow {
  label: string;
  summary: Summary;
}

export interface Report {
  before: StatisticsRow[];
  after: StatisticsRow[];
  focusLabel: string;
  histogramBefore: Histogram;
  histogramAfter: Histogram;
  outliers?: { minmax: Histogram; robust: Histogram };
  /** Table methods: the fitted scaler (for "save parameters" and "copy as code"). */
  fitted?: { columns: string[]; scaler: ScalerJSON };
  /** A per-column plan, fitted (instead of `fitted`). */
  fittedPlan?: FittedPlan;
  /** Tables: one row per column with advice and mini histograms. */
  overview?: OverviewRow[];
  /** The bin count drawn and the rule that chose it. */
  bins: { count: number; rule: 'fd' | 'fixed' };
  /** Tables with a method: the why-normalize numbers of the applied columns, before and after. */
  why?: { columns: string[]; before: WhyNormalize; after: WhyNormalize };
  /** Tables: PERCENTILES of every applied column, before and after (rows × PERCENTILES.length). */
  percentiles?: { before: number[][]; after: number[][] };
  /** The transformed values, for export: table → matrix of the applied columns; tensor → same shape. */
  output: { kind: 'table'; columns: string[]; matrix: Matrix } | { kind: 'tensor'; tensor: Tensor };
}

export function computeReport(dataset: Dataset, request: ReportRequest): Report {
  if (dataset.kind === 'table' && request.kind === 'table') return tableReport(dataset, request);
  if (dataset.kind === 'tensor' && request.kind === 'tensor')
    return tensorReport(dataset.tensor, dataset.axisNames, request);
  throw new ParameterError('computeReport', 'request', request.kind, `does not apply to a ${dataset.kind}`);
}

function tableReport(
  dataset: Extract<Dataset, { kind: 'table' }>,
  request: Extract<ReportRequest, { kind: 'table' }>,
): Report {
  const numeric = dataset.columns.filter((c) => c.kind === 'numeric');
  const names = request.plan
    ? request.plan.columns.filter(keepsColumn).map((entry) => entry.column)
    : (request.columns ?? numeric.map((c) => c.name));
  const chosen = names.map((name) => {
    const column = numeric.find((c) => c.name === name);
    if (!column) throw new ParameterError('computeReport', 'columns', name, 'is not a numeric column');
    return column;
  });
  if (chosen.length === 0)
    throw new ParameterError('computeReport', 'columns', names, 'must name at least one numeric column');
  const x = fromColumns(
    chosen.map((c) => c.values),
    dataset.rowCount,
  );
  let y = x;
  let fitted: Report['fitted'];
  let fittedPlan: FittedPlan | undefined;
  if (request.plan) {
    const plan = fitPlan(request.plan, (name) => chosen[names.indexOf(name)].values, dataset.rowCount);
    y = plan.transform(x);
    fittedPlan = plan.fitted;
  } else if (request.prefitted) {
    const scaler = scalerFromJSON(request.prefitted);
    y = scaler.transform(x);
    fitted = { columns: names, scaler: request.prefitted };
  } else if (request.method !== 'none') {
    const scaler = createScaler(request.method, request.options).fit(x);
    y = scaler.transform(x);
    fitted = { columns: names, scaler: scaler.toJSON() };
  }
  const focus = Math.max(0, names.indexOf(request.focus ?? defaultFocus(dataset.columns, names)));
  const column = (m: Matrix, j: number) =>
    Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]);
  const focused = column(x, focus);
  const rows = (m: Matrix) =>
    names.map((label, j) => ({ label, summary: describe(m.rows, m.data, m.cols, j) }));
  const single = fromColumns([focused], focused.length);
  const bins = request.binRule === 'fd' ? freedmanDiaconisBins(focused, MAX_RULE_BINS) : request.bins;
  const percentiles = (m: Matrix) =>
    names.map((_, j) => selectQuantiles(nonMissing(m.rows, m.data, m.cols, j), PERCENTILES));
  return {
    before: rows(x),
    after: rows(y),
    focusLabel: names[focus],
    histogramBefore: histogram(focused, bins),
    histogramAfter: histogram(column(y, focus), bins),
    outliers: request.outlierReference
      ? {
          minmax: histogram(
            column(scalerFromJSON(request.outlierReference.minmax).transform(x), focus),
            bins,
          ),
          robust: histogram(
            column(scalerFromJSON(request.outlierReference.robust).transform(x), focus),
            bins,
          ),
        }
      : {
          minmax: histogram(createScaler('minmax').fit(single).transform(single).data, bins),
          robust: histogram(createScaler('robust').fit(single).transform(single).data, bins),
        },
    bins: { count: bins, rule: request.binRule === 'fd' ? 'fd' : 'fixed' },
    ...(y === x ? {} : { why: { columns: names, before: whyNormalize(x), after: whyNormalize(y) } }),
    percentiles: { before: percentiles(x), after: percentiles(y) },
    fitted,
    fittedPlan,
    overview: tableOverview(
      dataset.columns,
      dataset.rowCount,
      (name) => {
        const j = names.indexOf(name);
        return j < 0 || y === x ? undefined : column(y, j);
      },
      request.language,
    ),
    output: { kind: 'table', columns: names, matrix: y },
  };
}

function tensorReport(
  x: Tensor,
  axisNames: string[],
  request: Extract<ReportRequest, { kind: 'tensor' }>,
): Report {
  const rank = x.shape.length;
  const reduced = normalizeAxes(request.reducedAxes, rank, 'computeReport', 'reducedAxes');
  if (reduced.length === 0)
    throw new ParameterError(
      'computeReport',
      'reducedAxes',
      request.reducedAxes,
      'must name at least one axis',
    );
  let y: Tensor = x;
  if (request.normalize) {
    if (request.preset === 'groupnorm') {
      y = groupNorm(x, { numGroups: request.groups ?? 1, eps: request.eps });
    } else if (sameAxes(reduced, presetAxes('batchnorm', rank))) {
      y = batchNorm(x, { training: true, channelAxis: 1, eps: request.eps }).output;
    } else {
      // Any other reduction: normalize each kept index over the reduced axes (LayerNorm's arithmetic).
      y = layerNorm(x, { axes: reduced, eps: request.eps });
    }
  }
  // Statistics per kept index; GroupNorm's groups split C, so its table still lists the kept axes.
  const statAxes = request.preset === 'groupnorm' ? presetAxes('batchnorm', rank) : reduced;
  const kept = complementAxes(statAxes, rank);
  const label = (index: number) => {
    const parts: string[] = [];
    let rest = index;
    for (let k = kept.length - 1; k >= 0; k--) {
      parts.unshift(`${axisNames[kept[k]]}=${rest % x.shape[kept[k]]}`);
      rest = Math.floor(rest / x.shape[kept[k]]);
    }
    return parts.join(' ') || 'all';
  };
  const rows = (t: Tensor) =>
    describeAxes(t, statAxes).summaries.map((summary, i) => ({ label: label(i), summary }));
  return {
    before: rows(x),
    after: rows(y),
    focusLabel: 'all values',
    histogramBefore: histogram(x.data, request.bins),
    histogramAfter: histogram(y.data, request.bins),
    bins: { count: request.bins, rule: 'fixed' },
    output: { kind: 'tensor', tensor: y },
  };
}

function sameAxes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((axis, i) => axis === b[i]);
}
