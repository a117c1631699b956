/**
 * Turns tokenized records into a table: column names (from the header, or 0..n-1 as pandas), per-column
 * kinds (numeric when every non-missing field is a number), missing counts and, for numeric columns, the
 * values as a Float64Array (NaN = missing). Rows whose field count differs from the first row's are errors.
 */
import { InputError } from '../errors';
import type { Dialect, ReadReport } from './dialect';
import type { RecordView, ViewSinks } from './tokenizer';
import { numberReader, type NumberReader } from './values';
import type { ValueSink } from '../../engine/stats/passes';

export type ColumnKind = 'numeric' | 'text';

export interface CsvColumn {
  name: string;
  kind: ColumnKind;
  /** Non-missing fields. */
  count: number;
  missing: number;
  /** Numeric columns: one value per row (NaN = missing). Text columns: empty. */
  values: Float64Array;
}

export interface CsvTable {
  dialect: Dialect;
  /** How the file was read and how sure the sniffer was (absent for tables not sniffed from a file). */
  report?: ReadReport;
  /** Rows skipped under `--on-bad-rows skip`. */
  badRows?: BadRows;
  columns: CsvColumn[];
  rowCount: number;
  /** The first rows as parsed strings (as many as asked for). */
  firstRows: string[][];
}

/** A column's values as they stream by: collected (the table), or fed to one pass of a statistic. */
class ColumnReader {
  count = 0;
  missing = 0;

  /** `numeric` false: a column known to be text (from an earlier pass) is only counted. */
  constructor(
    readonly sink: ValueSink,
    private readonly numbers: NumberReader,
    public numeric = true,
  ) {}

  add(text: string): void {
    const missing = this.numbers.isMissing(text);
    if (missing) this.missing++;
    else this.count++;
    if (!this.numeric) return;
    const value = missing ? NaN : this.numbers.parse(text);
    if (value === undefined) this.numeric = false;
    else this.sink.add(value);
  }

  /** A field already read as a plain decimal from its bytes (never missing). */
  addNumber(value: number): void {
    this.count++;
    if (this.numeric) this.sink.add(value);
  }
}

/** Every value of a column, in a growing Float64Array (the table's sink, and a chunk's). */
export class GrowingValues implements ValueSink {
  values: Float64Array;
  length = 0;

  /** Sized for the expected rows up front: growing by copies touches (and page-faults) twice the memory. */
  constructor(expected: number) {
    this.values = new Float64Array(Math.max(1024, Math.min(expected, 1 << 27)));
  }

  add(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** pandas' names for header cells: empty → 'Unnamed: j', repeats → 'name.1', 'name.2'. */
export function uniqueColumnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, j) => {
    const name = raw === '' ? `Unnamed: ${j}` : raw;
    const times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    return times === 0 ? name : `${name}.${times}`;
  });
}

/** A record whose field count differs from the header's: where it is and what it held. */
export interface BadRow {
  line: number;
  fields: string[];
}

/** Rows skipped (`--on-bad-rows skip`): how many, and the first ones kept for the report and rejects file. */
export class BadRows {
  count = 0;
  readonly first: BadRow[] = [];
  constructor(private readonly onRow?: (row: BadRow) => void) {}

  add(row: BadRow): void {
    this.count++;
    if (this.first.length < 10) this.first.push(row);
    this.onRow?.(row);
  }
}

/**
 * Reads records into columns: names from the header, ragged rows refused, each field counted as
 * missing or not and, while its column is numeric, handed as a number to the column's sink.
 */
export class CsvColumnsReader<Sink extends ValueSink = ValueSink> {
  protected names: string[] | null = null;
  protected columns: ColumnReader[] = [];
  protected sinks: Sink[] = [];
  protected rowCount = 0;
  protected readonly firstRows: string[][] = [];
  protected readonly numbers: NumberReader;

  /**
   * `textColumns`: columns an earlier pass found to be text (not parsed again). `badRows`: ragged rows
   * are skipped into it rather than refused.
   */
  constructor(
    protected readonly dialect: Dialect,
    protected readonly options: {
      file?: string;
      keepRows?: number;
      textColumns?: readonly number[];
      badRows?: BadRows;
    },
    private readonly sinkFor: (column: number) => Sink,
  ) {
    this.numbers = numberReader(dialect);
    this.tokenizerSinks = this.numbers.plainDecimals
      ? { view: this.acceptView, numbers: this.acceptNumbers }
      : { view: this.acceptView };
  }

