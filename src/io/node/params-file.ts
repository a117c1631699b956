/**
 * Saved fitted parameters: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`,
 * and `"dialect"` for a CSV training file: how it was read, which `transform` reads its input with
 * unless flags say otherwise.
 */
import { DECIMALS, DELIMITERS, ENCODINGS, QUOTES } from '../csv/dialect';
import { scalerFromJSON } from '../../engine/scale/registry';
import type { Scaler } from '../../engine/scale/scaler';
import { InputError } from '../errors';
import { reviveNumbers } from '../json-numbers';
import type { ParamsFile, RecordedDialect } from '../params';
import { readWholeFile } from './read-file';

export { paramsText, recordedDialect, type ParamsFile, type RecordedDialect } from '../params';

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
): Promise<{ scaler: Scaler; columns: string[]; dialect?: RecordedDialect }> {
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
    return {
      scaler: scalerFromJSON(params.scaler),
      columns: params.columns,
      dialect: checkDialect(params.dialect, file),
    };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}
