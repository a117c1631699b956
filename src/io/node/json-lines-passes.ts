/**
 * JSON Lines files of any size in bounded memory: a first pass learns the columns (names in order of
 * first appearance, kinds, counts), the scaler is fitted by further passes (fit-passes.ts) and the
 * output is written a batch of lines at a time (table-batches.ts). Every pass parses the lines as the
 * whole-file reader does (JsonLinesRecords), so the columns, values and missing cells are the same.
 */
import { fromColumns, type Matrix } from '../../engine/scale/matrix';
import { IGNORE, type ValueSink } from '../../engine/stats/passes';
import { GrowingValues } from '../csv/table';
import { InputError } from '../errors';
import { cellNumber, cellText, type CellOptions } from '../formats/data-table';
import { checkHasKeys, JsonLinesRecords, type JsonLinesColumn } from '../formats/json-lines';
import type { OutputColumn } from '../formats/table-writers';
import type { OutputOptions } from './atomic-output';
import type { PassProgress } from './csv-passes';
import { fitByPasses } from './fit-passes';
import { streamFile } from './read-file';
import { BATCH_ROWS, batchedOutput } from './table-batches';
import type { TableFormatId } from './table-output';
import type { Scaler } from '../../engine/scale/scaler';
import { stat } from 'node:fs/promises';

/** What the first pass learns of a file. */
export interface JsonLinesLayout {
  rowCount: number;
  /** In order of first appearance; numeric when every non-missing cell is a number. */
  columns: { name: string; numeric: boolean; count: number; missing: number }[];
}

export type JsonLinesPassOptions = CellOptions & PassProgress;

/** A column's kind and counts, as ColumnBuilder would find them, without its values. */
class LayoutColumn implements JsonLinesColumn {
  numeric = true;
  count = 0;

  constructor(
    readonly name: string,
    private readonly options: CellOptions,
    public missing: number,
  ) {}

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.missing++;
      return;
    }
    if (this.numeric && cellNumber(value, this.options) === undefined) this.numeric = false;
    this.count++;
  }

  addMissing(): void {
    this.missing++;
  }
}

/** Streams the file's lines into `records`, with progress, cancellation and `afterChunk` after each chunk. */
async function readLines<C extends JsonLinesColumn>(
  file: string,
  records: JsonLinesRecords<C>,
  pass: number,
  options: PassProgress,
  afterChunk?: () => void | Promise<void>,
): Promise<{ columns: Map<string, C>; rows: number }> {
  const { size } = await stat(file);
  let bytesRead = 0;
  await streamFile(file, async (chunk) => {
    options.signal?.throwIfAborted();
    records.push(chunk);
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead, size, pass);
    await afterChunk?.();
  });
  return records.end();
}

export async function readJsonLinesLayout(
  file: string,
  options: JsonLinesPassOptions = {},
): Promise<JsonLinesLayout> {
  const records = new JsonLinesRecords(
    { ...options, file },
    (name, rowsBefore) => new LayoutColumn(name, options, rowsBefore),
  );
  const { columns, rows } = await readLines(file, records, 1, options);
  checkHasKeys(columns.size, rows, file);
  return {
    rowCount: rows,
    columns: [...columns.values()].map(({ name, numeric, count, missing }) => ({
      name,
      numeric,
      count,
      missing,
    })),
  };
}

/** A later pass's columns are the layout's, seeded in its order; a new one means the file changed. */
function laterPass<C extends JsonLinesColumn>(
  file: string,
  layout: JsonLinesLayout,
  options: CellOptions,
  columnFor: (j: number) => C,
): JsonLinesRecords<C> {
  const index = new Map(layout.columns.map((c, j) => [c.name, j]));
  return new JsonLinesRecords(
    { ...options, file },
    (name) => {
      const j = index.get(name);
      if (j === undefined)
        throw new InputError(`changed while it was being read (a column '${name}' appeared)`, file);
      return columnFor(j);
    },
    layout.columns.map((c) => c.name),
  );
}

