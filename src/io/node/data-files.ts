/**
 * Tabular inputs and outputs: a CSV/TSV (streamed), a table of another format of the registry (Parquet,
 * Arrow, JSON Lines, .xlsx) or an array (.npy, one array of an .npz; samples × features), the numeric
 * columns a method applies to, and outputs written as the input was (same header, dialect, schema and
 * text columns; numbers printed so they read back bit for bit), or converted when the output's
 * extension names another tabular format.
 */
import { ParameterError } from '../../engine/parameter-error';
import { fromColumns, matrix, type Matrix } from '../../engine/scale/matrix';
import { encodeNpy, decodeNpy, type NpyArray } from '../npy';
import { readCsvTable, streamCsvRecords, type CsvReadOptions, type ReadProgress } from './csv-file';
import type { RecordView } from '../csv/tokenizer';
import { readWholeFile } from './read-file';
import { AtomicOutput, writeFileAtomic, type OutputOptions } from './atomic-output';
import { GrowingValues, type CsvTable } from '../csv/table';
import type { Dialect } from '../csv/dialect';
import { numberReader } from '../csv/values';
import { bomBytes, encodeText } from '../csv/encoding';
import { formatNumberWith, formatNumericLines, formatRecord } from '../csv/writer';
import { LineFormatter } from './line-formatter';
import { InputError } from '../errors';
import { extensionsOf, formatOrCsv } from '../formats/registry';
import { replaceNpzArray } from '../formats/npz';
import { readFormatTable, readNpzFile, type FormatTable } from './format-files';
import { writeTableLike, type TableFormatId } from './table-output';

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
}

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
      const { array, name, bytes, note } = await readNpzFile(file, options.array);
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

function npyMatrixShape(array: NpyArray, file?: string): { rows: number; cols: number } {
  const shape = array.shape;
  if (shape.length === 1) return { rows: shape[0], cols: 1 };
  if (shape.length === 2) return { rows: shape[0], cols: shape[1] };
  throw new InputError(
    `has shape [${shape.join(', ')}]; scaling reads a 2-d array (samples × features)`,
    file,
  );
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
  if (targetFormat.shape !== 'table')
    throw new InputError(
      `write a table format (${extensionsOf(['table'])
        .map((e) => `.${e}`)
        .join(', ')}) for a table input`,
      target,
    );
  if (data.kind === 'table' || targetFormat.id !== 'csv') {
    await writeTableLike(data, selection, result, target, targetFormat.id as TableFormatId, {
      ...options,
      inputs,
    });
    return;
  }
  const { table, file } = data;
  const output = new AtomicOutput(target, { ...options, inputs: [file, ...(options.inputs ?? [])] });
  await rewriteCsv(
    file,
    table.dialect,
    selection.indices,
    output,
    (firstRow, input) =>
      matrix(
        result.data.subarray(firstRow * result.cols, (firstRow + input.rows) * result.cols),
        input.rows,
        result.cols,
      ),
    options.signal,
    { skipBadRows: table.badRows !== undefined },
  );
}

/**
 * Streams `file` into `output` (then commits it; aborts it on any error), replacing the fields of
 * `columns` chunk by chunk with `values(firstRow, input)` — `input` holds those fields' numbers (NaN
 * where missing), and the result one column per entry of `columns` — printed so they read back bit for
 * bit. Header, dialect (delimiter, decimal mark, quote, line ending, encoding) and other fields pass
 * through as written; preamble and comment lines are not copied. Records of plain decimals whose every
 * field is replaced never become strings: their numbers come from the tokenizer's inline path.
 * `skipBadRows`: rows whose field count differs from the header's were skipped when the file was read
 * (`--on-bad-rows skip`), so they are left out here too.
 */
