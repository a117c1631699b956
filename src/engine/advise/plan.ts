/**
 * A per-column plan, as scikit-learn's ColumnTransformer: each column gets a scaling method and its
 * options, or stays as it is ('none', passthrough), or is left out ('drop' and 'exclude'). Columns
 * sharing a method and options form one step, fitted on those columns together (so a row norm sees the
 * step's columns, as ColumnTransformer's transformer would). The plan's output keeps the plan's column
 * order for every column not left out.
 */
import { ParameterError } from '../parameter-error';
import { fromColumns, type Matrix } from '../scale/matrix';
import { createScaler, methodInfo, scalerFromJSON } from '../scale/registry';
import type { Scaler, ScalerJSON, ScalingMethod } from '../scale/scaler';
import type { ColumnAdvice } from './advise';

/** What a plan does with one column. */
export type PlanAction = ScalingMethod | 'none' | 'drop' | 'exclude';

export interface PlanColumn {
  column: string;
  method: PlanAction;
  options?: Record<string, unknown>;
}

/** A plan as the user writes it (plan.json) or the panel builds it. */
export interface ColumnPlan {
  format: 'normscope/plan';
  version: 1;
  columns: PlanColumn[];
}

/** One fitted step: a method on some of the plan's kept columns. */
export interface FittedPlanStep {
  columns: string[];
  scaler: ScalerJSON;
}

/** A fitted plan: the kept columns in order, the passthrough ones, the fitted steps and what was left out. */
export interface FittedPlan {
  plan: ColumnPlan;
  columns: string[];
  passthrough: string[];
  steps: FittedPlanStep[];
  leftOut: string[];
}

/** Whether the plan keeps a column in its output. */
export function keepsColumn(entry: PlanColumn): boolean {
  return entry.method !== 'drop' && entry.method !== 'exclude';
}

/** The plan advice gives: its method for every numeric column (text columns are not in a numeric plan). */
export function planFromAdvice(advice: readonly ColumnAdvice[]): ColumnPlan {
  return {
    format: 'normscope/plan',
    version: 1,
    columns: advice.filter((a) => a.kind === 'numeric').map((a) => ({ column: a.name, method: a.method })),
  };
}

/** A plan read from JSON, checked: names the entry and the field it refuses. */
export function checkPlan(value: unknown): ColumnPlan {
  const plan = value as Partial<ColumnPlan> | null;
  if (typeof plan !== 'object' || plan === null || !Array.isArray(plan.columns))
    throw new ParameterError('plan', 'columns', value, 'must be an array of { column, method, options? }');
  const seen = new Set<string>();
  plan.columns.forEach((entry: Partial<PlanColumn>, i) => {
    if (typeof entry?.column !== 'string')
      throw new ParameterError('plan', `columns[${i}].column`, entry?.column, 'must be a column name');
    if (seen.has(entry.column))
      throw new ParameterError('plan', `columns[${i}].column`, entry.column, 'is listed twice');
    seen.add(entry.column);
    const method = entry.method;
    if (method !== 'none' && method !== 'drop' && method !== 'exclude') methodInfo(String(method));
    if (entry.options !== undefined && (typeof entry.options !== 'object' || entry.options === null))
      throw new ParameterError('plan', `columns[${i}].options`, entry.options, 'must be an object');
  });
  return { format: 'normscope/plan', version: 1, columns: plan.columns };
}

/**
 * Fits the plan on `column(name)` (one value per row, NaN = missing). Example: a plan of
 * a: zscore, b: zscore, c: robust, d: exclude fits two steps, [a, b] and [c], and keeps [a, b, c].
 */
export function fitPlan(
  plan: ColumnPlan,
  column: (name: string) => Float64Array,
  rows: number,
): PlanTransformer {
  const kept = plan.columns.filter(keepsColumn);
  const groups = new Map<string, PlanColumn[]>();
  for (const entry of kept) {
    if (entry.method === 'none') continue;
    const key = JSON.stringify([entry.method, entry.options ?? {}]);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const steps = [...groups.values()].map((entries) => {
    const first = entries[0];
    const scaler = createScaler(first.method as ScalingMethod, first.options ?? {});
    const names = entries.map((e) => e.column);
    scaler.fit(
      fromColumns(
        names.map((name) => column(name)),
        rows,
      ),
    );
    return { columns: names, scaler: scaler.toJSON() };
  });
  return new PlanTransformer({
    plan,
    columns: kept.map((e) => e.column),
    passthrough: kept.filter((e) => e.method === 'none').map((e) => e.column),
    steps,
    leftOut: plan.columns.filter((e) => !keepsColumn(e)).map((e) => e.column),
  });
}

/** A fitted plan applied to matrices whose columns are the plan's kept columns, in order. */
export class PlanTransformer {
  private readonly scalers: { indices: number[]; scaler: Scaler }[];

  constructor(readonly fitted: FittedPlan) {
    this.scalers = fitted.steps.map((step) => ({
      indices: step.columns.map((name) => {
        const index = fitted.columns.indexOf(name);
        if (index < 0) throw new ParameterError('plan', 'steps.columns', name, 'is not a kept column');
        return index;
      }),
      scaler: scalerFromJSON(step.scaler),
    }));
  }

  /** The plan's kept columns, in the order transform reads and writes them. */
  get columns(): string[] {
    return this.fitted.columns;
  }

  transform(x: Matrix): Matrix {
    return this.apply(x, (scaler, part) => scaler.transform(part));
  }

  inverseTransform(x: Matrix): Matrix {
    return this.apply(x, (scaler, part) => scaler.inverseTransform(part));
  }

  private apply(x: Matrix, step: (scaler: Scaler, part: Matrix) => Matrix): Matrix {
    if (x.cols !== this.fitted.columns.length)
      throw new RangeError(
        `plan: x has ${x.cols} columns, the plan keeps ${this.fitted.columns.length} (${this.fitted.columns.join(', ')})`,
      );
    const out = Float64Array.from(x.data);
    for (const { indices, scaler } of this.scalers) {
      const part = fromColumns(
        indices.map((j) => Float64Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols + j])),
        x.rows,
      );
      const result = step(scaler, part);
      indices.forEach((j, k) => {
        for (let i = 0; i < x.rows; i++) out[i * x.cols + j] = result.data[i * result.cols + k];
      });
    }
    return { data: out, rows: x.rows, cols: x.cols };
  }
}
