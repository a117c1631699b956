// Typed readers for flag values; each names the flag and the value it refuses.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { say } from './messages';
import { UsageError } from './usage-error';

export function requireValue(flag: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(flag, say('isRequired'));
  return value;
}

export function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new UsageError(flag, say('notANumber', { text }));
  return value;
}

export function parseInteger(flag: string, text: string, min = -Infinity): number {
  const value = parseNumber(flag, text);
  if (!Number.isInteger(value)) throw new UsageError(flag, say('notAnInteger', { text }));
  if (value < min) throw new UsageError(flag, say('atLeast', { value, min }));
  return value;
}

export function parseNumberList(flag: string, text: string, length?: number): number[] {
  const values = text.split(',').map((part) => parseNumber(flag, part));
  if (length !== undefined && values.length !== length) {
    throw new UsageError(flag, say('numberList', { text, length }));
  }
  return values;
}

export function parseIntegerList(flag: string, text: string): number[] {
  return text.split(',').map((part) => parseInteger(flag, part));
}

export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(flag, say('notOneOf', { text, choices: choices.join(', ') }));
  }
  return text as T;
}

/** The single positional argument of a command. */
export function positional(positionals: string[], index: number, name: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(name, say('isMissing'));
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
  try {
    return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw parseArgsError(error);
  }
}

/** node:util's parseArgs errors as usage errors naming the flag, in the command line's language. */
function parseArgsError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const flag = error instanceof Error ? /'(-[^' ]+)/.exec(error.message)?.[1] : undefined;
  if (flag === undefined) return error;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(flag, say('unknownOption'));
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return new UsageError(
      flag,
      say(/argument missing/.test((error as Error).message) ? 'needsValue' : 'takesNoValue'),
    );
  return error;
}
