/** Saved fitted parameters: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`. */
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
  scaler: ScalerJSON;
}

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
