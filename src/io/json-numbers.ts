/**
 * JSON has no NaN or Infinity. We write NaN as null (missing) and ±Infinity as the strings
 * "Infinity"/"-Infinity", and typed arrays as plain arrays; `reviveNumbers` reads them back.
 */
export function encodeNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? null : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  return value;
}

export function reviveNumbers(_key: string, value: unknown): unknown {
  if (value === null) return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

/** Pretty JSON with the encoding above, ending in a newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, encodeNumbers, 2) + '\n';
}
