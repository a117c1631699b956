import { updateRunning } from '../explain/conventions';
import { ParameterError } from '../parameter-error';
import { normalizeAxis } from '../tensor/axes';
import { isContiguous, sizeOf, tensor, type FloatArray, type Tensor } from '../tensor/tensor';
import { normalizeRows } from './contiguous';
import { runningStatsOf, type RunningStats } from './batch-norm';
import { checkEps, checkOut, checkParameter, checkRank } from './checks';
import { groupedView, groupMoments, inverseStd, normalizeGroups, outputOf } from './grouped';

export interface InstanceNormOptions {
  channelAxis?: number;
  eps?: number;
  /** PyTorch's default false: instance statistics in training and eval alike. */
  trackRunningStats?: boolean;
  training?: boolean;
  momentum?: number | null;
  running?: RunningStats;
  /** PyTorch's InstanceNorm has affine=False by default; pass γ, β to use them. */
  weight?: ArrayLike<number>;
  bias?: ArrayLike<number>;
  /** Where to write the output (x's element type and size; may be x.data itself); see LayerNormOptions.out. */
  out?: FloatArray;
}

/**
 * Instance normalization: one mean and (biased) variance per (sample, channel) over the spatial axes.
 * With trackRunningStats, training also updates per-channel running statistics with the batch average
 * of the per-instance means and unbiased variances (PyTorch), and eval uses them.
 * Example: x [8, 3, 32, 32] → 24 statistics of 1024 values each.
 */
export function instanceNorm<T extends FloatArray>(
  x: Tensor<T>,
  options: InstanceNormOptions = {},
): { output: Tensor<T>; running?: RunningStats } {
  const op = 'instanceNorm';
  checkRank(op, x, 3);
  const rank = x.shape.length;
  const channelAxis = normalizeAxis(options.channelAxis ?? 1, rank, op, 'channelAxis');
  if (channelAxis === 0)
    throw new ParameterError(op, 'channelAxis', options.channelAxis, 'cannot be the batch axis 0');
  const eps = options.eps ?? 1e-5;
  checkEps(op, eps);
  const channels = x.shape[channelAxis];
  checkParameter(op, 'weight', options.weight, [channels]);
  checkParameter(op, 'bias', options.bias, [channels]);
  const out = options.out as T | undefined;
  checkOut(op, x, out);
  const momentum = options.momentum === undefined ? 0.1 : options.momentum;
  const spatialAxes = Array.from({ length: rank }, (_, axis) => axis).filter(
    (axis) => axis !== 0 && axis !== channelAxis,
  );
  const tracked = options.trackRunningStats ?? false;
  if (!tracked && channelAxis === 1 && isContiguous(x)) {
    // Each (n, c) plane is one contiguous row, of channel r mod C.
    const spatial = sizeOf(spatialAxes.map((axis) => x.shape[axis]));
    const affine = { per: 'channel', weight: options.weight, bias: options.bias, channels, spatial } as const;
    const rows = x.shape[0] * channels;
    return { output: tensor(normalizeRows(x.data, rows, spatial, eps, true, affine, out), x.shape) };
  }
  const view = groupedView(x, [0, channelAxis], spatialAxes);
  const affine = { weight: options.weight, bias: options.bias, index: (group: number) => group % channels };
  const before = runningStatsOf(op, options.running, channels);
  if (tracked && !options.training) {
    const mean = Float64Array.from({ length: view.groups }, (_, g) => before.runningMean[g % channels]);
    const variance = Float64Array.from({ length: view.groups }, (_, g) => before.runningVar[g % channels]);
    normalizeGroups(view, mean, inverseStd(variance, eps), affine);
    return { output: outputOf(x, view, out), running: before };
  }
  const { mean, variance } = groupMoments(view);
  normalizeGroups(view, mean, inverseStd(variance, eps), affine);
  if (!tracked) return { output: outputOf(x, view, out) };
  const samples = x.shape[0];
  const count = view.size;
  const step = before.numBatchesTracked + 1;
  const convention = momentum === null ? 'cumulative' : 'new-batch';
  const averaged = (stat: Float64Array, c: number, scale: number) => {
    let sum = 0;
    for (let n = 0; n < samples; n++) sum += stat[n * channels + c] * scale;
    return sum / samples;
  };
  const running: RunningStats = {
    runningMean: before.runningMean.map((r, c) =>
      updateRunning(r, averaged(mean, c, 1), momentum, convention, step),
    ),
    runningVar: before.runningVar.map((r, c) =>
      updateRunning(r, averaged(variance, c, count / (count - 1)), momentum, convention, step),
    ),
    numBatchesTracked: step,
  };
  return { output: outputOf(x, view, out), running };
}
