/**
 * Saved fitted parameters: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`,
 * or for a per-column plan `{"format", "version", "method": "plan", "columns", "plan"}` (the plan as
 * written and each fitted step).
 */
import { checkPlan, PlanTransformer, type ColumnPlan, type FittedPlan } from '../../engine/advise/plan';
import { scalerFromJSON } from '../../engine/scale/registry';
import type { Scaler, ScalerJSON } from '../../engine/scale/scaler';
import { InputError } from '../errors';
import { jsonText, reviveNumbers } from '../json-numbers';
import { readWholeFile } from './read-file';

export interface ParamsFile {
  format: 'normscope/params';
  version: 1;
  method: string;
  columns: string[];
  scaler?: ScalerJSON;
  plan?: FittedPlan;
}

/** What a params file applies: one scaler, or a plan (both transform and undo a matrix of `columns`). */
export type SavedTransform = Pick<Scaler, 'transform' | 'inverseTransform'>;

export function paramsText(columns: readonly string[], scaler: ScalerJSON): string {
  const params: ParamsFile = {
    format: 'normscope/params',
    version: 1,
    method: scaler.method,
    columns: [...columns],
    scaler,
  };
  return jsonText(params);
}

export function planParamsText(plan: FittedPlan): string {
  const params: ParamsFile = {
    format: 'normscope/params',
    version: 1,
    method: 'plan',
    columns: [...plan.columns],
    plan,
  };
  return jsonText(params);
}

export async function readParamsFile(file: string): Promise<{ scaler: SavedTransform; columns: string[] }> {
  let params: ParamsFile;
  try {
    params = JSON.parse(new TextDecoder().decode(await readWholeFile(file)), reviveNumbers) as ParamsFile;
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`is not valid JSON (${error.message})`, file);
    throw error;
  }
  if (params?.format !== 'normscope/params' || params.version !== 1 || !Array.isArray(params.columns)) {
    throw new InputError(
      "is not a normscope params file (expected format 'normscope/params', version 1)",
      file,
    );
  }
  try {
    if (params.plan) return { scaler: new PlanTransformer(params.plan), columns: params.plan.columns };
    return { scaler: scalerFromJSON(params.scaler as ScalerJSON), columns: params.columns };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}

/** A plan file (`{"columns": [{"column", "method", "options"?}]}`), checked; errors name the file and entry. */
export async function readPlanFile(file: string): Promise<ColumnPlan> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(await readWholeFile(file)), reviveNumbers);
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`is not valid JSON (${error.message})`, file);
    throw error;
  }
  try {
    return checkPlan(value);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}
