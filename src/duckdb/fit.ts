/**
 * `fit --engine duckdb`: each method's statistics computed by DuckDB (min/max, mean and population
 * variance, max-abs, exact quantile_cont quantiles), loaded into the same scaler our engine fits, so
 * the params JSON is the same. Yeo-Johnson's λ maximises a likelihood over every value, which no
 * aggregate gives: DuckDB reads the columns and our engine searches λ (memory: 8 bytes per value).
 */
import { matrix, type Matrix } from '../engine/scale/matrix';
import { createScaler } from '../engine/scale/registry';
import type { QuantileTransformer } from '../engine/scale/quantile-transformer';
import type { RobustScaler } from '../engine/scale/robust';
import type { Scaler, ScalingMethod } from '../engine/scale/scaler';
import { SQL_DIALECTS } from '../engine/export/dialects';
import { sqlNumber } from '../engine/export/sql';
import { chooseColumns, describeColumns } from './columns';
import type { DuckDbSession } from './connection';
import type { DuckDbSource } from './source';

const DUCKDB = SQL_DIALECTS.duckdb;
const double = (name: string) => `CAST(${DUCKDB.quoteIdentifier(name)} AS DOUBLE)`;
const toNumber = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

export interface DuckDbFit {
  scaler: Scaler;
  columns: string[];
  /** What the fit did beyond aggregates, for stderr. */
  note?: string;
}

async function aggregate(
  session: DuckDbSession,
  source: DuckDbSource,
  columns: readonly string[],
  per: (column: string) => string[],
): Promise<{ rows: number; values: unknown[][] }> {
  const items = [
    'count(*) AS rows',
    ...columns.flatMap((c, j) => per(c).map((e, k) => `${e} AS c${j}_${k}`)),
  ];
  const [row] = await session.rows(`SELECT ${items.join(', ')} FROM ${source.tableFunction}`);
  return {
    rows: toNumber(row.rows),
    values: columns.map((c, j) => per(c).map((_, k) => row[`c${j}_${k}`])),
  };
}

async function readColumns(
  session: DuckDbSession,
  source: DuckDbSource,
  columns: readonly string[],
): Promise<Matrix> {
  const reader = await session.connection.runAndReadAll(
    `SELECT ${columns.map(double).join(', ')} FROM ${source.tableFunction}`,
  );
  const data = reader.getColumnsJS() as (number | null)[][];
  const rows = reader.currentRowCount;
  const out = new Float64Array(rows * columns.length);
  data.forEach((values, j) => values.forEach((v, i) => (out[i * columns.length + j] = v === null ? NaN : v)));
  return matrix(out, rows, columns.length);
}

const doubles = (values: readonly number[]) => `[${values.map((v) => sqlNumber(v, DUCKDB)).join(', ')}]`;

export async function duckDbFit(
  session: DuckDbSession,
  source: DuckDbSource,
  method: ScalingMethod,
  options: Record<string, unknown>,
  wanted: readonly string[] | undefined,
): Promise<DuckDbFit> {
  const columns = chooseColumns(await describeColumns(session, source), wanted, source.input);
  const scaler = createScaler(method, options) as Scaler & {
    loadState(state: Record<string, unknown>): Scaler;
  };
  switch (method) {
    case 'minmax': {
      const { rows, values } = await aggregate(session, source, columns, (c) => [
        `min(${double(c)})`,
        `max(${double(c)})`,
      ]);
      scaler.loadState({
        dataMin: values.map((v) => toNumber(v[0])),
        dataMax: values.map((v) => toNumber(v[1])),
        nSamplesSeen: rows,
      });
      return { scaler, columns };
    }
    case 'zscore': {
      const { values } = await aggregate(session, source, columns, (c) => [
        `count(${double(c)})`,
        `fsum(${double(c)}) / count(${double(c)})`,
        `var_pop(${double(c)})`,
      ]);
      scaler.loadState({
        nSamplesSeen: values.map((v) => toNumber(v[0])),
        mean: values.map((v) => toNumber(v[1])),
        var: values.map((v) => toNumber(v[2])),
      });
      return { scaler, columns };
    }
    case 'maxabs': {
      const { rows, values } = await aggregate(session, source, columns, (c) => [`max(abs(${double(c)}))`]);
      scaler.loadState({ maxAbs: values.map((v) => toNumber(v[0])), nSamplesSeen: rows });
      return { scaler, columns };
    }
    case 'robust': {
      const robust = scaler as unknown as RobustScaler;
      const { values } = await aggregate(session, source, columns, (c) => [
        `quantile_cont(${double(c)}, ${doubles(robust.fitQuantiles)})`,
      ]);
      robust.fitFromQuantiles(
        values.map((v) => ((v[0] as (number | null)[] | null) ?? [null, null, null]).map(toNumber)),
      );
      return { scaler, columns };
    }
    case 'quantile': {
      const quantile = scaler as unknown as QuantileTransformer;
      const [{ rows }] = (await session.rows(`SELECT count(*) AS rows FROM ${source.tableFunction}`)).map(
        (r) => ({ rows: toNumber(r.rows) }),
      );
      const fractions = Array.from(quantile.landmarkFractions(rows));
      const { values } = await aggregate(session, source, columns, (c) => [
        `quantile_cont(${double(c)}, ${doubles(fractions)})`,
      ]);
      quantile.fitFromQuantiles(
        rows,
        values.map((v) => ((v[0] as (number | null)[] | null) ?? fractions.map(() => NaN)).map(toNumber)),
      );
      return { scaler, columns };
    }
    case 'yeo-johnson':
      scaler.fit(await readColumns(session, source, columns));
      return {
        scaler,
        columns,
        note: "yeo-johnson: λ maximises a likelihood over every value, which no aggregate gives; DuckDB read the columns and NormScope's engine searched λ in memory",
      };
    case 'scale':
    case 'l1':
    case 'l2':
    case 'max':
      return { scaler, columns };
  }
}
