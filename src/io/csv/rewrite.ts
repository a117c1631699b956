/**
 * A CSV rewritten with some columns' numbers replaced, streamed from any ByteSource into any OutputSink:
 * header, dialect and other fields pass through as written; numbers print so they read back bit for bit.
 */
import type { ByteSource, OutputSink } from '../byte-source';
import { matrix, type Matrix } from '../../engine/scale/matrix';
import { streamCsvSource } from './csv-source';
import type { Dialect } from './dialect';
import { GrowingValues } from './table';
import type { RecordView } from './tokenizer';
import { bomBytes, encodeText } from './encoding';
import { numberReader } from './values';
import { formatNumberWith, formatNumericLines, formatRecord } from './writer';

/** A batch of all-numeric records to print as CSV lines (formatNumericLines' arguments). */
export interface FormatRequest {
  data: Float64Array;
  rows: number;
  cols: number;
  slots: Int32Array;
  delimiter: string;
  /** The output's decimal mark and line ending ('.' and '\n' when absent). */
  decimal?: string;
  lineEnding?: string;
}

/** Prints batches of numeric lines (on the Node host, split across two cores: ../node/line-formatter.ts). */
export interface LinePrinter {
  format(request: FormatRequest): Promise<(string | Uint8Array)[]>;
  close(): Promise<void>;
}

/** Prints every batch on this thread (the browser, and anywhere without a worker). */
export const inlinePrinter: LinePrinter = {
  format: ({ data, rows, cols, slots, delimiter, decimal, lineEnding }) =>
    Promise.resolve([formatNumericLines(data, rows, cols, slots, delimiter, decimal, lineEnding)]),
  close: () => Promise.resolve(),
};

/**
 * Streams `source` into `output` (then commits it; aborts it on any error), replacing the fields of
 * `columns` chunk by chunk with `values(firstRow, input)` — `input` holds those fields' numbers (NaN
 * where missing), and the result one column per entry of `columns` — printed so they read back bit for
 * bit. Header, dialect (delimiter, decimal mark, quote, line ending, encoding) and other fields pass
 * through as written; preamble and comment lines are not copied. Records of plain decimals whose every
 * field is replaced never become strings: their numbers come from the tokenizer's inline path.
 * `skipBadRows`: rows whose field count differs from the header's were skipped when the file was read
 * (`--on-bad-rows skip`), so they are left out here too.
 */
export async function rewriteCsvSource(
  source: ByteSource,
  dialect: Dialect,
  columns: readonly number[],
  output: OutputSink,
  values: (firstRow: number, input: Matrix) => Matrix,
  options: { signal?: AbortSignal; printer?: LinePrinter; skipBadRows?: boolean } = {},
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
  const printer = options.printer ?? inlinePrinter;
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
        printed = await printer.format({
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
    await streamCsvSource(source, dialect, plain ? { view, numbers } : { view }, flush, () =>
      options.signal?.throwIfAborted(),
    );
    await flush();
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    await printer.close();
  }
}
