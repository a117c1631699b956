/**
 * A CSV/TSV input written as another table format (Parquet, Arrow, JSON Lines, .xlsx), streamed: the
 * file is read again chunk by chunk, the selected columns' numbers replaced, and each batch of rows
 * handed to the output. Numeric columns become float64 (DOUBLE; missing as null), text columns strings
 * (missing tokens as null), with the CSV's header names in its order. Parquet gets one row group per
 * batch and JSON Lines is printed per batch, so memory is one batch; Arrow and .xlsx are built whole
 * at the end (their writers take a whole table).
 */
import { fromColumns, type Matrix } from '../../engine/scale/matrix';
import type { Dialect } from '../csv/dialect';
import { GrowingValues } from '../csv/table';
import { numberReader } from '../csv/values';
import type { OutputColumn } from '../formats/table-writers';
import { AtomicOutput, writeFileAtomic, type OutputOptions } from './atomic-output';
import { streamCsvRecords } from './csv-file';
import type { TableFormatId } from './table-output';

/** A CSV column as the output sees it: its header name and whether every value is a number. */
export interface CsvOutputColumn {
  name: string;
  numeric: boolean;
}

/** Rows gathered before a batch is transformed and written (a Parquet row group). */
const BATCH_ROWS = 1 << 16;

/** A table written a batch of rows at a time, then committed (moved into place) or aborted. */
interface BatchedTableOutput {
  write(columns: readonly OutputColumn[], rows: number): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

async function parquetOutput(
  target: string,
  columns: readonly CsvOutputColumn[],
  options: OutputOptions,
): Promise<BatchedTableOutput> {
  const { ParquetRowGroupWriter } = await import('../formats/parquet');
  const output = new AtomicOutput(target, options);
  const schema = columns.map((c) => ({
    name: c.name,
    numeric: c.numeric,
    element: c.numeric
      ? { name: c.name, type: 'DOUBLE' as const }
      : { name: c.name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const },
  }));
  const writer = new ParquetRowGroupWriter(
    schema,
    new Set(columns.filter((c) => c.numeric).map((c) => c.name)),
    (bytes) => output.write(bytes),
  );
  return {
    write: (batch, rows) => writer.write(rows, new Map(batch.map((c) => [c.name, c.values]))),
    commit: async () => {
      await writer.finish();
      await output.commit();
    },
    abort: () => output.abort(),
  };
}

async function jsonLinesOutput(target: string, options: OutputOptions): Promise<BatchedTableOutput> {
  const { jsonLinesOfColumns } = await import('../formats/table-writers');
  const output = new AtomicOutput(target, options);
  return {
    write: async (batch, rows) => {
      for (const part of jsonLinesOfColumns(batch, rows)) await output.write(part);
    },
    commit: () => output.commit(),
    abort: () => output.abort(),
  };
}

/** Arrow and .xlsx: the batches appended into whole columns, written atomically on commit. */
function wholeTableOutput(
  target: string,
  columns: readonly CsvOutputColumn[],
  encode: (columns: OutputColumn[], rows: number) => Promise<Uint8Array>,
  options: OutputOptions,
): BatchedTableOutput {
  const numbers = columns.map((c) => (c.numeric ? new GrowingValues(BATCH_ROWS) : null));
  const texts = columns.map(() => [] as (string | null)[]);
  let rowCount = 0;
  return {
    write: (batch, rows) => {
      batch.forEach((column, j) => {
        const sink = numbers[j];
        if (sink) for (let i = 0; i < rows; i++) sink.add(column.values[i] as number);
        else for (let i = 0; i < rows; i++) texts[j].push(column.values[i] as string | null);
      });
      rowCount += rows;
      return Promise.resolve();
    },
    commit: async () => {
      const whole = columns.map((c, j) => ({
        name: c.name,
        values: numbers[j]?.values.subarray(0, rowCount) ?? texts[j],
      }));
      await writeFileAtomic(target, await encode(whole, rowCount), options);
    },
    abort: () => Promise.resolve(),
  };
}

async function batchedOutput(
  target: string,
  format: Exclude<TableFormatId, 'csv'>,
  columns: readonly CsvOutputColumn[],
  options: OutputOptions,
): Promise<BatchedTableOutput> {
  switch (format) {
    case 'parquet':
      return parquetOutput(target, columns, options);
    case 'jsonl':
      return jsonLinesOutput(target, options);
    case 'arrow': {
      const { arrowOfColumns } = await import('../formats/table-writers');
      return wholeTableOutput(target, columns, (whole) => Promise.resolve(arrowOfColumns(whole)), options);
    }
    case 'xlsx': {
      const { writeXlsx } = await import('../formats/xlsx');
      return wholeTableOutput(target, columns, writeXlsx, options);
    }
  }
}

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