export async function rewriteCsv(
  file: string,
  dialect: Dialect,
  columns: readonly number[],
  output: AtomicOutput,
  values: (firstRow: number, input: Matrix) => Matrix,
  signal?: AbortSignal,
  options: { skipBadRows?: boolean } = {},
): Promise<void> {
  const delimiter = dialect.delimiter;
  const { decimal, quote, lineEnding } = dialect;
  const reader = numberReader(dialect);
  const plain = reader.plainDecimals;
  const record = (fields: readonly string[]) => formatRecord(fields, delimiter, quote, lineEnding);
  let recordWidth = -1;
  const width = columns.length;
  /** slotOf[j]: the entry of `columns` that replaces field j, or −1 when field j passes through. */
  let slotOf: Int32Array | null = null;
  let everyFieldReplaced = false;
  let headerPending = dialect.header;
  let header = '';
  // The batch: each record's replaced fields' numbers (in the order of `columns`), and its text fields
  // (null when none pass through).
  const batch = new GrowingValues(1024 * width);
  let texts: (string[] | null)[] = [];
  let row = 0;
  const layoutFor = (fieldCount: number) => {
    slotOf = new Int32Array(fieldCount).fill(-1);
    columns.forEach((j, k) => (slotOf![j] = k));
    everyFieldReplaced = slotOf.every((k) => k >= 0);
    return slotOf;
  };
  const numbers = (values: Float64Array, count: number): boolean => {
    if (headerPending || !everyFieldReplaced || slotOf!.length !== count) return false;
    for (const j of columns) batch.add(values[j]);
    texts.push(null);
    return true;
  };
  const view = (fields: RecordView) => {
    if (headerPending) {
      headerPending = false;
      recordWidth = fields.length;
      header = record(fields.strings());
      return;
    }
    if (recordWidth < 0) recordWidth = fields.length;
    if (options.skipBadRows && fields.length !== recordWidth) return;
    const slots = slotOf ?? layoutFor(fields.length);
    for (const j of columns)
      batch.add(
        j < fields.length
          ? ((reader.decimalByte !== null ? fields.number(j, reader.decimalByte) : undefined) ??
              reader.parse(fields.text(j)) ??
              NaN)
          : NaN,
      );
    const kept = new Array<string>(fields.length);
    for (let j = 0; j < fields.length; j++) if (j >= slots.length || slots[j] < 0) kept[j] = fields.text(j);
    // With every field replaced nothing passes through: the record is printed like an inline one.
    texts.push(everyFieldReplaced && fields.length === slots.length ? null : kept);
  };
  const formatter = new LineFormatter();
  const flush = async () => {
    let text = header;
    header = '';
    let printed: (string | Uint8Array)[] = [];
    const count = texts.length;
    if (count > 0) {
      const replaced = values(row, matrix(batch.values.subarray(0, count * width), count, width));
      const slots = slotOf!;
      const out = replaced.data;
      if (texts.every((fields) => fields === null)) {
        printed = await formatter.format({
          data: out,
          rows: count,
          cols: replaced.cols,
          slots,
          delimiter,
          decimal,
          lineEnding,
        });
      } else {
        for (let i = 0; i < count; i++) {
          const fields = texts[i];
          const base = i * replaced.cols;
          if (fields === null) {
            text += formatNumericLines(
              out.subarray(base),
              1,
              replaced.cols,
              slots,
              delimiter,
              decimal,
              lineEnding,
            );
          } else {
            columns.forEach((j, k) => (fields[j] = formatNumberWith(out[base + k], decimal)));
            text += record(fields);
          }
        }
      }
      row += count;
      texts = [];
      batch.length = 0;
    }
    for (const part of [text, ...printed]) if (part.length > 0) await output.write(encoded(part));
  };
  // Outputs keep the input's encoding (and byte-order mark); the worker's bytes are ASCII digits.
  const encoded = (part: string | Uint8Array): string | Uint8Array => {
    if (dialect.encoding === 'utf-8' || dialect.encoding === 'windows-1252') {
      return typeof part === 'string' && dialect.encoding !== 'utf-8'
        ? encodeText(part, dialect.encoding)
        : part;
    }
    return encodeText(typeof part === 'string' ? part : new TextDecoder().decode(part), dialect.encoding);
  };
  try {
    if (dialect.bom) await output.write(bomBytes(dialect.encoding));
    await streamCsvRecords(file, dialect, plain ? { view, numbers } : { view }, flush, () =>
      signal?.throwIfAborted(),
    );
    await flush();
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    await formatter.close();
  }
}
