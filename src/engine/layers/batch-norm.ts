import {
  conventionFor,
  updateRunning,
  type Framework,
  type MomentumConvention,
  type RunningVarianceBias,
} from '../explain/conventions';
import { ParameterError } from '../parameter-error';
import { normalizeAxis } from '../tensor/axes';
import { isContiguous, sizeOf, tensor, type FloatArray, type Tensor } from '../tensor/tensor';
import { checkEps, checkOut, checkParameter, checkRank } from './checks';
import { batchNormTrainChannels, normalizeChannels } from './contiguous';
import { groupedView, groupMoments, inverseStd, normalizeGroups, outputOf } from './grouped';

export interface RunningStats {
  runningMean: Float64Array;
  runningVar: Float64Array;
  numBatchesTracked: number;
}

export interface BatchNormOptions {
  training: boolean;
  /** Conventions (defaults of eps, momentum and its direction, channel axis, running-variance bias). */
  framework?: Framework;
  channelAxis?: number;
  eps?: number;
  /** null: cumulative average (PyTorch momentum=None). */
  momentum?: number | null;
  weight?: ArrayLike<number>;
  bias?: ArrayLike<number>;
  /** Running statistics before this step; PyTorch's initial (0, 1, 0) when absent. */
  running?: RunningStats;
  /** Where to write the output (x's element type and size; may be x.data itself); see LayerNormOptions.out. */
  out?: FloatArray;
}

export interface BatchNormResult<T extends FloatArray = FloatArray> {
  output: Tensor<T>;
  /** Training only: the batch statistics (biased variance) used to normalize. */
  batchMean?: Float64Array;
  batchVar?: Float64Array;
  /** Running statistics after this step (updated in training). */
  running: RunningStats;
}

/** The running statistics a layer starts from: the given ones (checked), or PyTorch's initial 0 and 1. */
export function runningStatsOf(
  op: string,
  running: RunningStats | undefined,
  channels: number,
): RunningStats {
  const before = running ?? {
    runningMean: new Float64Array(channels),
    runningVar: new Float64Array(channels).fill(1),
    numBatchesTracked: 0,
  };
  checkParameter(op, 'runningMean', before.runningMean, [channels]);
  checkParameter(op, 'runningVar', before.runningVar, [channels]);
  return before;
}

/**
 * Batch normalization: one mean and variance per channel, over every other axis (N and the spatial
 * axes): y = (x - μ_c)/√(σ²_c + eps)·γ_c + β_c. Training normalizes with the batch's biased variance and
 * updates the running statistics by the framework's momentum rule — PyTorch: r ← (1-m)·r + m·batch with
 * the unbiased variance; Keras/Flax: r ← m·r + (1-m)·batch with the biased one; momentum null: the
 * cumulative average. Eval normalizes with the running statistics.
 * Example: x [32, 64, 56, 56] (torch) → 64 statistics, each over 32·56·56 = 100352 values.
 */
export function batchNorm<T extends FloatArray>(x: Tensor<T>, options: BatchNormOptions): BatchNormResult<T> {
  const op = 'batchNorm';
  checkRank(op, x, 2);
  const convention = conventionFor(options.framework ?? 'torch', 'batchnorm');
  const rank = x.shape.length;
  const channelAxis = normalizeAxis(
    options.channelAxis ?? (convention.conventionalLayout === 'channels-last' ? -1 : 1),
    rank,
    op,
    'channelAxis',
  );
  const eps = options.eps ?? (convention.eps as number);
  checkEps(op, eps);
  const momentum = options.momentum === undefined ? convention.momentum : options.momentum;
  if (momentum !== null && !(momentum >= 0 && momentum <= 1))
    throw new ParameterError(op, 'momentum', momentum, 'must be within [0, 1] or null');
  const momentumConvention: MomentumConvention =
    momentum === null ? 'cumulative' : (convention.momentumConvention ?? 'new-batch');
  const varianceBias: RunningVarianceBias = convention.runningVariance ?? 'unbiased';
  const channels = x.shape[channelAxis];
  checkParameter(op, 'weight', options.weight, [channels]);
  checkParameter(op, 'bias', options.bias, [channels]);
  const before = runningStatsOf(op, options.running, channels);
  const out = options.out as T | undefined;
  checkOut(op, x, out);

  const reduced = Array.from({ length: rank }, (_, axis) => axis).filter((axis) => axis !== channelAxis);
  const affine = { weight: options.weight, bias: options.bias, index: (channel: number) => channel };
  const count = sizeOf(x.shape) / channels;
  // [outer, C, inner] in place when the tensor is C-contiguous; otherwise gather the channel innermost.
  const outer = sizeOf(x.shape.slice(0, channelAxis));
  const inner = sizeOf(x.shape.slice(channelAxis + 1));
  const inPlace = isContiguous(x);
  const view = inPlace ? undefined : groupedView(x, [channelAxis], reduced);
  const normalize = (center: ArrayLike<number>, variance: ArrayLike<number>): Tensor<T> => {
    const invStd = inverseStd(variance, eps);
    if (!view) {
      const scale = invStd.map((v, c) => v * (options.weight?.[c] ?? 1));
      const shift = Float64Array.from({ length: channels }, (_, c) => options.bias?.[c] ?? 0);
      return tensor(normalizeChannels(x.data, outer, channels, inner, center, scale, shift, out), x.shape);
    }
    normalizeGroups(view, center, invStd, affine);
    return outputOf(x, view, out);
  };
  if (!options.training) return { output: normalize(before.runningMean, before.runningVar), running: before };
  let mean: Float64Array;
  let variance: Float64Array;
  let output: Tensor<T>;
  if (view) {
    ({ mean, variance } = groupMoments(view));
    output = normalize(mean, variance);
  } else {
    const { weight, bias } = options;
    const result = batchNormTrainChannels(x.data, outer, channels, inner, eps, weight, bias, out);
    ({ mean, variance } = result);
    output = tensor(result.output, x.shape);
  }
  const step = before.numBatchesTracked + 1;
  const runningVariance =
    varianceBias === 'unbiased' ? variance.map((v) => (v * count) / (count - 1)) : variance;
  const running: RunningStats = {
    runningMean: before.runningMean.map((r, c) =>
      updateRunning(r, mean[c], momentum, momentumConvention, step),
    ),
    runningVar: before.runningVar.map((r, c) =>
      updateRunning(r, runningVariance[c], momentum, momentumConvention, step),
    ),
    numBatchesTracked: step,
  };
  return { output, batchMean: mean, batchVar: variance, running };
}
