/**
 * The dialect sniffer: every candidate reading of a file's first bytes is scored, as CleverCSV and
 * DuckDB's sniffer do, and the best one wins; readings that score close are reported, never dropped.
 *
 * A candidate is a delimiter (`,` `;` tab `|` or runs of whitespace), a quote, comment lines on or off,
 * a trailing delimiter on or off, then the number of preamble records `s` and whether record `s` is a
 * header. Its score, in [0, 1], multiplies:
 * - consistency: the share of data rows with the body's field count (the first row read must have it);
 * - types: 0.5 + 0.5 × the share of columns whose every cell is a number or missing (decimal mark
 *   chosen per candidate: a comma when `digits,digits` cells outnumber `digits.digits` ones), less two
 *   columns for each decimal comma a comma delimiter cuts in two (`14,23;x` read as `14` and `23;x`);
 * - header quality, with a header: the share of its non-empty cells that are not numbers;
 * - one column: × 0.5; whitespace with no numeric column: × 0.5; a preamble: × 0.85, and × 0.998 for
 *   each of its records;
 *   no header over text-only columns whose first row is all text: × 0.85.
 * Ties go to the earlier candidate: the preferred delimiter, `"`, comments on, trailing delimiter on, a
 * header.
 */
import { InputError } from '../errors';
import {
  CLOSE_SCORE,
  DEFAULT_DIALECT,
  DELIMITERS,
  type Decimal,
  type Delimiter,
  type Dialect,
  type DigitGroupHint,
  type DialectOverrides,
  type LineEnding,
  type Quote,
  type ReadAlternative,
  type ReadReport,
} from './dialect';
import { detectEncoding, Utf8Transcoder } from './encoding';
import { readRecords } from './record-source';
import { isMissingField, parseNumericField } from './values';

/** Bytes of the prefix the candidates are tokenized on, and records scored. */
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_RECORDS = 1000;
/** Preamble records tried (sklearn's metadata line, an instrument's export header). */
const MAX_PREAMBLE = 24;
/** Records the preamble/header search scores (the body's types come from all sampled records). */
const SEARCH_RECORDS = 400;

/** What a cell holds, as the sniffer types it (kept in a Uint8Array per record). */
const Cell = { Missing: 0, Integer: 1, DotDecimal: 2, CommaDecimal: 3, Text: 4 } as const;
type Cell = (typeof Cell)[keyof typeof Cell];

const INTEGER = /^[+-]?\d+$/;
const COMMA_DECIMAL = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;

interface Sample {
  fields: string[];
  line: number;
  cells: Uint8Array;
}

interface Reading extends ReadAlternative {
  quote: Quote;
  comment: '#' | null;
  trailingDelimiter: boolean;
  /** The score without the types term: text columns in the right reading are no doubt about it. */
  confidence: number;
  headerLine: number | null;
  skippedLines: number[];
  /** The first data rows as read and their count: readings giving the same data are one. */
  fingerprint: string;
  /** The sampled data rows, for the hints about the reading chosen. */
  data: Sample[];
}

export interface Sniffed {
  dialect: Dialect;
  report: ReadReport;
}

function cellKind(text: string, overrides: DialectOverrides): Cell {
  if (isMissingField(text) || overrides.naValues?.includes(text.trim())) return Cell.Missing;
  let trimmed = text.trim();
  if (trimmed === '') return Cell.Missing;
  if (overrides.thousands) trimmed = trimmed.replaceAll(overrides.thousands, '');
  if (INTEGER.test(trimmed)) return Cell.Integer;
  if (COMMA_DECIMAL.test(trimmed)) return Cell.CommaDecimal;
  return parseNumericField(trimmed) !== undefined ? Cell.DotDecimal : Cell.Text;
}

function lineEndingOf(bytes: Uint8Array): LineEnding {
  const lf = bytes.indexOf(0x0a);
  const cr = bytes.indexOf(0x0d);
  if (cr >= 0 && (lf < 0 || cr < lf)) return lf === cr + 1 ? '\r\n' : '\r';
  return '\n';
}

/** `#` lines as NumPy's savetxt and plotting tools write them (`# a b`, `##`, a lone `#`): not `#FF0000`. */
function hasCommentLines(text: string): boolean {
  return /(?:^|[\r\n])#(?:[ #\t\r\n]|$)/.test(text);
}

function modalWidth(samples: readonly Sample[]): number {
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s.fields.length, (counts.get(s.fields.length) ?? 0) + 1);
  let best = 1;
  let agreeing = 0;
  for (const [width, count] of counts)
    if (count > agreeing || (count === agreeing && width > best)) [best, agreeing] = [width, count];
  return best;
}

