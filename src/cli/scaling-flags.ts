/** The flags that choose and configure a scaling method, shared by `fit` and `normalize`. */
import type { ParseArgsConfig } from 'node:util';
import { SCALING_METHOD_NAMES } from '../engine/scale/registry';
import type { ScalingMethod } from '../engine/scale/scaler';
import { parseChoice, parseInteger, parseNumber, parseNumberList, requireValue } from './args';
import { UsageError } from './usage-error';

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

type ScalingValues = {
  [K in keyof typeof SCALING_OPTIONS]?: (typeof SCALING_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/** Which method each method-specific flag belongs to. */
const FLAG_METHOD: Record<string, ScalingMethod> = {
  range: 'minmax',
  clip: 'minmax',
  'no-center': 'zscore',
  'no-scale': 'zscore',
  divisor: 'scale',
  'quantile-range': 'robust',
  'unit-variance': 'robust',
  'n-quantiles': 'quantile',
  'output-distribution': 'quantile',
  'no-standardize': 'yeo-johnson',
};

export const SCALING_USAGE =
  '--method minmax [--range a,b] [--clip] | zscore [--no-center] [--no-scale] | scale --divisor D | robust [--quantile-range 25,75] [--unit-variance] | maxabs | l1 | l2 | max | quantile [--n-quantiles N] [--output-distribution uniform|normal] | yeo-johnson [--no-standardize]; [--columns a,b]';

export function scalingMethodFrom(values: ScalingValues): {
  method: ScalingMethod;
  options: Record<string, unknown>;
} {
  const method = parseChoice('--method', requireValue('--method', values.method), SCALING_METHOD_NAMES);
  for (const [flag, owner] of Object.entries(FLAG_METHOD)) {
    if (values[flag as keyof ScalingValues] !== undefined && owner !== method) {
      throw new UsageError(`--${flag}`, `applies to --method ${owner}, not ${method}`);
    }
  }
  switch (method) {
    case 'minmax':
      return {
        method,
        options: {
          featureRange: values.range ? parseNumberList('--range', values.range, 2) : undefined,
          clip: values.clip ?? false,
        },
      };
    case 'zscore':
      return { method, options: { withMean: !values['no-center'], withStd: !values['no-scale'] } };
    case 'scale':
      return {
        method,
        options: { divisor: parseNumber('--divisor', requireValue('--divisor', values.divisor)) },
      };
    case 'robust':
      return {
        method,
        options: {
          quantileRange: values['quantile-range']
            ? parseNumberList('--quantile-range', values['quantile-range'], 2)
            : undefined,
          unitVariance: values['unit-variance'] ?? false,
        },
      };
    case 'quantile':
      return {
        method,
        options: {
          nQuantiles: values['n-quantiles']
            ? parseInteger('--n-quantiles', values['n-quantiles'], 1)
            : undefined,
          outputDistribution: values['output-distribution']
            ? parseChoice('--output-distribution', values['output-distribution'], [
                'uniform',
                'normal',
              ] as const)
            : undefined,
        },
      };
    case 'yeo-johnson':
      return { method, options: { standardize: !values['no-standardize'] } };
    default:
      return { method, options: {} };
  }
}

export function columnList(values: ScalingValues): string[] | undefined {
  return values.columns === undefined ? undefined : values.columns.split(',').map((name) => name.trim());
}
