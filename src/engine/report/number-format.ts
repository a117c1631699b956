/**
 * Numbers as people read them in charts, tables and advice: a fixed count of significant digits, no
 * trailing zeros, exponent notation only when the magnitude is far from 1 (below 1e-4 or from 1e6 up).
 * Example: formatSignificant(0.216667) = '0.2167', formatSignificant(84.65, 3) = '84.7',
 * formatSignificant(30508.5) = '30510', formatSignificant(123456789) = '1.235e+8'.
 */
export function formatSignificant(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  // toPrecision turns to exponent notation once the integer part has more digits than asked for.
  if (magnitude >= 10 ** digits) return String(Number(value.toPrecision(digits)));
  return trimZeros(value.toPrecision(digits));
}

/** A share as a percentage with up to two significant digits past the integer part: '12%', '0.35%'. */
export function formatPercent(share: number): string {
  const percent = share * 100;
  if (percent === 0 || percent === 100) return `${percent}%`;
  return `${formatSignificant(percent, percent >= 10 ? 3 : 2)}%`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
