/** Saved fitted parameters read from disk: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`. */
import { scalerFromJSON } from '../../engine/scale/registry';
import type { Scaler } from '../../engine/scale/scaler';
import { InputError } from '../errors';
import { reviveNumbers } from '../json-numbers';
import type { ParamsFile } from '../params';
import { readWholeFile } from './read-file';

export { paramsText, type ParamsFile } from '../params';

export async function readParamsFile(file: string): Promise<{ scaler: Scaler; columns: string[] }> {
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
    return { scaler: scalerFromJSON(params.scaler), columns: params.columns };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}
