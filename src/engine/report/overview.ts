/**
 * The overview of a table: one row per column with its kind, missing share, min / median / max, the
 * advice (diagnoses, method, reason) and a mini histogram before and after the current method. Advice is
 * computed once per dataset (it depends on the data only, not on the method shown).
 */
import { adviseColumn, type ColumnAdvice } from '../advise/advise';
import type { AdviceLanguage } from '../advise/messages';
import { histogram } from '../stats/histogram';
import type { TableColumn } from './dataset';

/** Bars in an overview row's mini histogram. */
export const MINI_HISTOGRAM_BINS = 16;

export interface OverviewRow {
  name: string;
  kind: 'numeric' | 'text';
  /** Missing values / rows. */
  missingShare: number;
  min: number;
  median: number;
  max: number;
  advice: Omit<ColumnAdvice, 'facts'>;
  /** Counts of the mini histogram (numeric columns), before and after the current method. */
  before?: Float64Array;
  after?: Float64Array;
}

const adviceCache = new WeakMap<TableColumn, Map<AdviceLanguage, ColumnAdvice>>();

/** Advice for a column, computed once per column object and language. */
export function cachedAdvice(column: TableColumn, language: AdviceLanguage = 'en'): ColumnAdvice {
  let byLanguage = adviceCache.get(column);
  if (!byLanguage) adviceCache.set(column, (byLanguage = new Map<AdviceLanguage, ColumnAdvice>()));
  let advice = byLanguage.get(language);
  if (!advice) {
    advice = adviseColumn(
      column.kind === 'numeric'
        ? { name: column.name, kind: 'numeric', values: column.values }
        : { name: column.name, kind: 'text' },
      language,
    );
    byLanguage.set(language, advice);
  }
  return advice;
}

const miniHistogramCache = new WeakMap<TableColumn, Float64Array>();

/** The mini histogram of a column's own values, computed once per column object. */
function cachedMiniHistogram(column: TableColumn): Float64Array {
  let counts = miniHistogramCache.get(column);
  if (!counts)
    miniHistogramCache.set(column, (counts = histogram(column.values, MINI_HISTOGRAM_BINS).counts));
  return counts;
}

/**
 * The column a detail view opens on: the first numeric one that advice does not drop or exclude
 * (an id or a constant draws a flat or single bar), else the first numeric one.
 */
export function defaultFocus(columns: readonly TableColumn[], candidates: readonly string[]): string {
  const byName = new Map(columns.map((c) => [c.name, c]));
  return (
    candidates.find((name) => {
      const column = byName.get(name);
      if (!column || column.kind !== 'numeric') return false;
      const method = cachedAdvice(column).method;
      return method !== 'drop' && method !== 'exclude';
    }) ?? candidates[0]
  );
}

/** Overview rows of every column; `transformed(name)` gives a column's values after the method, if applied. */
export function tableOverview(
  columns: readonly TableColumn[],
  rowCount: number,
  transformed: (name: string) => Float64Array | undefined,
  language: AdviceLanguage = 'en',
): OverviewRow[] {
  return columns.map((column) => {
    const { facts: _facts, ...advice } = cachedAdvice(column, language);
    if (column.kind === 'text')
      return {
        name: column.name,
        kind: 'text',
        missingShare: rowCount && column.missing !== undefined ? column.missing / rowCount : NaN,
        min: NaN,
        median: NaN,
        max: NaN,
        advice,
      };
    // The facts come from advice's one sort of the column, cached with it.
    const facts = cachedAdvice(column, language).facts!;
    const after = transformed(column.name);
    return {
      name: column.name,
      kind: 'numeric',
      missingShare: rowCount ? facts.missing / rowCount : 0,
      min: facts.min,
      median: facts.median,
      max: facts.max,
      advice,
      before: cachedMiniHistogram(column),
      after: after ? histogram(after, MINI_HISTOGRAM_BINS).counts : undefined,
    };
  });
}
