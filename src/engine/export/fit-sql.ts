/**
 * The aggregate query that fits a method inside the warehouse: one row, a column per fitted
 * statistic named `<column>__<statistic>` after scikit-learn's attributes (data_min, data_max, mean,
 * var (population, ddof 0), n_samples_seen, max_abs, the percentiles). Percentiles use each dialect's
 * exact linear-interpolation aggregate — numpy's default rule — never an approximate sketch.
 */
import { methodInfo } from '../scale/registry';
import { QuantileTransformer } from '../scale/quantile-transformer';
import { RobustScaler } from '../scale/robust';
import type { ScalingMethod } from '../scale/scaler';
import { SQL_DIALECTS, type DialectInfo, type SqlDialect } from './dialects';

export interface FitSqlOptions {
  dialect: SqlDialect;
  table: string;
  columns: readonly string[];
}

type Item = [alias: string, sql: string];

const percent = (f: number) => String(Number((f * 100).toPrecision(15)));

function percentileItems(
  d: DialectInfo,
  column: string,
  fractions: readonly number[],
  label: (f: number, i: number) => string,
): Item[] {
  const value = `CAST(${d.quoteIdentifier(column)} AS ${d.double})`;
  return fractions.map((f, i) => [
    `${column}__${label(f, i)}`,
    d.percentile(value, d.doubleLiteral(String(f))),
  ]);
}

export function fitSql(
  method: ScalingMethod,
  options: Record<string, unknown>,
  target: FitSqlOptions,
): string {
  const d = SQL_DIALECTS[target.dialect];
  const info = methodInfo(method);
  const scaler = info.create(options);
  const value = (c: string) => `CAST(${d.quoteIdentifier(c)} AS ${d.double})`;
  let items: Item[];
  let note: string;
  switch (method) {
    case 'minmax':
      items = [
        ['n_samples_seen', 'COUNT(*)'],
        ...target.columns.flatMap((c): Item[] => [
          [`${c}__data_min`, `MIN(${value(c)})`],
          [`${c}__data_max`, `MAX(${value(c)})`],
        ]),
      ];
      note =
        'MinMaxScaler: scale_ = (b - a) / (data_max - data_min) (1 where the range is 0), min_ = a - data_min * scale_';
      break;
    case 'zscore':
      items = target.columns.flatMap((c): Item[] => [
        [`${c}__n_samples_seen`, `COUNT(${value(c)})`],
        [`${c}__mean`, `AVG(${value(c)})`],
        [`${c}__var`, `VAR_POP(${value(c)})`],
      ]);
      note =
        'StandardScaler: scale_ = sqrt(var) with the population variance (ddof 0), as scikit-learn (not STDDEV / VAR_SAMP)';
      break;
    case 'maxabs':
      items = [
        ['n_samples_seen', 'COUNT(*)'],
        ...target.columns.map((c): Item => [`${c}__max_abs`, `MAX(ABS(${value(c)}))`]),
      ];
      note = 'MaxAbsScaler: scale_ = max_abs (1 where it is 0)';
      break;
    case 'robust': {
      const [median, low, high] = (scaler as RobustScaler).fitQuantiles;
      items = target.columns.flatMap((c) =>
        percentileItems(d, c, [median, low, high], (f) => `p${percent(f)}`),
      );
      note = `RobustScaler: center_ = p50, scale_ = p${percent(high)} - p${percent(low)} (1 where 0)${(scaler as RobustScaler).unitVariance ? ', divided by Φ⁻¹(qMax) - Φ⁻¹(qMin) for unit variance' : ''}`;
      break;
    }
    case 'quantile': {
      const transformer = scaler as QuantileTransformer;
      const fractions = Array.from(transformer.landmarkFractions(transformer.nQuantiles));
      items = target.columns.flatMap((c) => percentileItems(d, c, fractions, (_, i) => `q${i}`));
      note = `QuantileTransformer: quantiles_[:, j] = q0…q${fractions.length - 1} (made non-decreasing), references_ = linspace(0, 1, ${fractions.length}); the table must have at least ${fractions.length} rows, or set --n-quantiles to its row count`;
      break;
    }
    case 'yeo-johnson':
      throw new RangeError(
        "fit-sql: yeo-johnson's λ maximises a likelihood over every value of a column, which no SQL aggregate gives; fit it with normscope fit (--engine duckdb reads Parquet folders and globs)",
      );
    case 'scale':
    case 'l1':
    case 'l2':
    case 'max':
      throw new RangeError(
        `fit-sql: ${method} has nothing to fit; normscope export writes its SQL from any params file of it`,
      );
  }
  const select = items.map(([alias, sql]) => `  ${sql} AS ${d.quoteIdentifier(alias)}`).join(',\n');
  // BigQuery's PERCENTILE_CONT is an analytic function: the same value on every row, so one row is kept.
  const analytic = target.dialect === 'bigquery' && (method === 'robust' || method === 'quantile');
  return `-- NormScope fit-sql: ${method} on ${target.columns.join(', ')} (${d.title}); exact percentiles (linear interpolation, numpy's default)\n-- ${note}\nSELECT\n${select}\nFROM ${target.table}${analytic ? '\nLIMIT 1' : ''}`;
}
