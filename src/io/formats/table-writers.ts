/**
 * Tables written in any tabular format from their columns alone (a conversion: `--out` names another
 * format than the input's). Numbers print so they read back bit for bit; text stays text.
 */
import {
  Field,
  Float64,
  makeData,
  makeVector,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { formatNumber, formatRecord } from '../csv/writer';
import { jsonLinesOf } from './json-lines';

/** One output column: float64 values (NaN = missing) or text (null = missing). */
export interface OutputColumn {
  name: string;
  values: Float64Array | (string | null)[];
}

const cellOf = (column: OutputColumn, row: number): number | string | null => column.values[row];

/** CSV text, header first, a chunk of lines at a time. */
export function* csvOfColumns(columns: readonly OutputColumn[], rowCount: number): Generator<string> {
  yield formatRecord(
    columns.map((c) => c.name),
    ',',
  );
  const lines: string[] = [];
  for (let i = 0; i < rowCount; i++) {
    lines.push(
      formatRecord(
        columns.map((c) => {
          const value = cellOf(c, i);
          return value === null
            ? ''
            : typeof value === 'number'
              ? Number.isNaN(value)
                ? ''
                : formatNumber(value)
              : value;
        }),
        ',',
      ),
    );
    if (lines.length === 4096) yield lines.splice(0).join('');
  }
  if (lines.length > 0) yield lines.join('');
}

export function* jsonLinesOfColumns(columns: readonly OutputColumn[], rowCount: number): Generator<string> {
  yield* jsonLinesOf(
    columns.map((c) => c.name),
    rowCount,
    (i, j) => cellOf(columns[j], i),
  );
}

export function parquetOfColumns(columns: readonly OutputColumn[]): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: columns.map((c) =>
        c.values instanceof Float64Array
          ? {
              name: c.name,
              data: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
              type: 'DOUBLE' as const,
            }
          : { name: c.name, data: c.values, type: 'STRING' as const },
      ),
    }),
  );
}

/** A Float64 column's Arrow data: NaN (missing) as null, in the validity bitmap. */
function float64Data(values: Float64Array) {
  let nullCount = 0;
  const valid = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) nullCount++;
    else valid[i >> 3] |= 1 << (i & 7);
  }
  return makeData({
    type: new Float64(),
    length: values.length,
    data: values,
    nullCount,
    nullBitmap: nullCount > 0 ? valid : undefined,
  });
}

export function arrowOfColumns(columns: readonly OutputColumn[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns)
    vectors[c.name] =
      c.values instanceof Float64Array
        ? makeVector(float64Data(c.values))
        : vectorFromArray(c.values, new Utf8());
  return tableToIPC(new Table(vectors), 'file');
}

/**
 * An Arrow IPC file written a record batch at a time to `sink` (memory: one batch): numeric columns
 * Float64, text columns Utf8 (missing as null), every field nullable, so each batch has the one schema.
 */
export class ArrowBatchWriter {
  private readonly writer = new RecordBatchFileWriter();
  private readonly schema: Schema;
  private readonly drained: Promise<void>;

  constructor(
    columns: readonly { name: string; numeric: boolean }[],
    sink: (bytes: Uint8Array) => Promise<void>,
  ) {
    this.schema = new Schema(
      columns.map((c) => new Field(c.name, c.numeric ? new Float64() : new Utf8(), true)),
    );
    this.drained = (async () => {
      for await (const bytes of this.writer as AsyncIterable<Uint8Array>) await sink(bytes);
    })();
    // a failing sink ends the output; write and finish report it
    this.drained.catch(() => undefined);
  }

  /** One record batch: each column's values (float64, NaN = missing; or text, null = missing). */
  write(columns: readonly OutputColumn[], rows: number): void {
    const children = columns.map((c) => {
      if (c.values instanceof Float64Array) return float64Data(c.values.subarray(0, rows));
      return vectorFromArray(c.values, new Utf8()).data[0];
    });
    const data = makeData({ type: new Struct(this.schema.fields), length: rows, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
  }

  async finish(): Promise<void> {
    this.writer.finish();
    await this.drained;
  }
}
