/**
 * Parquet over any random-access byte source (a file on disk, a browser File, a buffer), read with
 * hyparquet and its compressors (snappy, gzip, zstd, brotli, lz4) one row group at a time, so memory is
 * bounded by a row group of the columns asked for. Numeric columns (ints, floats, decimals; booleans as
 * 0/1 on request) become float64; strings, dictionary columns, dates and timestamps become text (ISO
 * 8601); nested and list columns are listed in the notes and skipped.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ByteWriter, ParquetWriter, parquetWriteBuffer } from 'hyparquet-writer';
import { InputError } from '../errors';
import { ColumnBuilder, type CellOptions, type DataTable } from './data-table';
import { checkPageHeaders } from './parquet-pages';
import { readerNote } from './reader-notes';

export type { AsyncBuffer };

/** A flat column of the file and how it is read. */
export interface ParquetColumn {
  name: string;
  numeric: boolean;
  element: SchemaElement;
}

export interface ParquetLayout {
  metadata: FileMetaData;
  rowCount: number;
  /** Flat top-level columns in the file's order. */
  columns: ParquetColumn[];
  notes: string[];
}

const TEMPORAL = new Set(['DATE', 'TIME_MILLIS', 'TIME_MICROS', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS']);

function isTemporal(element: SchemaElement): boolean {
  const logical = element.logical_type?.type;
  return (
    element.type === 'INT96' ||
    TEMPORAL.has(element.converted_type ?? '') ||
    logical === 'DATE' ||
    logical === 'TIME' ||
    logical === 'TIMESTAMP'
  );
}

function isNumeric(element: SchemaElement, options: CellOptions): boolean {
  if (isTemporal(element)) return false;
  if (element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL') return true;
  if (element.logical_type?.type === 'FLOAT16') return true;
  switch (element.type) {
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return true;
    case 'BOOLEAN':
      return options.booleansAsNumbers === true;
    case 'INT96':
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
    case undefined:
      return false;
  }
}

/** Checks the footer before hyparquet reads it, so a short file says how short. */
async function checkFooter(source: AsyncBuffer): Promise<void> {
  const size = source.byteLength;
  if (size === 0) throw new InputError('empty file');
  if (size < 12) throw new InputError(`truncated: ${size} bytes, a Parquet file has at least 12`);
  const head = new Uint8Array(await source.slice(0, 4));
  const tail = new Uint8Array(await source.slice(size - 8, size));
  const magic = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (magic(head, 0) !== 'PAR1') throw new InputError('not a Parquet file (no PAR1 magic at its start)');
  const footerLength = new DataView(tail.buffer).getUint32(0, true);
  if (magic(tail, 4) !== 'PAR1')
    throw new InputError(`truncated: no PAR1 magic at the end of its ${size} bytes (footer missing)`);
  if (footerLength + 12 > size)
    throw new InputError(`truncated: footer length ${footerLength} > file size ${size}`);
}

/** Any reader failure as an InputError: hyparquet's messages name what it found wrong. */
function corrupt(error: unknown): unknown {
  if (error instanceof InputError) return error;
  if (error instanceof Error)
    return new InputError(`corrupt Parquet: ${error.message.replace(/^parquet /, '')}`);
  return error;
}

/** Each row group's row count is a count, and together they are the file's. */
function checkRowCounts(metadata: FileMetaData): void {
  let total = 0;
  for (const [index, group] of metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0)
      throw new InputError(`corrupt Parquet: row group ${index} has ${group.num_rows} rows`);
    total += rows;
  }
  if (total !== Number(metadata.num_rows))
    throw new InputError(
      `corrupt Parquet: the footer gives ${metadata.num_rows} rows, its row groups ${total}`,
    );
}

/** The file's schema and row count (reads the footer only). */
export async function readParquetLayout(
  source: AsyncBuffer,
  options: CellOptions = {},
): Promise<ParquetLayout> {
  await checkFooter(source);
  let metadata: FileMetaData;
  let schema: ReturnType<typeof parquetSchema>;
  try {
    metadata = await parquetMetadataAsync(source);
    // A damaged schema (a child count past its elements) fails here, not in the first row group.
    schema = parquetSchema(metadata);
  } catch (error) {
    throw corrupt(error);
  }
  checkRowCounts(metadata);
  const columns: ParquetColumn[] = [];
  const skipped: string[] = [];
  let temporal = 0;
  for (const child of schema.children) {
    const element = child.element;
    if (child.children.length > 0 || element.repetition_type === 'REPEATED') {
      skipped.push(element.name);
      continue;
    }
    if (isTemporal(element)) temporal++;
    columns.push({ name: element.name, numeric: isNumeric(element, options), element });
  }
  const notes: string[] = [];
  if (skipped.length > 0)
    notes.push(readerNote(options.language, 'nestedSkipped', { columns: skipped.join(', ') }));
  if (temporal > 0) notes.push(readerNote(options.language, 'datesAsText'));
  return { metadata, rowCount: Number(metadata.num_rows), columns, notes };
}

/** The columns `wanted` names (all flat columns when undefined), each checked to exist. */
export function projectColumns(
  layout: ParquetLayout,
  wanted: readonly string[] | undefined,
): ParquetColumn[] {
  if (!wanted) return layout.columns;
  return wanted.map((name) => {
    const column = layout.columns.find((c) => c.name === name);
    if (!column)
      throw new InputError(
        `--columns: '${name}' is not a column (columns: ${layout.columns.map((c) => c.name).join(', ')})`,
      );
    return column;
  });
}

/** One row group's values of the columns asked for, each an array of the row group's length. */
export type RowGroupColumns = Map<string, ArrayLike<unknown>>;

/**
 * Calls `onRowGroup` with each row group's columns `names`, in order, reading one row group at a time
 * (the next is read only after `onRowGroup` returns or its promise settles).
 */
export async function forEachRowGroup(
  source: AsyncBuffer,
  layout: ParquetLayout,
  names: readonly string[],
  onRowGroup: (rowStart: number, rows: number, columns: RowGroupColumns) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let rowStart = 0;
  for (const [index, group] of layout.metadata.row_groups.entries()) {
    signal?.throwIfAborted();
    const rows = Number(group.num_rows);
    const rowEnd = rowStart + rows;
    const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>();
    if (rows > 0 && names.length > 0) {
      await checkPageHeaders(source, group, index, names);
      try {
        await parquetRead({
          file: source,
          metadata: layout.metadata,
          columns: [...names],
          rowStart,
          rowEnd,
          compressors,
          onChunk: (chunk) => {
            const list = chunks.get(chunk.columnName) ?? [];
            list.push({ rowStart: chunk.rowStart, data: chunk.columnData });
            chunks.set(chunk.columnName, list);
          },
        });
      } catch (error) {
        throw corrupt(error);
      }
    }
    const columns: RowGroupColumns = new Map();
    for (const name of names) columns.set(name, gather(chunks.get(name) ?? [], rowStart, rows, name));
    await onRowGroup(rowStart, rows, columns);
    rowStart = rowEnd;
  }
}

/** A row group's column from its chunks (which may reach outside the group): exactly its rows. */
function gather(
  chunks: { rowStart: number; data: ArrayLike<unknown> }[],
  rowStart: number,
  rows: number,
  name: string,
): ArrayLike<unknown> {
  if (chunks.length === 1 && chunks[0].rowStart === rowStart && chunks[0].data.length === rows)
    return chunks[0].data;
  const out = new Array<unknown>(rows);
  let filled = 0;
  for (const chunk of chunks.sort((a, b) => a.rowStart - b.rowStart)) {
    for (let i = 0; i < chunk.data.length; i++) {
      const row = chunk.rowStart + i - rowStart;
      if (row >= 0 && row < rows) {
        out[row] = chunk.data[i];
        filled++;
      }
    }
  }
  if (filled !== rows)
    throw new InputError(`corrupt Parquet: column ${name} has ${filled} of ${rows} rows in a row group`);
  return out;
}

/** What writing a table back as Parquet needs: the schema of each column kept as the file had it. */
export interface ParquetSource {
  columns: ParquetColumn[];
  /** Values as hyparquet decoded them, for the columns that are not plain floats (kept for writing). */
  raw: Map<string, unknown[]>;
}

const PLAIN_FLOATS = new Set(['FLOAT', 'DOUBLE', 'INT32']);

function keepsRaw(column: ParquetColumn): boolean {
  const e = column.element;
  return (
    !column.numeric ||
    !PLAIN_FLOATS.has(e.type ?? '') ||
    e.converted_type !== undefined ||
    e.logical_type !== undefined
  );
}

/** The whole table (the columns `wanted`, or all), read row group by row group. */
export async function readParquetTable(
  source: AsyncBuffer,
  options: CellOptions & { columns?: readonly string[]; signal?: AbortSignal } = {},
): Promise<{ table: DataTable; source: ParquetSource }> {
  const layout = await readParquetLayout(source, options);
  const columns = projectColumns(layout, options.columns);
  const builders = columns.map((c) => new ColumnBuilder(c.name, options, layout.rowCount));
  const raw = new Map<string, unknown[]>(columns.filter(keepsRaw).map((c) => [c.name, []]));
  await forEachRowGroup(
    source,
    layout,
    columns.map((c) => c.name),
    (_, rows, data) => {
      columns.forEach((column, k) => {
        const values = data.get(column.name)!;
        const builder = builders[k];
        const kept = raw.get(column.name);
        for (let i = 0; i < rows; i++) {
          const value = values[i];
          if (column.numeric) builder.add(typeof value === 'boolean' ? (value ? 1 : 0) : value);
          else builder.add(value === null || value === undefined ? value : textOf(value));
          kept?.push(value);
        }
      });
    },
    options.signal,
  );
  return {
    table: { columns: builders.map((b) => b.finish()), rowCount: layout.rowCount, notes: layout.notes },
    source: { columns, raw },
  };
}

/** Text columns' cells: numbers in a text column (booleans, bytes) printed, dates as ISO text. */
function textOf(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return value;
}

/** The output schema: each column `replaced` names as nullable DOUBLE, every other as the source had it. */
function outputSchema(
  columns: readonly ParquetColumn[],
  replaced: (name: string) => boolean,
): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((column): SchemaElement =>
      replaced(column.name)
        ? { name: column.name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }
        : { ...column.element, repetition_type: column.element.repetition_type ?? 'OPTIONAL' },
    ),
  ];
}

