/**
 * Tabular inputs and outputs from any ByteSource: a CSV/TSV (streamed), a table of another format of the
 * registry (Parquet, Arrow, JSON Lines; .xlsx through the Node reader) or an array (.npy, one array of an
 * .npz; samples × features), the numeric columns a method applies to, and outputs written as the input
 * was (same header, dialect and text columns; numbers printed so they read back bit for bit).
 */
import type { Table } from 'apache-arrow';
import { writeAll, type ByteSource, type OutputSink } from './byte-source';
import { ParameterError } from '../engine/parameter-error';
import { fromColumns, matrix, type Matrix } from '../engine/scale/matrix';
import { encodeNpy, decodeNpy, type NpyArray } from './npy';
import { readCsvSourceTable, type CsvReadOptions, type ReadProgress } from './csv/csv-source';
import type { CsvTable } from './csv/table';
import { rewriteCsvSource, type LinePrinter } from './csv/rewrite';
import { InputError } from './errors';
import type { DataTable } from './formats/data-table';
import { readJsonLines } from './formats/json-lines';
import { readNpz, replaceNpzArray } from './formats/npz';
import type { AdviceLanguage } from '../engine/advise/messages';
import type { ParquetSource } from './formats/parquet';
import { FORMATS, formatOrCsv } from './formats/registry';

/** The tabular formats other than CSV, and what writing each back as itself needs. */
export type FormatTable =
  | { format: 'parquet'; table: DataTable; source: ParquetSource }
  | { format: 'arrow'; table: DataTable; source: Table }
  | { format: 'jsonl'; table: DataTable }
  | { format: 'xlsx'; table: DataTable; sheets: string[] };

export type FormatTableId = FormatTable['format'];

/** `file` names the input (a path on disk, or a URI on another file system) in messages and refusals. */
export type DataFile =
  | { kind: 'csv'; file: string; table: CsvTable }
  | { kind: 'npy'; file: string; array: NpyArray }
  | { kind: 'npz'; file: string; array: NpyArray; name: string; bytes: Uint8Array; note?: string }
  | { kind: 'table'; file: string; data: FormatTable };

/** How a data file is chosen among its format's contents, and which columns are read. */
export interface DataFileOptions extends ReadProgress {
  keepRows?: number;
  columns?: readonly string[];
  sheet?: string;
  array?: string;
  booleansAsNumbers?: boolean;
  /** The language of the readers' notes (English when not given). */
  language?: AdviceLanguage;
}

export function isNpy(file: string): boolean {
  return /\.npy$/i.test(file);
}

/**
 * Reads a data file from bytes alone (the web extension's path; the Node hosts read through
 * ./node/data-files.ts). A format whose reader needs Node (.xlsx via exceljs) is refused with a
 * sentence saying where it is read; an image, with one pointing to its per-channel statistics.
 */
export async function readDataSource(
  source: ByteSource,
  options: DataFileOptions & CsvReadOptions = {},
): Promise<DataFile> {
  const file = source.name;
  const format = formatOrCsv(file);
  const located = async <T>(read: () => T | Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof InputError) throw error.inFile(file);
      throw error;
    }
  };
  switch (format.id) {
    case 'csv':
      return { kind: 'csv', file, table: await readCsvSourceTable(source, options) };
    case 'npy':
      return { kind: 'npy', file, array: decodeNpy(await source.whole(), file) };
    case 'npz': {
      const bytes = await source.whole();
      const { array, name, note } = await located(() => readNpz(bytes, options.array, options.language));
      return { kind: 'npz', file, array, name, bytes, note };
    }
    case 'parquet': {
      const bytes = await source.whole();
      const { readParquetTable } = await import('./formats/parquet');
      const buffer = {
        byteLength: bytes.length,
        slice: (start: number, end = bytes.length) => bytes.slice(start, Math.min(end, bytes.length)).buffer,
      };
      const { table, source: parquet } = await located(() => readParquetTable(buffer, options));
      return { kind: 'table', file, data: { format: 'parquet', table, source: parquet } };
    }
    case 'arrow': {
      const bytes = await source.whole();
      const { readArrow } = await import('./formats/arrow');
      const { table, source: arrow } = await located(() => readArrow(bytes, options));
      return { kind: 'table', file, data: { format: 'arrow', table, source: arrow } };
    }
    case 'jsonl': {
      const bytes = await source.whole();
      const table = await located(() => readJsonLines(bytes, { ...options, file }));
      return { kind: 'table', file, data: { format: 'jsonl', table } };
    }
    case 'xlsx':
      throw new InputError(
        `is an ${FORMATS.xlsx.label} workbook: its reader needs Node, so it opens in VS Code desktop or the normscope CLI, not in the browser`,
        file,
      );
    case 'image':
      throw new InputError(
        'is an image: `stats` gives its per-channel statistics; scaling reads tables and arrays',
        file,
      );
  }
}

