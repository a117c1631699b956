/**
 * The engine names parameters as the libraries do (numGroups, featureRange); the CLI's user typed flags.
 * This table turns an engine ParameterError into a message about the flag the user wrote.
 */
import { ParameterError } from '../engine/parameter-error';
import { UsageError } from './usage-error';

const FLAG_OF_PARAMETER: Record<string, string> = {
  columns: '--columns',
  featureRange: '--range',
  quantileRange: '--quantile-range',
  nQuantiles: '--n-quantiles',
  outputDistribution: '--output-distribution',
  divisor: '--divisor',
  numGroups: '--groups',
  eps: '--eps',
  momentum: '--momentum',
  channelAxis: '--channel-axis',
  normalizedShape: '--normalized-shape',
  axis: '--axis',
  axes: '--axis',
  weight: '--weight',
  bias: '--bias',
  bnWeight: '--bn-weight',
  bnBias: '--bn-bias',
  runningMean: '--running-mean',
  runningVar: '--running-var',
  dim: '--dim',
  shape: '--shape',
  layout: '--layout',
};

/** Runs `body`, re-throwing parameter errors as errors about the corresponding flag. */
export function withFlagNames<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof ParameterError && FLAG_OF_PARAMETER[error.parameter]) {
      throw new UsageError(FLAG_OF_PARAMETER[error.parameter], error.detail);
    }
    throw error;
  }
}
