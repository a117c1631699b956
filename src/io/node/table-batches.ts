/**
 * A table written a batch of rows at a time, from any input read in passes: Parquet gets one row group
 * and Arrow one record batch per batch, CSV and JSON Lines are printed per batch, so memory is one
 * batch; .xlsx is built whole at the end (exceljs takes a whole workbook). Numbers as float64 (missing as null),
 * text as strings. Outputs are atomic: nothing is left behind on an error.
 */
import { GrowingValues } from '../csv/table';
import type { OutputColumn } from '../formats/table-writers';
import { AtomicOutput, writeFileAtomic, type OutputOptions } from './atomic-output';
import type { TableFormatId } from './table-output';

/** A column as an output sees it: its name and whether it holds numbers (float64) or text. */
export interface TableColumnKind {
  name: string;
  numeric: boolean;
}

/** Rows gathered before a batch is transformed and written (a Parquet row group). */
export const BATCH_ROWS = 1 << 16;

/** A table written a batch of rows at a time, then committed (moved into place) or aborted. */
export interface BatchedTableOutput {
  write(columns: readonly OutputColumn[], rows: number): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

async function parquetOutput(
  target: string,
  columns: readonly TableColumnKind[],
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

/** .xlsx: the batches appended into whole columns, written atomically on commit. */
function wholeTableOutput(
  target: string,
  columns: readonly TableColumnKind[],
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

export async function batchedOutput(
  target: string,
  format: TableFormatId,
  columns: readonly TableColumnKind[],
  options: OutputOptions,
): Promise<BatchedTableOutput> {
  switch (format) {
    case 'csv':
      return csvOutput(target, columns, options);
    case 'parquet':
      return parquetOutput(target, columns, options);
    case 'jsonl':
      return jsonLinesOutput(target, options);
    case 'arrow':
      return arrowOutput(target, columns, options);
    case 'xlsx': {
      const { writeXlsx } = await import('../formats/xlsx');
      return wholeTableOutput(target, columns, writeXlsx, options);
    }
  }
}

/** CSV (comma-separated, as a converted table is written): the header once, then each batch's lines. */
async function csvOutput(
  target: string,
  columns: readonly TableColumnKind[],
  options: OutputOptions,
): Promise<BatchedTableOutput> {
  const { csvOfColumns } = await import('../formats/table-writers');
  const output = new AtomicOutput(target, options);
  let headerWritten = false;
  const write = async (batch: readonly OutputColumn[], rows: number) => {
    let part = 0;
    for (const text of csvOfColumns(batch, rows)) if (part++ > 0 || !headerWritten) await output.write(text);
    headerWritten = true;
  };
  return {
    write,
    commit: async () => {
      if (!headerWritten)
        await write(
          columns.map((c) => ({ name: c.name, values: [] })),
          0,
        );
      await output.commit();
    },
    abort: () => output.abort(),
  };
}

/** Arrow IPC (file format): one record batch per batch. */
async function arrowOutput(
  target: string,
  columns: readonly TableColumnKind[],
  options: OutputOptions,
): Promise<BatchedTableOutput> {
  const { ArrowBatchWriter } = await import('../formats/table-writers');
  const output = new AtomicOutput(target, options);
  const writer = new ArrowBatchWriter(columns, (bytes) => output.write(bytes));
  return {
    write: (batch, rows) => {
      writer.write(batch, rows);
      return Promise.resolve();
    },
    commit: async () => {
      await writer.finish();
      await output.commit();
    },
    abort: () => output.abort(),
  };
}