/** What the reader chose, converted or skipped, one sentence each. */
export function dataFileNotes(data: DataFile): string[] {
  switch (data.kind) {
    case 'csv':
    case 'npy':
      return [];
    case 'npz':
      return data.note ? [data.note] : [];
    case 'table':
      return data.data.table.notes;
  }
}

/** The table a data file holds (CSV and the other tabular formats alike); undefined for arrays. */
export function tableOf(
  data: DataFile,
):
  | { columns: readonly { name: string; kind: 'numeric' | 'text'; values: Float64Array }[]; rowCount: number }
  | undefined {
  switch (data.kind) {
    case 'csv':
      return data.table;
    case 'table':
      return data.data.table;
    case 'npy':
    case 'npz':
      return undefined;
  }
}

export interface Selection {
  matrix: Matrix;
  /** Column names of the matrix's columns. */
  names: string[];
  /** Their positions among the file's columns. */
  indices: number[];
}

/** The columns a method applies to: `wanted` by name, or every numeric column. */
export function selectColumns(data: DataFile, wanted?: readonly string[]): Selection {
  const table = tableOf(data);
  if (table) {
    const columns = table.columns.map((c) => ({ name: c.name, numeric: c.kind === 'numeric' }));
    const indices = columnIndices(columns, wanted, data.file);
    return {
      matrix: fromColumns(
        indices.map((j) => table.columns[j].values),
        table.rowCount,
      ),
      names: indices.map((j) => columns[j].name),
      indices,
    };
  }
  if (data.kind !== 'npy' && data.kind !== 'npz') throw new TypeError('selectColumns: not an array');
  const columns = Array.from({ length: npyMatrixShape(data.array, data.file).cols }, (_, j) => ({
    name: String(j),
    numeric: true,
  }));
  const indices = columnIndices(columns, wanted, data.file);
  const names = indices.map((j) => columns[j].name);
  const { rows, cols } = npyMatrixShape(data.array);
  const values = data.array.data;
  const matrix = fromColumns(
    indices.map((j) => Float64Array.from({ length: rows }, (_, i) => values[i * cols + j])),
    rows,
  );
  return { matrix, names, indices };
}

/** Positions of the columns a method applies to: `wanted` by name (each numeric), or every numeric one. */
export function columnIndices(
  columns: readonly { name: string; numeric: boolean }[],
  wanted: readonly string[] | undefined,
  file: string,
): number[] {
  const indices = wanted
    ? wanted.map((name) => {
        const index = columns.findIndex((c) => c.name === name);
        if (index < 0) {
          const names = columns.map((c) => c.name).join(', ');
          throw new ParameterError(
            'selectColumns',
            'columns',
            name,
            `is not a column of ${file} (columns: ${names})`,
          );
        }
        if (!columns[index].numeric) {
          throw new ParameterError(
            'selectColumns',
            'columns',
            name,
            `is a text column of ${file}, not numeric`,
          );
        }
        return index;
      })
    : columns.flatMap((c, j) => (c.numeric ? [j] : []));
  if (indices.length === 0) throw new InputError('has no numeric column to normalize', file);
  return indices;
}

export function npyMatrixShape(array: NpyArray, file?: string): { rows: number; cols: number } {
  const shape = array.shape;
  if (shape.length === 1) return { rows: shape[0], cols: 1 };
  if (shape.length === 2) return { rows: shape[0], cols: shape[1] };
  throw new InputError(
    `has shape [${shape.join(', ')}]; scaling reads a 2-d array (samples × features)`,
    file,
  );
}

