/**
 * Turns tokenized records into a table: column names (from the header, or 0..n-1 as pandas), per-column
 * kinds (numeric when every non-missing field is a number), missing counts and, for numeric columns, the
 * values as a Float64Array (NaN = missing). Rows whose field count differs from the first row's are errors.
 */
import { InputError } from '../errors';
import type { Dialect } from './dialect';
import type { RecordView } from './tokenizer';
import { isMissingField, parseNumericField } from './values';

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
  columns: CsvColumn[];
  rowCount: number;
  /** The first rows as parsed strings (as many as asked for). */
  firstRows: string[][];
}

class GrowableColumn {
  values = new Float64Array(1024);
  length = 0;
  numeric = true;
  count = 0;
  missing = 0;

  add(text: string): void {
    const missing = isMissingField(text);
    if (missing) this.missing++;
    else this.count++;
    if (!this.numeric) return;
    const value = missing ? NaN : parseNumericField(text);
    if (value === undefined) {
      this.numeric = false;
      this.values = new Float64Array(0);
      return;
    }
    this.push(value);
  }

  /** A field already read as a plain decimal from its bytes (never missing). */
  addNumber(value: number): void {
    this.count++;
    if (this.numeric) this.push(value);
  }

  private push(value: number): void {
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

export class CsvTableBuilder {
  private names: string[] | null = null;
  private columns: GrowableColumn[] = [];
  private rowCount = 0;
  private readonly firstRows: string[][] = [];

  constructor(
    private readonly dialect: Dialect,
    private readonly options: { file?: string; keepRows?: number } = {},
  ) {}

  /** The RecordSink to hand to a CsvTokenizer. */
  readonly accept = (fields: string[], line: number): void => {
    if (this.names === null) {
      this.names = this.dialect.header ? uniqueColumnNames(fields) : fields.map((_, j) => String(j));
      this.columns = fields.map(() => new GrowableColumn());
      if (this.dialect.header) return;
    }
    if (fields.length !== this.columns.length) {
      const delimiterWidth = 1;
      const column =
        fields
          .slice(0, Math.min(fields.length, this.columns.length))
          .reduce((sum, f) => sum + f.length + delimiterWidth, 0) +
        (fields.length > this.columns.length ? 1 : 0);
      throw new InputError(
        `row has ${fields.length} fields, expected ${this.columns.length} (as ${this.dialect.header ? 'the header' : 'the first row'})`,
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
    for (let j = 0; j < columns.length; j++) {
      const value = columns[j].numeric ? record.number(j) : undefined;
      if (value !== undefined) columns[j].addNumber(value);
      else columns[j].add(record.text(j));
    }
    this.rowCount++;
  };

  finish(): CsvTable {
    if (this.names === null) throw new InputError('empty file (no header and no rows)', this.options.file);
    const names = this.names;
    return {
      dialect: this.dialect,
      rowCount: this.rowCount,
      firstRows: this.firstRows,
      columns: this.columns.map((c, j) => ({
        name: names[j],
        kind: c.numeric ? 'numeric' : 'text',
        count: c.count,
        missing: c.missing,
        values: c.numeric ? c.values.slice(0, c.length) : new Float64Array(0),
      })),
    };
  }
}