/** The best (preamble, header) readings of one tokenization. */
function scoreCandidate(
  samples: Sample[],
  delimiter: Delimiter,
  overrides: DialectOverrides,
  base: Omit<
    Reading,
    keyof ReadAlternative | 'confidence' | 'headerLine' | 'skippedLines' | 'fingerprint' | 'data'
  >,
): Reading[] {
  const n = samples.length;
  if (n === 0) return [];
  const body = samples.slice(Math.min(n - 1, Math.floor(n / 4)));
  const width = modalWidth(body);
  let commas = 0;
  let dots = 0;
  for (const s of body)
    for (const cell of s.cells) {
      if (cell === Cell.CommaDecimal) commas++;
      else if (cell === Cell.DotDecimal) dots++;
    }
  const decimal: Decimal = overrides.decimal ?? (delimiter !== ',' && commas > dots ? ',' : '.');
  const isNumber = (cell: number) =>
    cell === Cell.Integer || cell === (decimal === '.' ? Cell.DotDecimal : Cell.CommaDecimal);
  // The body's numeric columns: a record that fits them is data, so no preamble reaches past it.
  const bodyNumeric = Array.from({ length: width }, (_, j) =>
    body.every((r) => r.fields.length !== width || r.cells[j] === Cell.Missing || isNumber(r.cells[j])),
  );
  const missingIn = (r: Sample) => r.cells.reduce((sum, c) => sum + (c === Cell.Missing ? 1 : 0), 0);
  // (emptier than every body row: a metadata line such as `506,13,,,,` is not data either)
  const bodyMissing = body.reduce(
    (most, r) => (r.fields.length === width ? Math.max(most, missingIn(r)) : most),
    0,
  );
  const fitsBody = (r: Sample) =>
    r.fields.length === width &&
    missingIn(r) <= bodyMissing &&
    bodyNumeric.every((numeric, j) => !numeric || r.cells[j] === Cell.Missing || isNumber(r.cells[j]));
  const readings: Reading[] = [];
  const searched = samples.slice(0, SEARCH_RECORDS);
  const maxPreamble = overrides.skipLines !== undefined ? 0 : Math.min(MAX_PREAMBLE, searched.length - 1);
  const headers = overrides.header !== undefined ? [overrides.header] : [true, false];
  for (let s = 0; s <= maxPreamble; s++) {
    const first = searched[s];
    if (s > 0 && fitsBody(searched[s - 1])) break;
    if (first.fields.length !== width) continue;
    for (const header of headers) {
      const start = s + (header ? 1 : 0);
      const data = samples.slice(start);
      let consistent = 0;
      const numeric = new Uint8Array(width).fill(1);
      const seen = new Uint8Array(width);
      for (const row of data) {
        if (row.fields.length !== width) continue;
        consistent++;
        for (let j = 0; j < width; j++) {
          const cell = row.cells[j];
          if (cell === Cell.Missing) continue;
          seen[j] = 1;
          if (!isNumber(cell)) numeric[j] = 0;
        }
      }
      const numericColumns = numeric.reduce((sum, v, j) => sum + (v && seen[j] ? 1 : 0), 0);
      const split = delimiter === ',' ? splitDecimals(data, width, numeric) : 0;
      const typedColumns = Math.max(0, numeric.reduce((sum, v) => sum + v, 0) - 2 * split);
      const typeTerm = 0.5 + (0.5 * typedColumns) / width;
      const emptyScore = header ? 0.5 : 0;
      let score = data.length === 0 ? emptyScore : (consistent / data.length) * typeTerm;
      if (header) {
        const named = first.cells.filter((c) => c !== Cell.Missing);
        const texts = named.filter((c) => c === Cell.Text).length;
        score *= named.length === 0 ? 0 : texts / named.length;
      }
      // Text only: a first row of names could be data, but pandas (and people) take it as the header.
      if (!header && numericColumns === 0 && first.cells.every((c) => c === Cell.Text)) score *= 0.85;
      if (width < 2) score *= 0.5;
      if (delimiter === ' ' && numericColumns === 0) score *= 0.5;
      // Skipping a preamble is one decision (× 0.85), whatever its length (× 0.998 a record).
      if (s > 0) score *= 0.85 * 0.998 ** s;
      const skipLines = overrides.skipLines ?? first.line - 1;
      readings.push({
        ...base,
        delimiter,
        decimal,
        header,
        skipLines,
        score,
        confidence: data.length === 0 ? score : score / typeTerm,
        headerLine: header ? first.line : null,
        skippedLines: samples.slice(0, s).map((r) => r.line),
        fingerprint: JSON.stringify([data.slice(0, 5).map((r) => r.fields), data.length]),
        data,
      });
    }
  }
  return readings;
}

const SPLIT_FRACTION = /^\d+(?:[\t;|]| +\S)/;

