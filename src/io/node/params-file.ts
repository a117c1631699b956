/**
 * Saved fitted parameters: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`,
 * or for a per-column plan `{"format", "version", "method": "plan", "columns", "plan"}` (the plan as
 * written and each fitted step); and `"dialect"` for a CSV training file: how it was read, which
 * `transform` reads its input with unless flags say otherwise.
 */
import { checkPlan, PlanTransformer, type ColumnPlan } from '../../engine/advise/plan';
import { DECIMALS, DELIMITERS, ENCODINGS, QUOTES } from '../csv/dialect';
import { scalerFromJSON } from '../../engine/scale/registry';
import type { ScalerJSON } from '../../engine/scale/scaler';
import { InputError } from '../errors';
import { reviveNumbers } from '../json-numbers';
import type { ParamsFile, RecordedDialect, SavedTransform } from '../params';
import { readJsonFile } from './read-file';

export {
  paramsText,
  planParamsText,
  recordedDialect,
  type ParamsFile,
  type RecordedDialect,
  type SavedTransform,
} from '../params';

function checkDialect(dialect: RecordedDialect | undefined, file: string): RecordedDialect | undefined {
  if (dialect === undefined) return undefined;
  const d = dialect as Partial<Record<keyof RecordedDialect, unknown>> | null;
  // JSON's null reads back as NaN (json-numbers.ts): no digit-group separator
  if (d && typeof d === 'object' && Number.isNaN(d.thousands)) d.thousands = null;
  const valid =
    d !== null &&
    typeof d === 'object' &&
    (DELIMITERS as readonly unknown[]).includes(d.delimiter) &&
    (DECIMALS as readonly unknown[]).includes(d.decimal) &&
    (QUOTES as readonly unknown[]).includes(d.quote) &&
    (ENCODINGS as readonly unknown[]).includes(d.encoding) &&
    (d.thousands === null || typeof d.thousands === 'string') &&
    Array.isArray(d.naValues) &&
    (d.naValues as unknown[]).every((token) => typeof token === 'string');
  if (!valid)
    throw new InputError(
      'has a "dialect" that is not {delimiter, decimal, quote, encoding, thousands, naValues} as normscope writes it',
      file,
    );
  return dialect;
}

export async function readParamsFile(
  file: string,
): Promise<{ scaler: SavedTransform; columns: string[]; dialect?: RecordedDialect }> {
  const params = (await readJsonFile(file, reviveNumbers)) as ParamsFile;
  if (params?.format !== 'normscope/params' || params.version !== 1 || !Array.isArray(params.columns)) {
    throw new InputError(
      "is not a normscope params file (expected format 'normscope/params', version 1)",
      file,
    );
  }
  try {
    const dialect = checkDialect(params.dialect, file);
    if (params.plan)
      return { scaler: new PlanTransformer(params.plan), columns: params.plan.columns, dialect };
    return { scaler: scalerFromJSON(params.scaler as ScalerJSON), columns: params.columns, dialect };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}

/** A plan file (`{"columns": [{"column", "method", "options"?}]}`), checked; errors name the file and entry. */
export async function readPlanFile(file: string): Promise<ColumnPlan> {
  const value = await readJsonFile(file, reviveNumbers);
  try {
    return checkPlan(value);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}
