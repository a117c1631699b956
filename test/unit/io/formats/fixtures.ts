// Fixtures written by independent tools at test time: DuckDB (Parquet with several codecs and row-group
// sizes, JSON Lines, CSV, all from the same real tables), pandas/openpyxl (.xlsx), NumPy (.npz) and
// Pillow (images). Nothing here is written by NormScope's own writers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
export const VEGA_DATA = new URL('../../../../node_modules/vega-datasets/data/', import.meta.url).pathname;
export const PYTHON = '/usr/bin/python3';

/** Real tables as DuckDB reads them: name → SQL that selects the table. */
export const REAL_TABLES: Record<string, string> = {
  // scikit-learn's bundled CSVs carry a first line of counts before the header.
  wine: `select * from read_csv('${SKLEARN_DATA}/wine_data.csv', skip=1, header=false)`,
  iris: `select * from read_csv('${SKLEARN_DATA}/iris.csv', skip=1, header=false)`,
  // dates, text and numbers
  seattle: `select * from read_csv('${VEGA_DATA}seattle-weather.csv')`,
  // nulls, text, a date column
  cars: `select * from read_json('${VEGA_DATA}cars.json')`,
};

export const PARQUET_VARIANTS: { codec: string; rowGroupSize: number }[] = [
  { codec: 'snappy', rowGroupSize: 122880 },
  { codec: 'zstd', rowGroupSize: 50 },
  { codec: 'gzip', rowGroupSize: 100 },
  { codec: 'brotli', rowGroupSize: 7 },
  { codec: 'lz4_raw', rowGroupSize: 64 },
  { codec: 'uncompressed', rowGroupSize: 1000 },
];

export async function duckdb(sql: readonly string[]): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    for (const statement of sql) await connection.run(statement);
  } finally {
    connection.closeSync();
  }
}

export async function duckdbRows(sql: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRows();
  } finally {
    connection.closeSync();
  }
}

/** Runs a Python script with Debian's python3 (numpy, pandas, Pillow, openpyxl); returns its stdout. */
export function python(script: string): string {
  const result = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout;
}

export const hasPython = (modules: string) =>
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${modules}`]).status === 0;