  /** The RecordSink to hand to a CsvTokenizer. */
  readonly accept = (fields: string[], line: number): void => {
    if (this.names === null) {
      this.names = this.dialect.header ? uniqueColumnNames(fields) : fields.map((_, j) => String(j));
      this.sinks = fields.map((_, j) => this.sinkFor(j));
      this.columns = this.sinks.map(
        (sink, j) => new ColumnReader(sink, this.numbers, !this.options.textColumns?.includes(j)),
      );
      if (this.dialect.header) return;
    }
    if (fields.length !== this.columns.length) {
      if (this.options.badRows) {
        this.options.badRows.add({ line, fields });
        return;
      }
      const delimiterWidth = 1;
      const column =
        fields
          .slice(0, Math.min(fields.length, this.columns.length))
          .reduce((sum, f) => sum + f.length + delimiterWidth, 0) +
        (fields.length > this.columns.length ? 1 : 0);
      throw new InputError(
        `row has ${fields.length} fields, expected ${this.columns.length} (as ${this.dialect.header ? 'the header' : 'the first row'}); --on-bad-rows skip reads on without it`,
        this.options.file,
        line,
        Math.max(1, column),
      );
    }
    for (let j = 0; j < fields.length; j++) this.columns[j].add(fields[j]);
    if (this.firstRows.length < (this.options.keepRows ?? 0)) this.firstRows.push(fields);
    this.rowCount++;
  };

  /**
   * The fastest sink (`builder.tokenizerSinks`): a record of plain decimals, parsed by
   * the tokenizer. Refused while the header or kept rows are pending, or when the field count differs
   * (the view path then reads it, and reports a ragged row).
   */
  readonly acceptNumbers = (values: Float64Array, count: number): boolean => {
    const columns = this.columns;
    if (
      this.names === null ||
      count !== columns.length ||
      this.firstRows.length < (this.options.keepRows ?? 0)
    )
      return false;
    for (let j = 0; j < count; j++) columns[j].addNumber(values[j]);
    this.rowCount++;
    return true;
  };

  /**
   * The fast sink (`{ view: builder.acceptView }`): plain decimals go from bytes to numbers without a
   * string; any other field (missing tokens, inf, text, quoted, >15 digits) takes the string path.
   */
  readonly acceptView = (record: RecordView): void => {
    const columns = this.columns;
    if (
      this.names === null ||
      record.length !== columns.length ||
      this.firstRows.length < (this.options.keepRows ?? 0)
    ) {
      this.accept(record.strings(), record.line);
      return;
    }
    const decimalByte = this.numbers.decimalByte;
    for (let j = 0; j < columns.length; j++) {
      const value = decimalByte !== null && columns[j].numeric ? record.number(j, decimalByte) : undefined;
      if (value !== undefined) columns[j].addNumber(value);
      else columns[j].add(record.text(j));
    }
    this.rowCount++;
  };

  /** The sinks for a CsvTokenizer: numbers parsed inline where a record (and the dialect) allows, else byte views. */
  readonly tokenizerSinks: ViewSinks;

  /** Column names, kinds and counts so far (after the whole file: the file's). */
  summary(): {
    names: string[];
    rowCount: number;
    columns: { numeric: boolean; count: number; missing: number }[];
  } {
    if (this.names === null) throw new InputError('empty file (no header and no rows)', this.options.file);
    if (this.rowCount > 0) return { names: this.names, rowCount: this.rowCount, columns: this.columns };
    // a header and no rows: no column holds a number (pandas reads them as object columns)
    const columns = this.columns.map(({ count, missing }) => ({ numeric: false, count, missing }));
    return { names: this.names, rowCount: 0, columns };
  }
}

/** The whole table in memory: every numeric column's values. */
export class CsvTableBuilder extends CsvColumnsReader<GrowingValues> {
  /** `expectedRows`: an estimate (from the file size) to allocate each column once. */
  constructor(
    dialect: Dialect,
    options: { file?: string; keepRows?: number; expectedRows?: number; badRows?: BadRows } = {},
  ) {
    super(dialect, options, () => new GrowingValues(options.expectedRows ?? 0));
  }

  finish(report?: ReadReport): CsvTable {
    const { names, rowCount, columns } = this.summary();
    return {
      dialect: this.dialect,
      report,
      badRows: this.options.badRows,
      rowCount,
      firstRows: this.firstRows,
      columns: columns.map((c, j) => ({
        name: names[j],
        kind: c.numeric ? 'numeric' : 'text',
        count: c.count,
        missing: c.missing,
        // a view, not a copy: the spare capacity is at most the estimate's margin or one doubling
        values: c.numeric ? this.sinks[j].values.subarray(0, this.sinks[j].length) : new Float64Array(0),
      })),
    };
  }
}