/**
 * Refuses an output writeLikeTo cannot write for `data`: a .npy for a .npy, a .npz or .npy for an .npz,
 * a CSV for a CSV or for a table of another format (its columns converted). Tables written back in
 * their own format (Parquet, Arrow…) are the Node hosts' (./node/data-files.ts).
 */
export function checkSameKind(data: DataFile, target: string): void {
  const format = formatOrCsv(target).id;
  switch (data.kind) {
    case 'npy':
      if (format !== 'npy') throw new InputError('write a .npy output for a .npy input', target);
      return;
    case 'npz':
      if (format !== 'npz' && format !== 'npy')
        throw new InputError('write an .npz or .npy output for an .npz input', target);
      return;
    case 'csv':
      if (format !== 'csv') throw new InputError('write a CSV output for a CSV input', target);
      return;
    case 'table':
      if (format !== 'csv')
        throw new InputError(
          `${FORMATS[data.data.format].label} outputs are written by VS Code desktop and the normscope CLI; the browser writes a ${FORMATS[data.data.format].label} input's columns as CSV`,
          target,
        );
      return;
  }
}

/** The array with the selected columns replaced by `result`, in the input's float width. */
function replacedArray(array: NpyArray, selection: Selection, result: Matrix): Float32Array | Float64Array {
  const { rows, cols } = npyMatrixShape(array);
  const out =
    array.data instanceof Float32Array ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  out.set(array.data);
  selection.indices.forEach((j, k) => {
    for (let i = 0; i < rows; i++) out[i * cols + j] = result.data[i * result.cols + k];
  });
  return out;
}

/**
 * Writes `data` with the selected columns replaced by `result` (same rows, same column order) into
 * `output` (named `target`), committed when complete and aborted on any error. A CSV is streamed again
 * from `input`; aborting `signal` (the extension's Cancel) stops between chunks and leaves nothing behind.
 */
export async function writeLikeTo(
  data: DataFile,
  selection: Selection,
  result: Matrix,
  input: ByteSource,
  output: OutputSink,
  options: { printer?: LinePrinter; signal?: AbortSignal; target?: string } = {},
): Promise<void> {
  switch (data.kind) {
    case 'npy':
      await writeAll(output, encodeNpy(replacedArray(data.array, selection, result), data.array.shape));
      return;
    case 'npz': {
      const out = replacedArray(data.array, selection, result);
      const asNpz = options.target === undefined || formatOrCsv(options.target).id === 'npz';
      await writeAll(
        output,
        asNpz
          ? replaceNpzArray(data.bytes, data.name, out, data.array.shape)
          : encodeNpy(out, data.array.shape),
      );
      return;
    }
    case 'table': {
      try {
        checkSameKind(data, options.target ?? data.file);
      } catch (error) {
        await output.abort();
        throw error;
      }
      // Every column of the input, the selected ones replaced; the writers load on first use.
      const { table } = data.data;
      const replaced = new Map(
        selection.names.map((name, k) => [
          name,
          Float64Array.from({ length: result.rows }, (_, i) => result.data[i * result.cols + k]),
        ]),
      );
      const { csvOfColumns } = await import('./formats/table-writers');
      const columns = table.columns.map((c) => ({
        name: c.name,
        values: replaced.get(c.name) ?? (c.kind === 'numeric' ? c.values : c.texts!),
      }));
      try {
        for (const part of csvOfColumns(columns, table.rowCount)) {
          options.signal?.throwIfAborted();
          await output.write(part);
        }
        await output.commit();
      } catch (error) {
        await output.abort();
        throw error;
      }
      return;
    }
    case 'csv':
      await rewriteCsvSource(
        input,
        data.table.dialect,
        selection.indices,
        output,
        (firstRow, rows) =>
          matrix(
            result.data.subarray(firstRow * result.cols, (firstRow + rows.rows) * result.cols),
            rows.rows,
            result.cols,
          ),
        { printer: options.printer, signal: options.signal, skipBadRows: data.table.badRows !== undefined },
      );
  }
}
