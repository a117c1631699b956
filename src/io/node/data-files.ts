/**
 * Tabular inputs and outputs: a CSV/TSV (streamed) or a .npy (samples × features), the
 * numeric columns a method applies to, and outputs written as the input was (same header, dialect and
 * text columns; numbers printed so they read back bit for bit).
 */
import { extname } from 'node:path';
import { ParameterError } from '../../engine/parameter-error';
import { fromColumns, matrix, type Matrix } from '../../engine/scale/matrix';
import { encodeNpy, decodeNpy, type NpyArray } from '../npy';
import { readCsvTable, streamCsvRecords, type ReadProgress } from './csv-file';
import { readWholeFile } from './read-file';
import { AtomicOutput, writeFileAtomic, type OutputOptions } from './atomic-output';
import type { CsvTable } from '../csv/table';
import type { Dialect } from '../csv/dialect';
import { parseNumericField } from '../csv/values';
import { formatNumber, formatRecord } from '../csv/writer';
import { InputError } from '../errors';

export type DataFile =
  { kind: 'csv'; file: string; table: CsvTable } | { kind: 'npy'; file: string; array: NpyArray };

export function isNpy(file: string): boolean {
  return extname(file).toLowerCase() === '.npy';
}

export async function readNpyFile(file: string): Promise<NpyArray> {
  return decodeNpy(await readWholeFile(file), file);
}

export async function readDataFile(
  file: string,
  options: { keepRows?: number } & ReadProgress = {},
): Promise<DataFile> {
  if (isNpy(file)) return { kind: 'npy', file, array: await readNpyFile(file) };
  return { kind: 'csv', file, table: await readCsvTable(file, options) };
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

/** Writes `data` with the selected columns replaced by `result` (same rows, same column order). */
export async function writeLike(
  data: DataFile,
  selection: Selection,
  result: Matrix,
  target: string,
  options: OutputOptions,
): Promise<void> {
  if (isNpy(target) !== (data.kind === 'npy')) {
    const kind = data.kind === 'npy' ? 'a .npy' : 'a CSV';
    throw new InputError(`write ${kind} output for ${kind} input`, target);
  }
  if (data.kind === 'npy') {
    const { rows, cols } = npyMatrixShape(data.array);
    const out =
      data.array.data instanceof Float32Array ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    out.set(data.array.data);
    selection.indices.forEach((j, k) => {
      for (let i = 0; i < rows; i++) out[i * cols + j] = result.data[i * result.cols + k];
    });
    await writeFileAtomic(target, encodeNpy(out, data.array.shape), {
      ...options,
      inputs: [data.file, ...(options.inputs ?? [])],
    });
    return;
  }
  const { table, file } = data;
  const output = new AtomicOutput(target, { ...options, inputs: [file, ...(options.inputs ?? [])] });
  await rewriteCsv(file, table.dialect, selection.indices, output, (firstRow, records) =>
    matrix(
      result.data.subarray(firstRow * result.cols, (firstRow + records.length) * result.cols),
      records.length,
      result.cols,
    ),
  );
}

/**
 * Streams `file` into `output` (then commits it; aborts it on any error), replacing the fields of
 * `columns` chunk by chunk with `values(firstRow, records)` — a matrix with one column per entry of
 * `columns` — printed so they read back bit for bit. Header, dialect and other fields pass through.
 */
export async function rewriteCsv(
  file: string,
  dialect: Dialect,
  columns: readonly number[],
  output: AtomicOutput,
  values: (firstRow: number, records: string[][]) => Matrix,
  signal?: AbortSignal,
): Promise<void> {
  const delimiter = dialect.delimiter;
  let headerPending = dialect.header;
  let header = '';
  let records: string[][] = [];
  let row = 0;
  const flush = async () => {
    let text = header;
    header = '';
    if (records.length > 0) {
      const replaced = values(row, records);
      text += records
        .map((fields, i) => {
          columns.forEach((j, k) => (fields[j] = formatNumber(replaced.data[i * replaced.cols + k])));
          return formatRecord(fields, delimiter);
        })
        .join('');
      row += records.length;
      records = [];
    }
    if (text) await output.write(text);
  };
  try {
    await streamCsvRecords(
      file,
      dialect,
      (fields) => {
        if (headerPending) {
          headerPending = false;
          header = formatRecord(fields, delimiter);
        } else records.push(fields);
      },
      flush,
      () => signal?.throwIfAborted(),
    );
    await flush();
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}

/** The numbers of `columns` in string records (missing fields → NaN), as a matrix. */
export function recordValues(records: readonly string[][], columns: readonly number[]): Matrix {
  const out = new Float64Array(records.length * columns.length);
  records.forEach((fields, i) =>
    columns.forEach((j, k) => (out[i * columns.length + k] = parseNumericField(fields[j]) ?? NaN)),
  );
  return matrix(out, records.length, columns.length);
}