/**
 * A Parquet file of `columns`, in order: each column `replaced` names as float64 (nullable DOUBLE),
 * every other as the source file had it (same schema element, same values).
 */
export function writeParquet(
  source: ParquetSource,
  rowCount: number,
  replaced: ReadonlyMap<string, Float64Array>,
  original: ReadonlyMap<string, Float64Array>,
): Uint8Array {
  const schema = outputSchema(source.columns, (name) => replaced.has(name));
  const columnData = source.columns.map((column) => {
    const values = replaced.get(column.name);
    if (values) return { name: column.name, data: nullsForNaN(values) };
    const raw = source.raw.get(column.name);
    const data = raw ?? nullsForNaN(original.get(column.name) ?? new Float64Array(rowCount));
    return { name: column.name, data };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, schema }));
}

export function nullsForNaN(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}

/** A ByteWriter that hands its bytes to `sink` after each row group and at the end. */
class DrainingWriter extends ByteWriter {
  constructor(private readonly sink: (bytes: Uint8Array) => Promise<void>) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.sink(bytes);
  }

  // ParquetWriter returns (and its caller awaits) what finish returns, as it awaits flush after a row group.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  override finish(): Promise<void> {
    return this.flush();
  }
}

/**
 * Writes a Parquet file row group by row group to `sink` (memory: one row group): the same columns
 * and schema as the source, the columns `replaced` names as nullable DOUBLE.
 */
export class ParquetRowGroupWriter {
  private readonly writer: ParquetWriter;

  constructor(
    private readonly columns: readonly ParquetColumn[],
    private readonly replaced: ReadonlySet<string>,
    sink: (bytes: Uint8Array) => Promise<void>,
  ) {
    this.writer = new ParquetWriter({
      writer: new DrainingWriter(sink),
      schema: outputSchema(columns, (name) => replaced.has(name)),
    });
  }

  /** One row group: each column's values (replaced ones as float64, NaN = missing; others as read). */
  async write(rows: number, data: ReadonlyMap<string, ArrayLike<unknown>>): Promise<void> {
    if (rows === 0) return;
    const columnData = this.columns.map((column) => {
      const values = data.get(column.name)!;
      return {
        name: column.name,
        data: this.replaced.has(column.name) ? nullsForNaN(values as Float64Array) : Array.from(values),
      };
    });
    await this.writer.write({ columnData, rowGroupSize: rows });
  }

  async finish(): Promise<void> {
    await this.writer.finish();
  }
}
