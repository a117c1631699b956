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
      throw new UsageError(
        '--delimiter',
        `'${values.delimiter}' is not one of , ';' tab pipe whitespace (or comma, semicolon)`,
      );
    overrides.delimiter = delimiter;
  }
  if (values.decimal !== undefined)
    overrides.decimal = parseChoice('--decimal', values.decimal, ['.', ','] as const);
  if (values['skip-rows'] !== undefined)
    overrides.skipLines = parseInteger('--skip-rows', values['skip-rows'], 0);
  if (values.header && values['no-header'])
    throw new UsageError('--header', 'and --no-header contradict each other; pass one');
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
      throw new UsageError('--thousands', `'${values.thousands}' must be one character that is not a digit`);
    overrides.thousands = values.thousands;
  }
  if (overrides.thousands && overrides.thousands === (overrides.decimal ?? '.'))
    throw new UsageError('--thousands', `'${overrides.thousands}' is also the decimal mark`);
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
    throw new UsageError(
      '--rejects',
      'writes the rows --on-bad-rows skip skips; pass --on-bad-rows skip too',
    );
  const rejected: BadRow[] = [];
  const given = dialectOverrides(values);
  // a delimiter given here reopens the decimal mark a params file fixed (a ',' file has '.' decimals)
  const { decimal: fixedDecimal, ...rest } = fixed;
  const dialect = { ...(given.delimiter ? rest : { ...rest, decimal: fixedDecimal }), ...given };
  if (dialect.decimal === undefined) delete dialect.decimal;
  if (dialect.delimiter === ',' && dialect.decimal === ',')
    throw new UsageError('--decimal', "',' is also the delimiter; pass --delimiter ';' (or tab) with it");
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
  if (process.stderr.isTTY) process.stderr.write(`read as: ${describeReading(dialect, report)}\n`);
  for (const hint of report.hints) process.stderr.write(`normscope: note: ${file}: ${hint}\n`);
  if (report.close) {
    const others = report.alternatives
      .filter((a) => a.score >= CLOSE_SCORE * report.alternatives[0].score)
      .map((a) => `${alternativeFlags(dialect, a)} (score ${a.score})`)
      .join('; ');
    process.stderr.write(
      `normscope: note: ${file} reads almost as well another way; chose ${describeReading(dialect, report)}; the other reading: ${others}\n`,
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
  process.stderr.write(
    `normscope: ${file}: skipped ${badRows.count} row${badRows.count === 1 ? '' : 's'} whose field count differs from the header's (line${badRows.count === 1 ? '' : 's'} ${lines}${badRows.count > badRows.first.length ? ', …' : ''})${rejects ? `; written to ${rejects}` : ''}\n`,
  );
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
