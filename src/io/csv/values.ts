/** How a CSV field becomes a number: pandas' default missing-value tokens, infinities, plain decimals. */

/** pandas' default na_values (read_csv), which read as missing. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

const INFINITIES: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number a field holds: NaN for a missing token, ±Infinity for inf tokens (any case), the correctly
 * rounded value of a decimal (surrounding spaces allowed); undefined when the field is text.
 */
export function parseNumericField(text: string): number | undefined {
  if (MISSING_TOKENS.has(text)) return NaN;
  if (DECIMAL.test(text)) return Number(text);
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  return INFINITIES.get(trimmed.toLowerCase());
}

export function isMissingField(text: string): boolean {
  return MISSING_TOKENS.has(text);
}

/** The parts of a dialect that decide what a field's number is. */
export interface NumberFormat {
  decimal: '.' | ',';
  thousands: string | null;
  naValues: readonly string[];
}

const COMMA_DECIMAL = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;

/** How fields of one dialect read: missing or not, and their number (undefined for text). */
export interface NumberReader {
  isMissing(text: string): boolean;
  parse(text: string): number | undefined;
  /**
   * Plain `digits.digits` fields may be read straight from bytes (the tokenizer's fast paths): true
   * for the default format, false when a decimal comma, digit groups or numeric missing tokens
   * change what such a field means.
   */
  readonly plainDecimals: boolean;
  /**
   * The decimal byte with which a field's bytes may be read as a number directly (RecordView.number),
   * or null when digit groups or extra missing tokens mean every field takes the string path.
   */
  readonly decimalByte: number | null;
}

export const DEFAULT_NUMBERS: NumberReader = {
  isMissing: isMissingField,
  parse: parseNumericField,
  plainDecimals: true,
  decimalByte: 0x2e,
};

/** The reader of `format`'s fields (pandas' read_csv with decimal=, thousands= and na_values=). */
export function numberReader(format: NumberFormat): NumberReader {
  if (format.decimal === '.' && !format.thousands && format.naValues.length === 0) return DEFAULT_NUMBERS;
  const extra = new Set(format.naValues);
  const isMissing = (text: string) => MISSING_TOKENS.has(text) || extra.has(text) || extra.has(text.trim());
  const thousands = format.thousands;
  const parse = (text: string): number | undefined => {
    if (isMissing(text)) return NaN;
    let trimmed = text.trim();
    if (thousands && /\d/.test(trimmed)) trimmed = trimmed.replaceAll(thousands, '');
    if (format.decimal === ',') {
      if (COMMA_DECIMAL.test(trimmed)) return Number(trimmed.replace(',', '.'));
      return INFINITIES.get(trimmed.toLowerCase());
    }
    return parseNumericField(trimmed);
  };
  const bytesReadable = !thousands && format.naValues.length === 0;
  return {
    isMissing,
    parse,
    plainDecimals: false,
    decimalByte: bytesReadable ? format.decimal.charCodeAt(0) : null,
  };
}
