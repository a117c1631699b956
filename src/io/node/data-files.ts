/**
 * Tabular inputs and outputs on disk: a CSV/TSV (streamed), a table of another format of the registry
 * (Parquet, Arrow, JSON Lines, .xlsx) or an array (.npy, one array of an .npz; samples × features), and
 * outputs written atomically as the input was (same header, dialect, schema and text columns; numbers
 * printed so they read back bit for bit), or converted when the output's extension names another
 * tabular format. CSV lines are printed on two cores where there are two. The shapes and column
 * selection are ../data-file.ts's, shared with the web extension.
 */
import { matrix, type Matrix } from '../../engine/scale/matrix';
import { encodeNpy, decodeNpy, type NpyArray } from '../npy';
import { readCsvTable, type CsvReadOptions } from './csv-file';
import { readWholeFile } from './read-file';
import { AtomicOutput, writeFileAtomic, type OutputOptions } from './atomic-output';
import type { Dialect } from '../csv/dialect';
import { rewriteCsvSource } from '../csv/rewrite';
import { npyMatrixShape, type DataFile, type DataFileOptions, type Selection } from '../data-file';
import { fileSource } from './file-source';
import { LineFormatter } from './line-formatter';
import { InputError } from '../errors';
import { extensionsOf, formatOrCsv } from '../formats/registry';
import { replaceNpzArray } from '../formats/npz';
import { readFormatTable, readNpzFile } from './format-files';
import { writeTableLike, type TableFormatId } from './table-output';
import { writeCsvAsTable, type CsvOutputColumn } from './csv-table-output';

export {
  columnIndices,
  dataFileNotes,
  isNpy,
  selectColumns,
  tableOf,
  type DataFile,
  type DataFileOptions,
  type Selection,
} from '../data-file';

export async function readNpyFile(file: string): Promise<NpyArray> {
  return decodeNpy(await readWholeFile(file), file);
}

export async function readDataFile(
  file: string,
  options: DataFileOptions & CsvReadOptions = {},
): Promise<DataFile> {
  const format = formatOrCsv(file);
  switch (format.id) {
    case 'csv':
      return { kind: 'csv', file, table: await readCsvTable(file, options) };
    case 'npy':
      return { kind: 'npy', file, array: await readNpyFile(file) };
    case 'npz': {
      const { array, name, bytes, note } = await readNpzFile(file, options.array, options.language);
      return { kind: 'npz', file, array, name, bytes, note };
    }
    case 'parquet':
    case 'arrow':
    case 'jsonl':
    case 'xlsx':
      return { kind: 'table', file, data: await readFormatTable(file, format.id, options) };
    case 'image':
      throw new InputError(
        'is an image: `stats` gives its per-channel statistics; scaling reads tables and arrays',
        file,
      );
  }
}

/**
 * Writes `data` with the selected columns replaced by `result` (same rows, same column order).
 * Aborting `signal` (the extension's Cancel) stops between chunks and leaves no temporary file.
 */
export async function writeLike(
  data: DataFile,
  selection: Selection,
  result: Matrix,
  target: string,
  options: OutputOptions & { signal?: AbortSignal },
): Promise<void> {
  const targetFormat = formatOrCsv(target);
  const inputs = [data.file, ...(options.inputs ?? [])];
  if (data.kind === 'npy' || data.kind === 'npz') {
    const { rows, cols } = npyMatrixShape(data.array);
    const out =
      data.array.data instanceof Float32Array ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    out.set(data.array.data);
    selection.indices.forEach((j, k) => {
      for (let i = 0; i < rows; i++) out[i * cols + j] = result.data[i * result.cols + k];
    });
    const bytes =
      targetFormat.id === 'npy'
        ? encodeNpy(out, data.array.shape)
        : targetFormat.id === 'npz' && data.kind === 'npz'
          ? replaceNpzArray(data.bytes, data.name, out, data.array.shape)
          : undefined;
    if (!bytes)
      throw new InputError(
        `write ${data.kind === 'npz' ? 'an .npz or .npy' : 'a .npy'} output for ${data.kind === 'npz' ? 'an .npz' : 'a .npy'} input`,
        target,
      );
    await writeFileAtomic(target, bytes, { ...options, inputs });
    return;
  }
  if (data.kind === 'table') {
    await writeTableLike(data, selection, result, target, checkTableTarget(target), {
      ...options,
      inputs,
    });
    return;
  }
  const { table, file } = data;
  await writeCsvOutput(
    file,
    table.dialect,
    table.columns.map((c) => ({ name: c.name, numeric: c.kind === 'numeric' })),
    selection.indices,
    (firstRow, input) =>
      matrix(
        result.data.subarray(firstRow * result.cols, (firstRow + input.rows) * result.cols),
        input.rows,
        result.cols,
      ),
    target,
    { ...options, inputs, skipBadRows: table.badRows !== undefined },
  );
}

/** Refuses a target whose extension is not a table format (a table input is written as a table). */
export function checkTableTarget(target: string): TableFormatId {
  const targetFormat = formatOrCsv(target);
  if (targetFormat.shape !== 'table')
    throw new InputError(
      `write a table format (${extensionsOf(['table'])
        .map((e) => `.${e}`)
        .join(', ')}) for a table input`,
      target,
    );
  return targetFormat.id as TableFormatId;
}

/**
 * Writes the CSV `file` with the fields of `replaced` given by `values(firstRow, input)`, streamed:
 * as CSV in the input's dialect, or converted to the table format `target`'s extension names.
 */
export async function writeCsvOutput(
  file: string,
  dialect: Dialect,
  columns: readonly CsvOutputColumn[],
  replaced: readonly number[],
  values: (firstRow: number, input: Matrix) => Matrix,
  target: string,
  options: OutputOptions & { signal?: AbortSignal; skipBadRows?: boolean },
): Promise<void> {
  const format = checkTableTarget(target);
  const outputOptions = { ...options, inputs: [file, ...(options.inputs ?? [])] };
  if (format !== 'csv') {
    await writeCsvAsTable(file, dialect, columns, replaced, values, target, format, outputOptions);
    return;
  }
  const output = new AtomicOutput(target, outputOptions);
  await rewriteCsv(file, dialect, replaced, output, values, options.signal, {
    skipBadRows: options.skipBadRows,
  });
}

/** rewriteCsvSource (../csv/rewrite.ts) from a file on disk, printing on two cores where there are two. */
export function rewriteCsv(
  file: string,
  dialect: Dialect,
  columns: readonly number[],
  output: AtomicOutput,
  values: (firstRow: number, input: Matrix) => Matrix,
  signal?: AbortSignal,
  options: { skipBadRows?: boolean } = {},
): Promise<void> {
  return rewriteCsvSource(fileSource(file), dialect, columns, output, values, {
    signal,
    printer: new LineFormatter(),
    skipBadRows: options.skipBadRows,
  });
}