/**
 * Columns that look like the fraction of a decimal comma cut off by a comma delimiter: a numeric column
 * followed by one whose cells start with digits and then another delimiter (`14,23;x` read as `14` and
 * `23;x`). Each undoes its numeric neighbour and counts against the reading.
 */
function splitDecimals(data: readonly Sample[], width: number, numeric: Uint8Array): number {
  let split = 0;
  for (let j = 1; j < width; j++) {
    if (!numeric[j - 1] || numeric[j]) continue;
    let cells = 0;
    let fractions = 0;
    for (const row of data) {
      if (row.fields.length !== width || row.cells[j] === Cell.Missing) continue;
      cells++;
      if (SPLIT_FRACTION.test(row.fields[j])) fractions++;
    }
    if (cells > 0 && fractions >= 0.9 * cells) split++;
  }
  return split;
}

/** The records of one tokenization of the sample, typed; null when it cannot be tokenized that way. */
function sampleRecords(sample: Uint8Array, complete: boolean, dialect: Dialect) {
  let records: { fields: string[]; line: number }[];
  try {
    records = readRecords(sample, dialect, complete);
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  return records.slice(0, SAMPLE_RECORDS);
}

function withTrailingStripped(
  records: { fields: string[]; line: number }[],
): { fields: string[]; line: number }[] | null {
  const body = records.slice(Math.floor(records.length / 4));
  if (body.length === 0 || !body.every((r) => r.fields.length >= 2 && r.fields[r.fields.length - 1] === ''))
    return null;
  return records.map((r) =>
    r.fields.length >= 2 && r.fields[r.fields.length - 1] === ''
      ? { fields: r.fields.slice(0, -1), line: r.line }
      : r,
  );
}

/**
 * The dialect of a file from its first bytes (`complete`: they are the whole file). `overrides` fix
 * parts of it (the rest is sniffed around them); `preferred` (tab for .tsv) wins ties.
 */
export function sniffDialect(
  prefix: Uint8Array,
  complete: boolean,
  options: { preferred?: Delimiter; overrides?: DialectOverrides } = {},
): Sniffed {
  const overrides = options.overrides ?? {};
  const detected = detectEncoding(prefix, complete);
  const encoding = overrides.encoding ?? detected.encoding;
  const transcoder = new Utf8Transcoder(encoding);
  let utf8 = transcoder.push(prefix.subarray(0, encoding === 'utf-8' ? SAMPLE_BYTES : SAMPLE_BYTES * 2));
  const whole = complete && prefix.length <= (encoding === 'utf-8' ? SAMPLE_BYTES : SAMPLE_BYTES * 2);
  if (whole && !transcoder.passesThrough) {
    const tail = transcoder.end();
    const joined = new Uint8Array(utf8.length + tail.length);
    joined.set(utf8);
    joined.set(tail, utf8.length);
    utf8 = joined;
  }
  const sample = utf8.subarray(0, SAMPLE_BYTES);
  const sampleComplete = whole && utf8.length <= SAMPLE_BYTES;
  const sampleText = new TextDecoder().decode(sample.subarray(0, 64 * 1024));
  const preferred = options.preferred ?? ',';
  // Delimiters absent from the sample all read it as one column: that reading is tried once.
  const present = (d: Delimiter) =>
    d === ' ' ? /[^\r\n] +[^ \r\n]/.test(sampleText) : sampleText.includes(d);
  const ordered = [preferred, ...DELIMITERS.filter((d) => d !== preferred)];
  const absent = ordered.find((d) => !present(d));
  const delimiters = overrides.delimiter
    ? [overrides.delimiter]
    : ordered.filter((d) => present(d) || d === absent);
  const quotes: Quote[] = overrides.quote ? [overrides.quote] : sampleText.includes("'") ? ['"', "'"] : ['"'];
  const comments: ('#' | null)[] =
    overrides.comment !== undefined
      ? [overrides.comment]
      : hasCommentLines(sampleText)
        ? ['#', null]
        : [null];
  const trailings = overrides.trailingDelimiter !== undefined ? [overrides.trailingDelimiter] : [true, false];
  const readings: Reading[] = [];
  for (const delimiter of delimiters)
    for (const quote of quotes)
      for (const comment of comments) {
        const tokenized: Dialect = {
          ...DEFAULT_DIALECT,
          delimiter,
          quote,
          comment,
          skipLines: overrides.skipLines ?? 0,
          trailingDelimiter: false,
        };
        const records = sampleRecords(sample, sampleComplete, tokenized);
        if (!records) continue;
        for (const trailingDelimiter of trailings) {
          if (trailingDelimiter && delimiter === ' ') continue;
          const rows = trailingDelimiter ? withTrailingStripped(records) : records;
          if (!rows) continue;
          const samples = rows.map((r) => ({
            ...r,
            cells: Uint8Array.from(r.fields, (f) => cellKind(f, overrides)),
          }));
          readings.push(
            ...scoreCandidate(samples, delimiter, overrides, { quote, comment, trailingDelimiter }),
          );
        }
      }
  // stable: equal scores keep the candidates' order of preference
  readings.sort((a, b) => b.score - a.score);
  const best = readings[0];
  const base: Dialect = {
    ...DEFAULT_DIALECT,
    encoding,
    bom: detected.bom,
    lineEnding: lineEndingOf(sample),
    delimiter: preferred,
  };
  // Nothing tokenized (every candidate failed): the defaults, and the reader reports where it fails.
  if (!best)
    return { dialect: { ...base, ...overrides }, report: noReading(encoding, { ...base, ...overrides }) };
  const seen = new Set([best.fingerprint]);
  const keys = new Set([readingKey(best)]);
  const alternatives: ReadAlternative[] = [];
  for (const r of readings) {
    if (alternatives.length === 3) break;
    if (seen.has(r.fingerprint) || keys.has(readingKey(r)) || r.score <= 0) continue;
    seen.add(r.fingerprint);
    keys.add(readingKey(r));
    alternatives.push({
      delimiter: r.delimiter,
      decimal: r.decimal,
      header: r.header,
      skipLines: r.skipLines,
      score: round(r.score),
    });
  }
  const dialect: Dialect = {
    ...base,
    delimiter: best.delimiter,
    quote: best.quote,
    decimal: best.decimal,
    header: best.header,
    skipLines: best.skipLines,
    comment: best.comment,
    trailingDelimiter: best.trailingDelimiter,
    ...overrides,
  };
  return {
    dialect,
    report: {
      ...noReading(encoding, dialect),
      skippedLines: best.skippedLines,
      headerLine: best.headerLine,
      confidence: round(best.confidence),
      alternatives,
      close: alternatives.length > 0 && alternatives[0].score >= CLOSE_SCORE * best.score,
      digitGroups: digitGroupHints(best.data, dialect),
    },
  };
}

/** The report of a dialect no reading chose (every part fixed or defaulted). */
function noReading(encoding: Dialect['encoding'], dialect: Dialect): ReadReport {
  return {
    encoding,
    delimiter: dialect.delimiter,
    decimal: dialect.decimal,
    skippedLines: [],
    headerLine: dialect.header ? dialect.skipLines + 1 : null,
    confidence: 0,
    alternatives: [],
    close: false,
    digitGroups: [],
  };
}

/** `1.234.567,89`, `12,345`, `1 234`, `1'234.5`: a number with a separator between digit groups. */
const DIGIT_GROUPS = /^[+-]?\d{1,3}([.,' \u00a0\u202f])\d{3}(?:\1\d{3})*(?:([.,])\d+)?$/;

/**
 * Text columns whose every cell is a number written with digit groups: read as text unless asked
 * (`--thousands`), so the report says which flag reads them as numbers.
 */
function digitGroupHints(rows: readonly Sample[], dialect: Dialect): DigitGroupHint[] {
  if (dialect.thousands || rows.length === 0) return [];
  const width = rows[0].fields.length;
  const hints: DigitGroupHint[] = [];
  for (let j = 0; j < width; j++) {
    let separator: string | undefined;
    let decimalMark: string | undefined;
    let grouped = 0;
    let fits = true;
    let someText = false;
    for (const row of rows) {
      const cell = row.cells[j];
      if (row.fields.length !== width || cell === Cell.Missing) continue;
      someText ||=
        cell !== Cell.Integer && cell !== (dialect.decimal === '.' ? Cell.DotDecimal : Cell.CommaDecimal);
      const match = DIGIT_GROUPS.exec(row.fields[j].trim());
      if (match) {
        fits &&= (separator ?? match[1]) === match[1] && match[2] !== match[1];
        fits &&= match[2] === undefined || (decimalMark ?? match[2]) === match[2];
        separator = match[1];
        decimalMark ??= match[2];
        grouped++;
      } else if (cell !== Cell.Integer) fits = false;
      if (!fits) break;
    }
    if (fits && grouped > 0 && separator !== undefined && someText) {
      const decimal = decimalMark ?? dialect.decimal;
      const flags = `--thousands '${separator}'${decimal !== dialect.decimal ? ` --decimal '${decimal}'` : ''}`;
      hints.push({ column: j + 1, separator, flags });
    }
  }
  return hints;
}

function readingKey(r: ReadAlternative): string {
  return `${r.delimiter}|${r.decimal}|${r.header}|${r.skipLines}`;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
