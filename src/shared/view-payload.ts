/** A report's summaries as they travel to a view (panel or notebook output): typed arrays, no raw data. */
import type { Dataset } from '../engine/report/dataset';
import { PERCENTILES, type Report } from '../engine/report/report';
import { SCALING_METHODS } from '../engine/scale/registry';
import { SUMMARY_FIELDS } from '../engine/stats/describe';
import type { Histogram } from '../engine/stats/histogram';
import type { OverviewRow } from '../engine/report/overview';
import type {
  HistogramPayload,
  OverviewRowPayload,
  PanelInit,
  StatisticsPayload,
  ViewPayload,
} from './protocol';

/** What a view is told of its dataset (names, kinds, shape; never the values), by either host. */
export function datasetDescription(dataset: Dataset): PanelInit['dataset'] {
  return dataset.kind === 'table'
    ? {
        kind: 'table',
        rowCount: dataset.rowCount,
        columns: dataset.columns.map((c) => ({ name: c.name, kind: c.kind })),
      }
    : { kind: 'tensor', shape: [...dataset.tensor.shape], axisNames: dataset.axisNames };
}

/** Every scaling method a view offers, by name and title. */
export const METHOD_CHOICES: PanelInit['methods'] = SCALING_METHODS.map((m) => ({
  method: m.method,
  title: m.title,
}));

export function histogramPayload(h: Histogram): HistogramPayload {
  return {
    edges: h.edges,
    counts: h.counts,
    missing: h.missing,
    positiveInfinities: h.positiveInfinities,
    negativeInfinities: h.negativeInfinities,
  };
}

function statisticsPayload(all: Report['before'], limit: number): StatisticsPayload {
  const rows = all.slice(0, limit);
  const fields = [...SUMMARY_FIELDS];
  const values = new Float64Array(rows.length * fields.length);
  rows.forEach((row, i) =>
    fields.forEach((field, k) => (values[i * fields.length + k] = row.summary[field])),
  );
  return { labels: rows.map((r) => r.label), fields, values };
}

function overviewRowPayload({ advice, ...row }: OverviewRow): OverviewRowPayload {
  return { ...row, diagnoses: [...advice.diagnoses], advisedMethod: advice.method, reason: advice.reason };
}

/** The summaries of a report, as they travel to the webview (at most `previewSize` table rows). */
export function viewPayload(report: Report, previewSize = Infinity): ViewPayload {
  return {
    focusLabel: report.focusLabel,
    before: statisticsPayload(report.before, previewSize),
    after: statisticsPayload(report.after, previewSize),
    histogramBefore: histogramPayload(report.histogramBefore),
    histogramAfter: histogramPayload(report.histogramAfter),
    ...(report.outliers
      ? {
          outliers: {
            minmax: histogramPayload(report.outliers.minmax),
            robust: histogramPayload(report.outliers.robust),
          },
        }
      : {}),
    hasFittedParameters: report.fitted !== undefined || report.fittedPlan !== undefined,
    bins: report.bins,
    ...(report.why ? { why: report.why } : {}),
    ...(report.percentiles
      ? {
          percentiles: {
            q: [...PERCENTILES],
            before: Float64Array.from(report.percentiles.before.slice(0, previewSize).flat()),
            after: Float64Array.from(report.percentiles.after.slice(0, previewSize).flat()),
          },
        }
      : {}),
    ...(report.overview ? { overview: report.overview.map(overviewRowPayload) } : {}),
    ...(report.fittedPlan
      ? {
          plan: report.fittedPlan.plan.columns.map(({ column, method }) => ({ column, method })),
        }
      : {}),
  };
}
