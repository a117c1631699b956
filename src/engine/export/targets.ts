/** The fitted transform as SQL, PySpark or dbt code: one entry point per target over the method's expressions. */
import type { ScalerJSON } from '../scale/scaler';
import { transformStages } from './method-expressions';
import { selectSql, type SelectOptions } from './sql';

/** One SELECT computing the fitted columns of `table` (see sql.ts). */
export function exportSql(json: ScalerJSON, columns: readonly string[], options: SelectOptions): string {
  return selectSql(transformStages(json, columns), columns, options);
}