function checkUnchanged(file: string, layout: JsonLinesLayout, rows: number): void {
  if (rows !== layout.rowCount)
    throw new InputError(`changed while it was being read (${layout.rowCount} rows, then ${rows})`, file);
}

/** A numeric column's cells to a sink (NaN = missing). */
class SinkColumn implements JsonLinesColumn {
  constructor(
    private readonly sink: ValueSink,
    private readonly options: CellOptions,
  ) {}

  add(value: unknown): void {
    this.sink.add(cellNumber(value, this.options) ?? NaN);
  }

  addMissing(): void {
    this.sink.add(NaN);
  }
}

/** Fits `scaler` on the numeric columns `columns` (indices into the layout) by passes over the file. */
export async function fitJsonLinesInPasses(
  file: string,
  layout: JsonLinesLayout,
  columns: readonly number[],
  scaler: Scaler,
  options: JsonLinesPassOptions = {},
): Promise<void> {
  await fitByPasses(scaler, columns, layout.columns.length, async (pass, sinkFor, afterChunk) => {
    const records = laterPass(file, layout, options, (j) =>
      layout.columns[j].numeric ? new SinkColumn(sinkFor(j), options) : new SinkColumn(IGNORE, options),
    );
    const { rows } = await readLines(file, records, pass + 2, options, afterChunk);
    checkUnchanged(file, layout, rows);
  });
}

/** A batch of one column's cells: float64 for a numeric column, text (as the whole-file reader has it) otherwise. */
class BatchColumn implements JsonLinesColumn {
  numbers: GrowingValues | null;
  texts: (string | null)[] = [];

  constructor(
    numeric: boolean,
    private readonly options: CellOptions,
  ) {
    this.numbers = numeric ? new GrowingValues(BATCH_ROWS) : null;
  }

  add(value: unknown): void {
    if (this.numbers) this.numbers.add(cellNumber(value, this.options) ?? NaN);
    else this.texts.push(value === null || value === undefined ? null : cellText(value));
  }

  addMissing(): void {
    if (this.numbers) this.numbers.add(NaN);
    else this.texts.push(null);
  }

  /** The rows gathered since the last take; then starts over. */
  take(rows: number): Float64Array | (string | null)[] {
    if (this.numbers) {
      const values = this.numbers.values.slice(0, rows);
      this.numbers.length = 0;
      return values;
    }
    const texts = this.texts;
    this.texts = [];
    return texts;
  }
}

/**
 * Writes the file to `target` as `format`, a batch of lines at a time, the columns `replaced` (layout
 * indices) given by `apply` of their values and every other column as read.
 */
export async function writeJsonLinesInPasses(
  file: string,
  layout: JsonLinesLayout,
  replaced: readonly number[],
  apply: (input: Matrix) => Matrix,
  target: string,
  format: TableFormatId,
  options: OutputOptions & JsonLinesPassOptions,
): Promise<void> {
  const output = await batchedOutput(target, format, layout.columns, {
    force: options.force,
    inputs: [file, ...(options.inputs ?? [])],
  });
  const columns = layout.columns.map((c) => new BatchColumn(c.numeric, options));
  const records = laterPass(file, layout, options, (j) => columns[j]);
  let written = 0;
  const pending = () => columns[0].numbers?.length ?? columns[0].texts.length;
  const flush = async () => {
    const rows = pending();
    if (rows === 0) return;
    const values = columns.map((c) => c.take(rows));
    const result = apply(
      fromColumns(
        replaced.map((j) => values[j] as Float64Array),
        rows,
      ),
    );
    replaced.forEach((j, k) => {
      values[j] = Float64Array.from({ length: rows }, (_, i) => result.data[i * result.cols + k]);
    });
    const batch: OutputColumn[] = layout.columns.map((c, j) => ({ name: c.name, values: values[j] }));
    await output.write(batch, rows);
    written += rows;
  };
  try {
    await readLines(file, records, 2, options, () => (pending() >= BATCH_ROWS ? flush() : undefined));
    await flush();
    checkUnchanged(file, layout, written);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}
