/**
 * Every language the fitted transform is written in, as one list: the panel's "Copy as code" menu and
 * `normscope export --to` read it. SQL, PySpark and dbt come from the method's expression tree
 * (method-expressions.ts); scikit-learn, NumPy, PyTorch and Keras from report/code-snippets.ts.
 */
import type { ScalerJSON } from '../scale/scaler';
import { SQL_DIALECTS, SQL_DIALECT_NAMES, type SqlDialect } from './dialects';
import { transformStages } from './method-expressions';
import { pysparkFunction } from './pyspark';
import { selectSql, type SelectOptions } from './sql';

export type PythonTarget = 'sklearn' | 'pytorch' | 'keras' | 'numpy';
export type CodeTarget = PythonTarget | 'pyspark' | 'dbt' | `sql-${SqlDialect}`;

export const CODE_TARGETS: readonly { target: CodeTarget; title: string }[] = [
  { target: 'sklearn', title: 'scikit-learn' },
  { target: 'pytorch', title: 'PyTorch' },
  { target: 'keras', title: 'Keras' },
  { target: 'numpy', title: 'NumPy' },
  { target: 'pyspark', title: 'PySpark' },
  { target: 'dbt', title: 'dbt model (DuckDB SQL)' },
  ...SQL_DIALECT_NAMES.map((d) => ({ target: `sql-${d}` as const, title: `SQL (${SQL_DIALECTS[d].title})` })),
];

export function header(json: ScalerJSON, columns: readonly string[], comment: '#' | '--'): string {
  return `${comment} NormScope: ${json.method} fitted on columns ${columns.join(', ')}`;
}

/** One SELECT computing the fitted columns of `table` (see sql.ts). */
export function exportSql(json: ScalerJSON, columns: readonly string[], options: SelectOptions): string {
  return selectSql(transformStages(json, columns), columns, options);
}

export function exportPyspark(json: ScalerJSON, columns: readonly string[]): string {
  return pysparkFunction(transformStages(json, columns), columns, header(json, columns, '#'));
}

/** A dbt model: the SELECT over `ref(model)`, materialized as a view (change config to taste). */
export function exportDbt(
  json: ScalerJSON,
  columns: readonly string[],
  options: { dialect: SqlDialect; model: string; withRest: boolean },
): string {
  const select = exportSql(json, columns, {
    dialect: options.dialect,
    table: `{{ ref(${JSON.stringify(options.model).replaceAll('"', "'")}) }}`,
    withRest: options.withRest,
  });
  return [header(json, columns, '--'), "{{ config(materialized='view') }}", '', select, ''].join('\n');
}
