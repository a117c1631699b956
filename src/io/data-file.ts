/**
 * Tabular inputs and outputs from any ByteSource: a CSV/TSV (streamed) or a .npy (samples × features),
 * the numeric columns a method applies to, and outputs written as the input was (same header, dialect
 * and text columns; numbers printed so they read back bit for bit).
 */
import { writeAll, type ByteSource, type OutputSink } from './byte-source';
import { ParameterError } from '../engine/parameter-error';
import { fromColumns, matrix, type Matrix } from '../engine/scale/matrix';
import { encodeNpy, decodeNpy, type NpyArray } from './npy';
import { readCsvSourceTable, type CsvReadOptions, type ReadProgress } from './csv/csv-source';
import type { CsvTable } from './csv/table';
import { rewriteCsvSource, type LinePrinter } from './csv/rewrite';
import { InputError } from './errors';

/** `file` names the input (a path on disk, or a URI on another file system) in messages and refusals. */
export type DataFile =
  { kind: 'csv'; file: string; table: CsvTable } | { kind: 'npy'; file: string; array: NpyArray };

export function isNpy(file: string): boolean {
  return /\.npy$/i.test(file);
}

export async function readDataSource(
  source: ByteSource,
  options: { keepRows?: number } & ReadProgress & CsvReadOptions = {},
): Promise<DataFile> {
  const file = source.name;
  if (isNpy(file)) return { kind: 'npy', file, array: decodeNpy(await source.whole(), file) };
  return { kind: 'csv', file, table: await readCsvSourceTable(source, options) };
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
  const columns =
    data.kind === 'csv'
      ? data.table.columns.map((c) => ({ name: c.name, numeric: c.kind === 'numeric' }))
      : Array.from({ length: npyMatrixShape(data.array, data.file).cols }, (_, j) => ({
          name: String(j),
          numeric: true,
        }));
  const indices = columnIndices(columns, wanted, data.file);
  const names = indices.map((j) => columns[j].name);
  if (data.kind === 'csv') {
    return {
      matrix: fromColumns(
        indices.map((j) => data.table.columns[j].values),
        data.table.rowCount,
      ),
      names,
      indices,
    };
  }
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

function npyMatrixShape(array: NpyArray, file?: string): { rows: number; cols: number } {
  const shape = array.shape;
  if (shape.length === 1) return { rows: shape[0], cols: 1 };
  if (shape.length === 2) return { rows: shape[0], cols: shape[1] };
  throw new InputError(
    `has shape [${shape.join(', ')}]; scaling reads a 2-d array (samples × features)`,
    file,
  );
}

/** Refuses an output of the other kind than the input (a .npy for a CSV, or a CSV for a .npy). */
export function checkSameKind(data: DataFile, target: string): void {
  if (isNpy(target) !== (data.kind === 'npy')) {
    const kind = data.kind === 'npy' ? 'a .npy' : 'a CSV';
    throw new InputError(`write ${kind} output for ${kind} input`, target);
  }
}

/**
 * Writes `data` with the selected columns replaced by `result` (same rows, same column order) into
 * `output`, committed when complete and aborted on any error. A CSV is streamed again from `input`;
 * aborting `signal` (the extension's Cancel) stops between chunks and leaves nothing behind.
 */
export async function writeLikeTo(
  data: DataFile,
  selection: Selection,
  result: Matrix,
  input: ByteSource,
  output: OutputSink,
  options: { printer?: LinePrinter; signal?: AbortSignal } = {},
): Promise<void> {
  if (data.kind === 'npy') {
    const { rows, cols } = npyMatrixShape(data.array);
    const out =
      data.array.data instanceof Float32Array ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    out.set(data.array.data);
    selection.indices.forEach((j, k) => {
      for (let i = 0; i < rows; i++) out[i * cols + j] = result.data[i * result.cols + k];
    });
    await writeAll(output, encodeNpy(out, data.array.shape));
    return;
  }
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
