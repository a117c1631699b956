/**
 * The host side of the panel's "Read as …" line: how a CSV file was read, as the webview shows it, and
 * the webview's overrides (untrusted input) checked into the dialect parts a re-read fixes.
 */
import {
  alternativeFlags,
  DECIMALS,
  DELIMITER_NAMES,
  DELIMITERS,
  describeReading,
  readingHints,
  ENCODINGS,
  type DialectOverrides,
} from '../io/csv/dialect';
import type { DataFile } from '../io/data-file';
import type { AdviceLanguage } from '../engine/advise/messages';
import { ENGLISH_L10N, type L10n } from '../shared/l10n';
import type { ReadAsOverrides, ReadAsState } from '../shared/protocol';

export function readAsState(
  file: DataFile,
  l10n: L10n = ENGLISH_L10N,
  language: AdviceLanguage = 'en',
): ReadAsState | undefined {
  if (file.kind !== 'csv' || !file.table.report) return undefined;
  const { dialect, report } = file.table;
  const rival = report.close ? report.alternatives[0] : undefined;
  return {
    summary: describeReading(dialect, report, language),
    close: rival
      ? l10n.t(
          'Another reading scores almost as well ({0}): check the columns, or choose below.',
          alternativeFlags(dialect, rival),
        )
      : null,
    hints: readingHints(report, language),
    delimiter: dialect.delimiter,
    decimal: dialect.decimal,
    headerLine: report.headerLine,
    skipLines: dialect.skipLines,
    naValues: [...dialect.naValues],
    encoding: dialect.encoding,
    delimiters: DELIMITERS.map((value) => ({ value, label: DELIMITER_NAMES[value] })),
    encodings: [...ENCODINGS],
  };
}

const oneOf = <T extends string>(choices: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (choices as readonly string[]).includes(value);

/** The overrides a re-read applies; throws naming the control whose value is not one it offers. */
export function readAsOverrides(overrides: ReadAsOverrides, l10n: L10n = ENGLISH_L10N): DialectOverrides {
  const fixed: DialectOverrides = {};
  const { delimiter, decimal, header, skipLines, naValues, encoding } = overrides;
  if (delimiter !== undefined) {
    if (!oneOf(DELIMITERS, delimiter))
      throw new Error(l10n.t('Read as: delimiter {0} is not offered', JSON.stringify(delimiter)));
    fixed.delimiter = delimiter;
  }
  if (decimal !== undefined) {
    if (!oneOf(DECIMALS, decimal))
      throw new Error(l10n.t('Read as: decimal mark {0} is not offered', JSON.stringify(decimal)));
    fixed.decimal = decimal;
  }
  if (header !== undefined) fixed.header = header === true;
  if (skipLines !== undefined) {
    if (!Number.isInteger(skipLines) || skipLines < 0)
      throw new Error(
        l10n.t('Read as: lines to skip must be a whole number ≥ 0, not {0}', String(skipLines)),
      );
    fixed.skipLines = skipLines;
  }
  if (naValues !== undefined) {
    if (!Array.isArray(naValues) || !naValues.every((token) => typeof token === 'string'))
      throw new Error(l10n.t('Read as: missing tokens must be a list of strings'));
    fixed.naValues = naValues.filter((token) => token !== '');
  }
  if (encoding !== undefined) {
    if (!oneOf(ENCODINGS, encoding))
      throw new Error(l10n.t('Read as: encoding {0} is not offered', JSON.stringify(encoding)));
    fixed.encoding = encoding;
  }
  if (fixed.delimiter === ',' && fixed.decimal === ',')
    throw new Error(l10n.t('Read as: a comma cannot be both the delimiter and the decimal mark'));
  return fixed;
}
