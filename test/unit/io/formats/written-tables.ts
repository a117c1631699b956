// A small Parquet and Arrow file written by NormScope's own writers, for the readers' damage tests.
import { arrowOfColumns, parquetOfColumns } from '../../../../src/io/formats/table-writers';

/**
 * A 300-row Parquet file and Arrow IPC file (a float column, a text column with missing cells) written
 * by our own writers, for cutting and damaging: the DuckDB-written fixtures cover reading real files.
 */
export const WRITTEN_X = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i));
export const WRITTEN_LABELS = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? null : `row ${i % 5}`));
const writtenColumns = [
  { name: 'x', values: WRITTEN_X },
  { name: 'label', values: WRITTEN_LABELS },
];
export const WRITTEN_PARQUET = parquetOfColumns(writtenColumns);
export const WRITTEN_ARROW = arrowOfColumns(writtenColumns);

/** `bytes` as hyparquet's random-access source. */
export function asyncBuffer(bytes: Uint8Array) {
  return {
    byteLength: bytes.length,
    slice: (start: number, end = bytes.length) => Promise.resolve(bytes.slice(start, end).buffer),
  };
}
