/**
 * `normalize --engine duckdb`: the fit's SQL export run by DuckDB over the input and written with
 * COPY … TO in the input's format (CSV with a header, Parquet, or JSON Lines), the other columns
 * kept in their places; written to a temporary file beside the output and moved into place.
 */
import { exportSql } from '../engine/export/targets';
import { SQL_DIALECTS } from '../engine/export/dialects';
import type { ScalerJSON } from '../engine/scale/scaler';
import { writeThroughTemporary } from '../io/node/atomic-output';
import { describeColumns } from './columns';
import type { DuckDbSession } from './connection';
import { sqlString, type DuckDbFormat, type DuckDbSource } from './source';

const COPY_OPTIONS: { readonly [F in DuckDbFormat]: string } = {
  csv: 'FORMAT csv, HEADER true',
  parquet: 'FORMAT parquet',
  json: 'FORMAT json',
};

export async function duckDbNormalize(
  session: DuckDbSession,
  source: DuckDbSource,
  fitted: ScalerJSON,
  columns: readonly string[],
  out: string,
  force: boolean,
): Promise<void> {
  const all = await describeColumns(session, source);
  const select = exportSql(fitted, columns, {
    dialect: 'duckdb',
    table: source.tableFunction,
    withRest: true,
  });
  const inOrder = all.map((c) => SQL_DIALECTS.duckdb.quoteIdentifier(c.name)).join(', ');
  await writeThroughTemporary(out, { force, inputs: [source.input] }, async (temporary) => {
    await session.connection.run(
      `COPY (SELECT ${inOrder} FROM (${select}) AS normalized) TO ${sqlString(temporary)} (${COPY_OPTIONS[source.format]})`,
    );
  });
}
