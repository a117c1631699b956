// Typed readers for flag values; each names the flag and the value it refuses.
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs with positionals allowed, and with negative values accepted after a flag
 * (`--range -1,1`, `--channel-axis -1`), which parseArgs alone rejects as ambiguous.
 */
export function parseCommandArgs<T extends OptionsConfig>(args: readonly string[], options: T) {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`--${name}=${next}`);
      i++;
    } else {
      joined.push(args[i]);
    }
  }
  return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
}
