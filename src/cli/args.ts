// Typed readers for flag values; each names the flag and the value it refuses.
import { UsageError } from './usage-error';

export function requireValue(flag: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(flag, 'is required');
  return value;
}

export function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new UsageError(flag, `'${text}' is not a number`);
  return value;
}

export function parseInteger(flag: string, text: string, min = -Infinity): number {
  const value = parseNumber(flag, text);
  if (!Number.isInteger(value)) throw new UsageError(flag, `'${text}' is not an integer`);
  if (value < min) throw new UsageError(flag, `${value} must be at least ${min}`);
  return value;
}

export function parseNumberList(flag: string, text: string, length?: number): number[] {
  const values = text.split(',').map((part) => parseNumber(flag, part));
  if (length !== undefined && values.length !== length) {
    throw new UsageError(flag, `'${text}' must list ${length} numbers separated by commas`);
  }
  return values;
}

export function parseIntegerList(flag: string, text: string): number[] {
  return text.split(',').map((part) => parseInteger(flag, part));
}

export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(flag, `'${text}' is not one of ${choices.join(', ')}`);
  }
  return text as T;
}

/** The single positional argument of a command. */
export function positional(positionals: string[], index: number, name: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(name, 'is missing');
  return value;
}
