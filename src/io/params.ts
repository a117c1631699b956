/**
 * Saved fitted parameters: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`,
 * or for a per-column plan `{"format", "version", "method": "plan", "columns", "plan"}` (the plan as
 * written and each fitted step); and `"dialect"` for a CSV training file: how it was read, which `transform` reads its input with
 * unless flags say otherwise.
 */
import type { FittedPlan, PlanTransformer } from '../engine/advise/plan';
import type { Scaler, ScalerJSON } from '../engine/scale/scaler';
import type { Dialect } from './csv/dialect';
import { jsonText } from './json-numbers';

export interface ParamsFile {
  format: 'normscope/params';
  version: 1;
  method: string;
  columns: string[];
  scaler?: ScalerJSON;
  plan?: FittedPlan;
  dialect?: RecordedDialect;
}

/** What a params file applies: one scaler, or a plan (both transform and undo a matrix of `columns`). */
export type SavedTransform = Scaler | PlanTransformer;

/** The parts of a training file's dialect that carry over to the files it is applied to (not its preamble). */
export type RecordedDialect = Pick<
  Dialect,
  'delimiter' | 'decimal' | 'quote' | 'encoding' | 'thousands' | 'naValues'
>;

export function recordedDialect(dialect: Dialect): RecordedDialect {
  const { delimiter, decimal, quote, encoding, thousands, naValues } = dialect;
  return { delimiter, decimal, quote, encoding, thousands, naValues };
}

export function paramsText(
  columns: readonly string[],
  scaler: ScalerJSON,
  dialect?: RecordedDialect,
): string {
  const params: ParamsFile = {
    format: 'normscope/params',
    version: 1,
    method: scaler.method,
    columns: [...columns],
    scaler,
    ...(dialect ? { dialect } : {}),
  };
  return jsonText(params);
}

export function planParamsText(plan: FittedPlan, dialect?: RecordedDialect): string {
  const params: ParamsFile = {
    format: 'normscope/params',
    version: 1,
    method: 'plan',
    columns: [...plan.columns],
    plan,
    ...(dialect ? { dialect } : {}),
  };
  return jsonText(params);
}
