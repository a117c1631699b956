/**
 * Tables written in any tabular format from their columns alone (a conversion: `--out` names another
 * format than the input's). Numbers print so they read back bit for bit; text stays text.
 */
import { Float64, makeVector, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { formatNumber, formatRecord } from '../csv/writer';
import { jsonLinesOf } from './json-lines';

/** One output column: float64 values (NaN = missing) or text (null = missing). */
export interface OutputColumn {
  name: string;
  values: Float64Array | (string | null)[];
}

const cellOf = (column: OutputColumn, row: number): number | string | null => column.values[row];

/** CSV text, header first, a chunk of lines at a time. */
export function* csvOfColumns(columns: readonly OutputColumn[], rowCount: number): Generator<string> {
  yield formatRecord(
    columns.map((c) => c.name),
    ',',
  );
  const lines: string[] = [];
  for (let i = 0; i < rowCount; i++) {
    lines.push(
      formatRecord(
        columns.map((c) => {
          const value = cellOf(c, i);
          return value === null
            ? ''
            : typeof value === 'number'
              ? Number.isNaN(value)
                ? ''
                : formatNumber(value)
              : value;
        }),
        ',',
      ),
    );
    if (lines.length === 4096) yield lines.splice(0).join('');
  }
  if (lines.length > 0) yield lines.join('');
}

export function* jsonLinesOfColumns(columns: readonly OutputColumn[], rowCount: number): Generator<string> {
  yield* jsonLinesOf(
    columns.map((c) => c.name),
    rowCount,
    (i, j) => cellOf(columns[j], i),
  );
}

export function parquetOfColumns(columns: readonly OutputColumn[]): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: columns.map((c) =>
        c.values instanceof Float64Array
          ? {
              name: c.name,
              data: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
              type: 'DOUBLE' as const,
            }
          : { name: c.name, data: c.values, type: 'STRING' as const },
      ),
    }),
  );
}

export function arrowOfColumns(columns: readonly OutputColumn[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns)
    vectors[c.name] =
      c.values instanceof Float64Array
        ? makeVector({ type: new Float64(), data: c.values })
        : vectorFromArray(c.values, new Utf8());
  return tableToIPC(new Table(vectors), 'file');
}
