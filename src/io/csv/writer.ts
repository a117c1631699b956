/**
 * CSV output: numbers printed so they read back bit for bit, fields quoted only when they must be, in
 * the input's delimiter, decimal mark, quote and line ending.
 */

/** Shortest round-tripping text of a number; '' for NaN (missing, as pandas writes it); inf/-inf for infinities. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** formatNumber with another decimal mark (',' for a decimal-comma file). */
export function formatNumberWith(value: number, decimal: string): string {
  return decimal === '.' ? formatNumber(value) : formatNumber(value).replace('.', decimal);
}

// Field quoting is shared with the panel's "Copy as CSV", so it lives in the pure engine.
export { formatRecord, quoteField } from '../../engine/export/csv-field';

/**
 * CSV lines of `rows` records whose every field is a number: field j of record i is
 * data[i·cols + slots[j]]. The hot loop of writing a normalized file (see rewriteCsv).
 */
export function formatNumericLines(
  data: Float64Array,
  rows: number,
  cols: number,
  slots: Int32Array,
  delimiter: string,
  decimal = '.',
  lineEnding = '\n',
): string {
  if (decimal !== '.' || lineEnding !== '\n') {
    let text = '';
    for (let i = 0, base = 0; i < rows; i++, base += cols) {
      let line = formatNumberWith(data[base + slots[0]], decimal);
      for (let j = 1; j < slots.length; j++)
        line += delimiter + formatNumberWith(data[base + slots[j]], decimal);
      text += line + lineEnding;
    }
    return text;
  }
  let text = '';
  for (let i = 0, base = 0; i < rows; i++, base += cols) {
    let line = formatNumber(data[base + slots[0]]);
    for (let j = 1; j < slots.length; j++) line += delimiter + formatNumber(data[base + slots[j]]);
    text += line + '\n';
  }
  return text;
}
