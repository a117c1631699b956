/**
 * A CSV/TSV input written as another table format (Parquet, Arrow, JSON Lines, .xlsx), streamed: the
 * file is read again chunk by chunk, the selected columns' numbers replaced, and each batch of rows
 * handed to the output. Numeric columns become float64 (DOUBLE; missing as null), text columns strings
 * (missing tokens as null), with the CSV's header names in its order, a batch at a time
 * (table-batches.ts).
 */
import { fromColumns, type Matrix } from '../../engine/scale/matrix';
import type { Dialect } from '../csv/dialect';
import { GrowingValues } from '../csv/table';
import { numberReader } from '../csv/values';
import type { OutputColumn } from '../formats/table-writers';
import type { OutputOptions } from './atomic-output';
import { streamCsvRecords } from './csv-file';
import { BATCH_ROWS, batchedOutput, type TableColumnKind } from './table-batches';
import type { TableFormatId } from './table-output';

/** A CSV column as the output sees it: its header name and whether every value is a number. */
export type CsvOutputColumn = TableColumnKind;

/**
 * Streams the CSV `file` (read as `dialect`) into `target` as `format`, replacing the fields of
 * `replaced` (column indices) batch by batch with `values(firstRow, input)` — `input` holds those
 * fields' numbers (NaN where missing), the result one column per entry of `replaced`. `skipBadRows`:
 * rows whose field count differs from the header's were skipped when the file was read, and are here.
 * Aborting `signal` stops between chunks; nothing is left behind on any error.
 */
export async function writeCsvAsTable(
  file: string,
  dialect: Dialect,
  columns: readonly CsvOutputColumn[],
  replaced: readonly number[],
  values: (firstRow: number, input: Matrix) => Matrix,
  target: string,
  format: Exclude<TableFormatId, 'csv'>,
  options: OutputOptions & { signal?: AbortSignal; skipBadRows?: boolean },
): Promise<void> {
  const reader = numberReader(dialect);
  const output = await batchedOutput(target, format, columns, options);
  const slotOf = new Map(replaced.map((j, k) => [j, k]));
  let numbers = columns.map((c) => (c.numeric ? new GrowingValues(BATCH_ROWS) : null));
  let texts = columns.map(() => [] as (string | null)[]);
  let rows = 0;
  let firstRow = 0;
  let headerPending = dialect.header;
  const onRecord = (fields: string[]) => {
    if (headerPending) {
      headerPending = false;
      return;
    }
    if (fields.length !== columns.length) {
      if (options.skipBadRows) return;
      throw new TypeError(`a row of ${fields.length} fields in a table of ${columns.length} columns`);
    }
    for (let j = 0; j < fields.length; j++) {
      const text = fields[j];
      const sink = numbers[j];
      if (sink) sink.add(reader.isMissing(text) ? NaN : (reader.parse(text) ?? NaN));
      else texts[j].push(reader.isMissing(text) ? null : text);
    }
    rows++;
  };
  const flush = async () => {
    if (rows === 0) return;
    const input = fromColumns(
      replaced.map((j) => numbers[j]!.values.subarray(0, rows)),
      rows,
    );
    const result = values(firstRow, input);
    const batch = columns.map((c, j): OutputColumn => {
      const k = slotOf.get(j);
      if (k !== undefined)
        return {
          name: c.name,
          values: Float64Array.from({ length: rows }, (_, i) => result.data[i * result.cols + k]),
        };
      return { name: c.name, values: numbers[j]?.values.subarray(0, rows) ?? texts[j] };
    });
    await output.write(batch, rows);
    firstRow += rows;
    rows = 0;
    numbers = columns.map((c) => (c.numeric ? new GrowingValues(BATCH_ROWS) : null));
    texts = columns.map(() => []);
  };
  try {
    await streamCsvRecords(
      file,
      dialect,
      onRecord,
      () => (rows >= BATCH_ROWS ? flush() : Promise.resolve()),
      () => options.signal?.throwIfAborted(),
    );
    await flush();
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}
