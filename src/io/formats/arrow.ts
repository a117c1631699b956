/**
 * Arrow IPC (file and stream formats) and Feather v2 (the IPC file format) with apache-arrow. Ints,
 * floats and decimals become float64 (booleans as 0/1 on request); strings and dictionary columns text;
 * dates and timestamps ISO 8601 text; structs, lists and maps are listed in the notes and skipped.
 */
import { DataType, Float64, makeVector, Table, tableFromIPC, tableToIPC, type Vector } from 'apache-arrow';
import { InputError } from '../errors';
import { checkColumnBuffers, checkIpcFraming } from './arrow-framing';
import { boundFlatbufferReads } from './flatbuffer-bounds';
import { cellText, ColumnBuilder, type CellOptions, type DataTable } from './data-table';
import { readerNote } from './reader-notes';

const FEATHER_V1 = [0x46, 0x45, 0x41, 0x31]; // FEA1

function isNumeric(type: DataType, options: CellOptions): boolean {
  if (DataType.isBool(type)) return options.booleansAsNumbers === true;
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

function isNested(type: DataType): boolean {
  return (
    DataType.isList(type) ||
    DataType.isStruct(type) ||
    DataType.isMap(type) ||
    DataType.isUnion(type) ||
    DataType.isFixedSizeList(type)
  );
}

function isTemporal(type: DataType): boolean {
  return DataType.isDate(type) || DataType.isTimestamp(type) || DataType.isTime(type);
}

/** A cell of a temporal column as text: arrow gives dates and timestamps as epoch milliseconds. */
function temporalText(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (DataType.isDate(type) || DataType.isTimestamp(type)) {
    const date = new Date(Number(value));
    return DataType.isDate(type) ? date.toISOString().slice(0, 10) : date.toISOString();
  }
  return cellText(value);
}

/** Decimals as numbers: arrow gives their unscaled integer words. */
function decimalNumber(vector: Vector, index: number): number | null {
  const value: unknown = vector.get(index);
  if (value === null) return null;
  const scale = (vector.type as { scale: number }).scale;
  return Number(cellText(value)) / 10 ** scale;
}

export function readArrow(
  bytes: Uint8Array,
  options: CellOptions & { columns?: readonly string[] } = {},
): { table: DataTable; source: Table } {
  if (bytes.length === 0) throw new InputError('empty file');
  if (FEATHER_V1.every((b, i) => bytes[i] === b))
    throw new InputError(
      'Feather v1 is not read; write Feather v2 (pyarrow.feather.write_feather, version=2)',
    );
  checkIpcFraming(bytes);
  boundFlatbufferReads();
  let source: Table;
  try {
    source = tableFromIPC(bytes);
  } catch (error) {
    throw new InputError(
      `corrupt or truncated Arrow IPC: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const skipped: string[] = [];
  let temporal = false;
  const wanted = options.columns;
  const fields = source.schema.fields.filter((field) => {
    if (isNested(field.type as DataType)) {
      skipped.push(field.name);
      return false;
    }
    return wanted === undefined || wanted.includes(field.name);
  });
  for (const name of wanted ?? []) {
    if (!fields.some((f) => f.name === name))
      throw new InputError(
        `--columns: '${name}' is not a column (columns: ${source.schema.fields.map((f) => f.name).join(', ')})`,
      );
  }
  const rowCount = source.numRows;
  const columns = fields.map((field) => {
    const vector = source.getChild(field.name)!;
    checkColumnBuffers(field.name, vector.data);
    const builder = new ColumnBuilder(field.name, options, rowCount);
    const type: DataType = field.type as DataType;
    if (DataType.isDecimal(type)) {
      for (let i = 0; i < rowCount; i++) builder.add(decimalNumber(vector, i));
    } else if (isTemporal(type)) {
      temporal = true;
      for (let i = 0; i < rowCount; i++) builder.add(temporalText(type, vector.get(i)));
    } else if (isNumeric(type, options)) {
      for (let i = 0; i < rowCount; i++) {
        const value: unknown = vector.get(i);
        builder.add(typeof value === 'boolean' ? Number(value) : value);
      }
    } else {
      for (let i = 0; i < rowCount; i++) {
        const value: unknown = vector.get(i);
        builder.add(value === null || typeof value === 'string' ? value : cellText(value));
      }
    }
    return builder.finish();
  });
  const notes: string[] = [];
  if (skipped.length > 0)
    notes.push(readerNote(options.language, 'nestedSkipped', { columns: skipped.join(', ') }));
  if (temporal) notes.push(readerNote(options.language, 'datesAsText'));
  return { table: { columns, rowCount, notes }, source };
}

/** An Arrow IPC file of `source` with the columns `replaced` names as float64 (same order, other columns kept). */
export function writeArrow(source: Table, replaced: ReadonlyMap<string, Float64Array>): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const field of source.schema.fields) {
    const values = replaced.get(field.name);
    vectors[field.name] = values
      ? makeVector({ type: new Float64(), data: values, nullCount: 0 })
      : source.getChild(field.name)!;
  }
  return tableToIPC(new Table(vectors), 'file');
}
