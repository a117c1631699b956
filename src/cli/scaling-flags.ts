/**
 * The flags that choose and configure a scaling method, shared by `fit`, `normalize` and `fit-sql`:
 * read from each method's option list, so a method's flags, their parsing and the usage line are one
 * table (`SCALING_OPTIONS` is spelled out for parseArgs' types; a test checks it matches the table).
 */
import type { ParseArgsConfig } from 'node:util';
import type { MethodOption } from '../engine/scale/method-options';
import { methodInfo, SCALING_METHOD_NAMES, SCALING_METHODS } from '../engine/scale/registry';
import type { ScalingMethod } from '../engine/scale/scaler';
import { parseChoice, parseInteger, parseNumber, parseNumberList, requireValue } from './args';
import { UsageError } from './usage-error';
import { say } from './messages';

export const SCALING_OPTIONS = {
  method: { type: 'string' },
  range: { type: 'string' },
  clip: { type: 'boolean' },
  'no-center': { type: 'boolean' },
  'no-scale': { type: 'boolean' },
  divisor: { type: 'string' },
  'quantile-range': { type: 'string' },
  'unit-variance': { type: 'boolean' },
  'n-quantiles': { type: 'string' },
  'output-distribution': { type: 'string' },
  'no-standardize': { type: 'boolean' },
  columns: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type ScalingValues = Partial<Record<string, string | boolean | string[] | boolean[]>>;

function flagUsage(option: MethodOption): string {
  const hint = option.kind === 'choice' ? option.choices.join('|') : (option.flagHint ?? '');
  const text = option.kind === 'checkbox' ? `--${option.flag}` : `--${option.flag} ${hint}`;
  return option.flagRequired ? text : `[${text}]`;
}

export const SCALING_USAGE = `--method ${SCALING_METHODS.map((m) =>
  [m.method, ...m.options.map(flagUsage)].join(' '),
).join(' | ')}; [--columns a,b]`;

/** One option's value from its flag; undefined leaves the scaler's default. */
function optionValue(option: MethodOption, value: string | boolean | undefined): unknown {
  const flag = `--${option.flag}`;
  if (option.kind === 'checkbox') return value === true ? !option.initial : option.initial;
  if (value === undefined) {
    if (option.flagRequired) requireValue(flag, undefined);
    return undefined;
  }
  const text = String(value);
  switch (option.kind) {
    case 'number':
      return option.integer ? parseInteger(flag, text, option.min) : parseNumber(flag, text);
    case 'pair':
      return parseNumberList(flag, text, 2);
    case 'choice':
      return parseChoice(flag, text, option.choices);
  }
}

export function scalingMethodFrom(values: ScalingValues): {
  method: ScalingMethod;
  options: Record<string, unknown>;
} {
  const method = parseChoice(
    '--method',
    requireValue('--method', values.method as string | undefined),
    SCALING_METHOD_NAMES,
  );
  for (const other of SCALING_METHODS) {
    for (const option of other.options) {
      if (values[option.flag] !== undefined && other.method !== method) {
        throw new UsageError(`--${option.flag}`, say('appliesToMethod', { other: other.method, method }));
      }
    }
  }
  const options = Object.fromEntries(
    methodInfo(method).options.map((o) => [o.key, optionValue(o, values[o.flag] as string | boolean)]),
  );
  return { method, options };
}

export function columnList(values: ScalingValues): string[] | undefined {
  const columns = values.columns as string | undefined;
  return columns === undefined ? undefined : columns.split(',').map((name) => name.trim());
}
