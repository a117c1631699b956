/**
 * The engine names parameters as the libraries do (numGroups, featureRange); the CLI's user typed flags.
 * This table turns an engine ParameterError into a message about the flag the user wrote.
 */
import { ParameterError } from '../engine/parameter-error';
import { UsageError } from './usage-error';
import { SCALING_METHODS } from '../engine/scale/registry';

const FLAG_OF_PARAMETER: Record<string, string> = {
  // The scaling methods' options, from their table.
  ...Object.fromEntries(SCALING_METHODS.flatMap((m) => m.options.map((o) => [o.key, `--${o.flag}`]))),
  columns: '--columns',
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
