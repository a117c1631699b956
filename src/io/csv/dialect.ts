/**
 * How a CSV file is written: its encoding, delimiter, quote, decimal mark, preamble, header, comment
 * lines, trailing delimiter and missing tokens. One table of delimiters and one of encodings; the
 * sniffer (sniffer.ts) finds a Dialect, the reader (record-source.ts) and the writer follow it.
 */
import { fillMessage, type AdviceLanguage } from '../../engine/advise/messages';
import { READING_WORDS, type ReadingWordKey } from './reading-words';

/** The delimiters the sniffer tries, with their names; `' '` stands for runs of spaces and tabs. */
export const DELIMITER_NAMES = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
  ' ': 'whitespace',
} as const;
export type Delimiter = keyof typeof DELIMITER_NAMES;
export const DELIMITERS = Object.keys(DELIMITER_NAMES) as Delimiter[];

/** The encodings read (and written back): UTF-8, UTF-16 with a byte-order mark, and Excel's Windows-1252. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const QUOTES = ['"', "'"] as const;
export type Quote = (typeof QUOTES)[number];

export const DECIMALS = ['.', ','] as const;
export type Decimal = (typeof DECIMALS)[number];

export const LINE_ENDINGS = ['\n', '\r\n', '\r'] as const;
export type LineEnding = (typeof LINE_ENDINGS)[number];

export interface Dialect {
  encoding: Encoding;
  /** The file starts with a byte-order mark (written back the same way). */
  bom: boolean;
  delimiter: Delimiter;
  quote: Quote;
  decimal: Decimal;
  /** Digit-group separator removed from numbers (only when asked for: `--thousands ,`). */
  thousands: string | null;
  /** Physical lines before the header (or the first data row) that are not read. */
  skipLines: number;
  header: boolean;
  /** Lines starting with this are not read (NumPy's savetxt and plotting tools write `#` lines). */
  comment: '#' | null;
  /** Every line ends with a delimiter, which ends no field (no phantom empty column). */
  trailingDelimiter: boolean;
  /** Missing-value tokens beyond pandas' defaults. */
  naValues: readonly string[];
  lineEnding: LineEnding;
}

export const DEFAULT_DIALECT: Dialect = {
  encoding: 'utf-8',
  bom: false,
  delimiter: ',',
  quote: '"',
  decimal: '.',
  thousands: null,
  skipLines: 0,
  header: true,
  comment: null,
  trailingDelimiter: false,
  naValues: [],
  lineEnding: '\n',
};

/** What the user fixed (CLI flags, the panel's "Read as" controls, a params file); the sniffer finds the rest. */
export type DialectOverrides = Partial<Dialect>;

/** A reading the sniffer also considered, with its score (1 = every row and column consistent). */
export interface ReadAlternative {
  delimiter: Delimiter;
  decimal: Decimal;
  header: boolean;
  skipLines: number;
  score: number;
}

/** What was chosen and how sure: shown by `inspect --json`, the `read as:` line and the panel. */
export interface ReadReport {
  encoding: Encoding;
  delimiter: Delimiter;
  decimal: Decimal;
  /** 1-based lines skipped as preamble (blank lines not listed). */
  skippedLines: number[];
  /** 1-based line of the header, or null without one. */
  headerLine: number | null;
  /**
   * In [0, 1]: how consistent the chosen reading is (field counts, header, preamble), its types term
   * left out. Alternatives carry their full scores.
   */
  confidence: number;
  /** The next-best different readings, best first. */
  alternatives: ReadAlternative[];
  /** An alternative scores within CLOSE_SCORE of the choice: say so, name both. */
  close: boolean;
  /** What the reading may have got wrong and the flags that fix it (digit-grouped numbers read as text). */
  digitGroups: DigitGroupHint[];
}

/** A column of numbers written with digit groups, read as text: its 1-based index, the group separator and the flags that read it as numbers. */
export interface DigitGroupHint {
  column: number;
  separator: string;
  flags: string;
}

/** The report's hints in `language` (English when not given), one sentence each. */
export function readingHints(report: ReadReport, language: AdviceLanguage = 'en'): string[] {
  return report.digitGroups.map(({ column, separator, flags }) =>
    fillMessage(READING_WORDS[language].digitGroups, { column: String(column), separator, flags }),
  );
}

/** A reading scoring at least this share of the best one's is named as close. */
export const CLOSE_SCORE = 0.9;

/**
 * "`;`-delimited, decimal comma, 1 preamble line skipped": the user-facing summary of a reading, in
 * `language` (English when not given).
 */
export function describeReading(
  dialect: Dialect,
  report: ReadReport,
  language: AdviceLanguage = 'en',
): string {
  const words = READING_WORDS[language];
  const say = (key: ReadingWordKey, values: Readonly<Record<string, string>> = {}) =>
    fillMessage(words[key], values);
  const parts = [
    dialect.delimiter === ' '
      ? say('whitespaceDelimited')
      : say('delimited', { delimiter: printable(dialect.delimiter) }),
  ];
  if (dialect.encoding !== 'utf-8') parts.push(dialect.encoding);
  if (dialect.decimal === ',') parts.push(say('decimalComma'));
  if (dialect.thousands) parts.push(say('thousands', { mark: dialect.thousands }));
  if (dialect.quote === "'") parts.push(say('singleQuotes'));
  parts.push(
    report.headerLine === null ? say('noHeader') : say('headerOnLine', { line: String(report.headerLine) }),
  );
  const skipped = report.skippedLines.length;
  if (skipped > 0)
    parts.push(skipped === 1 ? say('preambleLine') : say('preambleLines', { count: String(skipped) }));
  if (dialect.comment) parts.push(say('commentLines', { comment: dialect.comment }));
  if (dialect.trailingDelimiter) parts.push(say('trailingDelimiter'));
  return parts.join(words.separator);
}

/** The flags that choose an alternative reading instead (e.g. `--delimiter ';' --no-header`). */
export function alternativeFlags(chosen: Dialect, alternative: ReadAlternative): string {
  const flags: string[] = [];
  if (alternative.delimiter !== chosen.delimiter)
    flags.push(
      `--delimiter ${alternative.delimiter === ' ' ? 'whitespace' : quoteArg(alternative.delimiter)}`,
    );
  if (alternative.decimal !== chosen.decimal) flags.push(`--decimal ${quoteArg(alternative.decimal)}`);
  if (alternative.skipLines !== chosen.skipLines) flags.push(`--skip-rows ${alternative.skipLines}`);
  if (alternative.header !== chosen.header) flags.push(alternative.header ? '--header' : '--no-header');
  return flags.join(' ');
}

function printable(delimiter: Delimiter): string {
  return delimiter === '\t' ? '\\t' : delimiter;
}

function quoteArg(text: string): string {
  return text === '\t' ? 'tab' : `'${text}'`;
}
