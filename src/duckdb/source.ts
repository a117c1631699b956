/**
 * What DuckDB reads for an input path: a CSV / TSV, Parquet or JSON Lines file, a glob of them
 * (`data/*.parquet`), or a folder (every Parquet file under it, hive partitions `key=value/` read as
 * columns). The table function is DuckDB's own reader; the format decides how `normalize` writes.
 */
import { statSync } from 'node:fs';
import { extname, join } from 'node:path';

export type DuckDbFormat = 'csv' | 'parquet' | 'json';

export interface DuckDbSource {
  /** The input as the user wrote it. */
  input: string;
  format: DuckDbFormat;
  /** `read_parquet('…', hive_partitioning = true)` and the like. */
  tableFunction: string;
  /** Whether folders named key=value add columns (those are left out of the default columns). */
  hive: boolean;
  /** The same reader without hive columns, to tell the partition keys from the data's columns. */
  tableFunctionWithoutHive: string;
}

const FORMAT_OF_EXTENSION: Record<string, DuckDbFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.jsonl': 'json',
  '.ndjson': 'json',
  '.json': 'json',
};

export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

export function formatOfPath(path: string): DuckDbFormat | undefined {
  return FORMAT_OF_EXTENSION[extname(path.replace(/\.gz$|\.zst$/i, '')).toLowerCase()];
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function duckDbSource(input: string): DuckDbSource {
  const folder = isFolder(input);
  const pattern = folder ? join(input, '**', '*.parquet') : input;
  const format = folder ? 'parquet' : formatOfPath(input);
  if (!format)
    throw new RangeError(
      `${input}: --engine duckdb reads .csv/.tsv, .parquet, .jsonl/.ndjson/.json files, globs of them, or a folder of Parquet files; the extension '${extname(input)}' is none of them`,
    );
  const hive = format === 'parquet';
  const reader = (withHive: boolean): string => {
    switch (format) {
      case 'csv':
        return `read_csv(${sqlString(pattern)}, header = true)`;
      case 'parquet':
        return `read_parquet(${sqlString(pattern)}, hive_partitioning = ${withHive})`;
      case 'json':
        return `read_json(${sqlString(pattern)}, format = 'newline_delimited')`;
    }
  };
  return { input, format, tableFunction: reader(hive), hive, tableFunctionWithoutHive: reader(false) };
}
