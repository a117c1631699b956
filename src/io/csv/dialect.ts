/**
 * Dialect detection from a prefix of the file: which delimiter among , ; tab | splits the lines into a
 * consistent number (>1) of fields, and whether the first row is a header. The header rule: the first row
 * is a header unless one of its fields is a number (data rows are numbers or text; a header row is names).
 */
import { InputError } from '../errors';
import { CsvTokenizer } from './tokenizer';
import { parseNumericField } from './values';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
  delimiter: Delimiter;
  header: boolean;
}

/** Records of a prefix for one delimiter; a prefix cut mid-record drops its last, partial record. */
function prefixRecords(prefix: Uint8Array, delimiter: string, complete: boolean): string[][] | null {
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), (fields) => records.push(fields));
  try {
    tokenizer.push(prefix);
    if (complete) tokenizer.end();
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  return records;
}

/** The most common field count and how many records have it. */
function modalWidth(records: string[][]): { width: number; agreeing: number } {
  const counts = new Map<number, number>();
  for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  let best = { width: 1, agreeing: 0 };
  for (const [width, agreeing] of counts)
    if (agreeing > best.agreeing || (agreeing === best.agreeing && width > best.width))
      best = { width, agreeing };
  return best;
}

/**
 * Detects the dialect from the first bytes of a file. `complete` says the prefix is the whole file.
 * `preferred` (e.g. tab for .tsv) wins ties.
 */
export function sniffDialect(prefix: Uint8Array, complete: boolean, preferred: Delimiter = ','): Dialect {
  let best: { delimiter: Delimiter; score: number; records: string[][] } | null = null;
  const candidates = [preferred, ...DELIMITERS.filter((d) => d !== preferred)];
  for (const delimiter of candidates) {
    const records = prefixRecords(prefix, delimiter, complete);
    if (!records || records.length === 0) continue;
    const { width, agreeing } = modalWidth(records);
    if (width < 2) continue;
    const score = agreeing / records.length + (width > 1 ? 1 : 0);
    if (!best || score > best.score) best = { delimiter, score, records };
  }
  const delimiter = best?.delimiter ?? preferred;
  const records = best?.records ?? prefixRecords(prefix, delimiter, complete) ?? [];
  const first = records[0] ?? [];
  const header = !first.some((field) => field.trim() !== '' && isNumber(field));
  return { delimiter, header };
}

function isNumber(field: string): boolean {
  const value = parseNumericField(field);
  return value !== undefined && !Number.isNaN(value);
}
