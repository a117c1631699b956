/**
 * The flags that fix how a CSV file is read, shared by inspect, stats, fit, transform and normalize:
 * whatever is not given is sniffed. Also the `read as:` line, the close-readings note and the bad-row
 * summary, all on stderr.
 */
import type { ParseArgsConfig } from 'node:util';
import {
  alternativeFlags,
  CLOSE_SCORE,
  describeReading,
  readingHints,
  ENCODINGS,
  type Delimiter,
  type Dialect,
  type DialectOverrides,
  type ReadReport,
} from '../io/csv/dialect';
import { BadRows, type BadRow } from '../io/csv/table';
import { formatRecord } from '../io/csv/writer';
import { writeFileAtomic } from '../io/node/atomic-output';
import type { CsvReadOptions } from '../io/node/csv-file';
import { parseChoice, parseInteger } from './args';
import { cliLanguage, say } from './messages';
import { UsageError } from './usage-error';

export const DIALECT_OPTIONS = {
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  'skip-rows': { type: 'string' },
  header: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  'na-values': { type: 'string' },
  encoding: { type: 'string' },
  thousands: { type: 'string' },
  'on-bad-rows': { type: 'string' },
  rejects: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const DIALECT_USAGE =
  "[--delimiter ,|';'|tab|pipe|whitespace] [--decimal .|,] [--skip-rows N] [--header|--no-header] [--na-values a,b] [--encoding utf-8|utf-16le|utf-16be|windows-1252] [--thousands ,] [--on-bad-rows error|skip] [--rejects rejected.csv]";

export type DialectValues = {
  [K in keyof typeof DIALECT_OPTIONS]?: (typeof DIALECT_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/** What `--delimiter` accepts: the characters, and names for the ones a shell makes awkward. */
const DELIMITER_WORDS: Record<string, Delimiter> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
  whitespace: ' ',
  space: ' ',
  ' ': ' ',
};

/** The parts of the dialect the flags fix. */
export function dialectOverrides(values: DialectValues): DialectOverrides {
  const overrides: DialectOverrides = {};
  if (values.delimiter !== undefined) {
    const delimiter = DELIMITER_WORDS[values.delimiter];
    if (delimiter === undefined)
      throw new UsageError('--delimiter', say('delimiterChoice', { text: values.delimiter }));
    overrides.delimiter = delimiter;
  }
  if (values.decimal !== undefined)
    overrides.decimal = parseChoice('--decimal', values.decimal, ['.', ','] as const);
  if (values['skip-rows'] !== undefined)
    overrides.skipLines = parseInteger('--skip-rows', values['skip-rows'], 0);
  if (values.header && values['no-header']) throw new UsageError('--header', say('headerContradiction'));
  if (values.header) overrides.header = true;
  if (values['no-header']) overrides.header = false;
  if (values['na-values'] !== undefined)
    overrides.naValues = values['na-values'].split(',').map((token) => token.trim());
  if (values.encoding !== undefined) {
    const name = values.encoding
      .toLowerCase()
      .replace(/^utf8$/, 'utf-8')
      .replace(/^(cp1252|latin-?1)$/, 'windows-1252');
    overrides.encoding = parseChoice('--encoding', name, ENCODINGS);
  }
  if (values.thousands !== undefined) {
    if (values.thousands.length !== 1 || /[\d\r\n]/.test(values.thousands))
      throw new UsageError('--thousands', say('thousandsCharacter', { text: values.thousands }));
    overrides.thousands = values.thousands;
  }
  if (overrides.thousands && overrides.thousands === (overrides.decimal ?? '.'))
    throw new UsageError('--thousands', say('thousandsIsDecimal', { text: overrides.thousands }));
  return overrides;
}

/** The read options of a command: the dialect flags, and bad rows skipped into a collector with --on-bad-rows skip. */
export function csvReadOptions(
  values: DialectValues,
  fixed: DialectOverrides = {},
): CsvReadOptions & { rejected: BadRow[] } {
  const policy =
    values['on-bad-rows'] === undefined
      ? 'error'
      : parseChoice('--on-bad-rows', values['on-bad-rows'], ['error', 'skip'] as const);
  if (values.rejects !== undefined && policy !== 'skip')
    throw new UsageError('--rejects', say('rejectsNeedSkip'));
  const rejected: BadRow[] = [];
  const given = dialectOverrides(values);
  // a delimiter given here reopens the decimal mark a params file fixed (a ',' file has '.' decimals)
  const { decimal: fixedDecimal, ...rest } = fixed;
  const dialect = { ...(given.delimiter ? rest : { ...rest, decimal: fixedDecimal }), ...given };
  if (dialect.decimal === undefined) delete dialect.decimal;
  if (dialect.delimiter === ',' && dialect.decimal === ',')
    throw new UsageError('--decimal', say('decimalIsDelimiter'));
  return {
    dialect,
    badRows: policy === 'skip' ? new BadRows((row) => rejected.push(row)) : undefined,
    rejected,
  };
}

/**
 * What a read chose, on stderr: the `read as:` line on a terminal; always, the hints (digit-grouped
 * numbers read as text) and a note naming readings that scored close (and the flags that choose them).
 */
function reportReading(file: string, dialect: Dialect, report: ReadReport | undefined): void {
  if (!report) return;
  if (process.stderr.isTTY)
    process.stderr.write(`${say('readAs', { reading: describeReading(dialect, report, cliLanguage()) })}\n`);
  for (const hint of readingHints(report, cliLanguage()))
    process.stderr.write(`normscope: ${say('noteHint', { file, hint })}\n`);
  if (report.close) {
    const others = report.alternatives
      .filter((a) => a.score >= CLOSE_SCORE * report.alternatives[0].score)
      .map((a) => say('readingScore', { flags: alternativeFlags(dialect, a), score: a.score }))
      .join('; ');
    process.stderr.write(
      `normscope: ${say('noteCloseReading', { file, chosen: describeReading(dialect, report, cliLanguage()), others })}\n`,
    );
  }
}

/** After a read with --on-bad-rows skip: how many rows were skipped and where, and the rejects file. */
async function reportBadRows(
  file: string,
  dialect: Dialect,
  names: readonly string[],
  badRows: BadRows | undefined,
  rejected: readonly BadRow[],
  rejects: string | undefined,
  force: boolean | undefined,
): Promise<void> {
  if (!badRows) return;
  if (rejects !== undefined) {
    const delimiter = dialect.delimiter;
    const text =
      formatRecord(['line', ...names], delimiter) +
      rejected.map((row) => formatRecord([String(row.line), ...row.fields], delimiter)).join('');
    await writeFileAtomic(rejects, text, { force, inputs: [file] });
  }
  if (badRows.count === 0) return;
  const lines = badRows.first.map((row) => row.line).join(', ');
  const skipped = say(badRows.count === 1 ? 'skippedRow' : 'skippedRows', {
    file,
    count: badRows.count,
    lines: `${lines}${badRows.count > badRows.first.length ? ', …' : ''}`,
    rejects: rejects ? say('rejectsWritten', { file: rejects }) : '',
  });
  process.stderr.write(`normscope: ${skipped}\n`);
}

/** How a CSV file was read, as the commands know it after reading. */
export interface CsvRead {
  dialect: Dialect;
  report?: ReadReport;
  names: readonly string[];
  badRows?: BadRows;
}

/** Everything a command says on stderr after reading a CSV: the reading, its notes, the bad rows. */
export async function reportRead(
  file: string,
  read: CsvRead,
  rejected: readonly BadRow[],
  values: { rejects?: string; force?: boolean },
): Promise<void> {
  reportReading(file, read.dialect, read.report);
  await reportBadRows(file, read.dialect, read.names, read.badRows, rejected, values.rejects, values.force);
}
