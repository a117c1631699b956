// An in-memory DuckDB for tests: run SQL, read numeric result columns as float64 (NULL as NaN).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export async function openDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

export async function queryColumns(
  connection: DuckDBConnection,
  sql: string,
): Promise<Map<string, Float64Array>> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const columns = reader.getColumnsJS();
  return new Map(
    names.map((name, j) => [name, Float64Array.from(columns[j], (v) => (v === null ? NaN : Number(v)))]),
  );
}
