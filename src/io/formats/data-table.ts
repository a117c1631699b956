/**
 * The in-memory table every non-CSV tabular reader produces: named columns in the file's order, each
 * numeric (float64 values, NaN = missing) or text (each row's text, null = missing), with counts, and the
 * notes a reader makes about what it converted or skipped (nested columns, dates as text).
 */
import { GrowingValues } from '../csv/table';
import { InputError } from '../errors';
import type { AdviceLanguage } from '../../engine/advise/messages';

export interface DataColumn {
  name: string;
  kind: 'numeric' | 'text';
  /** Non-missing values. */
  count: number;
  missing: number;
  /** Numeric columns: one value per row (NaN = missing). Text columns: empty. */
  values: Float64Array;
  /** Text columns: each row's text (null = missing). Numeric columns: null. */
  texts: (string | null)[] | null;
}

export interface DataTable {
  columns: DataColumn[];
  rowCount: number;
  /** What the reader converted or left out, one sentence each (shown to the user). */
  notes: string[];
}

/** How a reader turns cell values into numbers or text. */
export interface CellOptions {
  /** Booleans as 0/1 (numeric) instead of 'true'/'false' (text). */
  booleansAsNumbers?: boolean;
  /** The language of the reader's notes (English when not given). */
  language?: AdviceLanguage;
}

/** A cell's text: dates as ISO 8601 (UTC), everything else as JavaScript prints it. */
export function cellText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'NaT' : value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, jsonReplacer);
  return String(value);
}

const jsonReplacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** The number a cell holds, or undefined when it holds text (null/undefined/NaN are NaN = missing). */
export function cellNumber(value: unknown, options: CellOptions): number | undefined {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean' && options.booleansAsNumbers) return value ? 1 : 0;
  return undefined;
}

/**
 * Builds one column from its cells in row order: numeric while every non-missing cell is a number
 * (a bigint, a boolean on request), text from the first cell that is not (the numbers before it
 * become their text).
 */
export class ColumnBuilder {
  private numbers: GrowingValues | null;
  private texts: (string | null)[] | null = null;
  count = 0;
  missing = 0;

  constructor(
    readonly name: string,
    private readonly options: CellOptions = {},
    expectedRows = 0,
    /** Rows before this column first appeared (ragged JSON Lines): missing. */
    missingBefore = 0,
  ) {
    this.numbers = new GrowingValues(Math.max(expectedRows, missingBefore));
    for (let i = 0; i < missingBefore; i++) this.addMissing();
  }

  get length(): number {
    return this.texts ? this.texts.length : this.numbers!.length;
  }

  addMissing(): void {
    this.missing++;
    if (this.texts) this.texts.push(null);
    else this.numbers!.add(NaN);
  }

  add(value: unknown): void {
    const number = this.texts ? undefined : cellNumber(value, this.options);
    if (number !== undefined) {
      if (Number.isNaN(number)) this.missing++;
      else this.count++;
      this.numbers!.add(number);
      return;
    }
    if (value === null || value === undefined) return this.addMissing();
    if (!this.texts) this.becomeText();
    this.count++;
    this.texts!.push(cellText(value));
  }

  private becomeText(): void {
    const numbers = this.numbers!;
    this.texts = Array.from(numbers.values.subarray(0, numbers.length), (v) =>
      Number.isNaN(v) ? null : String(v),
    );
    this.numbers = null;
  }

  finish(): DataColumn {
    const { name, count, missing } = this;
    if (this.texts)
      return { name, kind: 'text', count, missing, values: new Float64Array(0), texts: this.texts };
    const numbers = this.numbers!;
    return {
      name,
      kind: 'numeric',
      count,
      missing,
      values: numbers.values.subarray(0, numbers.length),
      texts: null,
    };
  }
}

/** Refuses a table without columns (an empty file or one of nested columns only). */
export function checkHasColumns(table: DataTable, file?: string): DataTable {
  if (table.columns.length === 0) {
    const why = table.notes.length > 0 ? ` (${table.notes.join('; ')})` : '';
    throw new InputError(`has no columns to read${why}`, file);
  }
  return table;
}
