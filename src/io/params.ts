/** Saved fitted parameters: `{"format": "normscope/params", "version": 1, "method", "columns", "scaler"}`. */
import type { ScalerJSON } from '../engine/scale/scaler';
import { jsonText } from './json-numbers';

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
