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
