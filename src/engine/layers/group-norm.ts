import { ParameterError } from '../parameter-error';
import { normalizeAxis } from '../tensor/axes';
import { gather, isContiguous, sizeOf, tensor, type FloatArray, type Tensor } from '../tensor/tensor';
import { normalizeRows } from './contiguous';
import { checkEps, checkOut, checkParameter, checkRank } from './checks';
import { groupedView, groupMoments, inverseStd, normalizeGroups, outputOf } from './grouped';

export interface GroupNormOptions {
  numGroups: number;
  /** 1 for PyTorch (NC…), -1 for Keras/Flax (N…C). */
  channelAxis?: number;
  eps?: number;
  weight?: ArrayLike<number>;
  bias?: ArrayLike<number>;
  /** Where to write the output (x's element type and size; may be x.data itself); see LayerNormOptions.out. */
  out?: FloatArray;
}

/**
 * Group normalization: the C channels split into G groups of C/G; one mean and (biased) variance per
 * (sample, group) over the group's channels and every spatial position; per-channel γ, β.
 * GroupNorm(1, C) is LayerNorm over (C, H, W); GroupNorm(C, C) is InstanceNorm.
 * Example: x [32, 64, 56, 56], G = 32 → 32·32 statistics of 2·56·56 = 6272 values each.
 */
export function groupNorm<T extends FloatArray>(x: Tensor<T>, options: GroupNormOptions): Tensor<T> {
  const op = 'groupNorm';
  checkRank(op, x, 2);
  const rank = x.shape.length;
  const channelAxis = normalizeAxis(options.channelAxis ?? 1, rank, op, 'channelAxis');
  const channels = x.shape[channelAxis];
  const groups = options.numGroups;
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0) {
    throw new ParameterError(op, 'numGroups', groups, `does not divide ${channels} channels`);
  }
  const eps = options.eps ?? 1e-5;
  checkEps(op, eps);
  checkParameter(op, 'weight', options.weight, [channels]);
  checkParameter(op, 'bias', options.bias, [channels]);
  const out = options.out as T | undefined;
  checkOut(op, x, out);
  if (channelAxis === 1 && isContiguous(x)) {
    // Already [N, G, C/G·spatial] in memory: each (sample, group) is one row of whole channels.
    const spatial = sizeOf(x.shape.slice(2));
    const rows = x.shape[0] * groups;
    const size = (channels / groups) * spatial;
    const affine = { per: 'channel', weight: options.weight, bias: options.bias, channels, spatial } as const;
    return tensor(normalizeRows(x.data, rows, size, eps, true, affine, out), x.shape);
  }
  // Channels-first and contiguous, [N, G, C/G·spatial]: each group's values are one run.
  const others = Array.from({ length: rank }, (_, axis) => axis).filter(
    (axis) => axis !== 0 && axis !== channelAxis,
  );
  const order = [0, channelAxis, ...others];
  const channelsFirst = tensor(
    gather(x, order),
    order.map((axis) => x.shape[axis]),
  );
  const spatial = sizeOf(others.map((axis) => x.shape[axis]));
  const perGroup = channels / groups;
  const grouped = tensor(channelsFirst.data, [x.shape[0], groups, perGroup * spatial]);
  const view = groupedView(grouped, [0, 1], [2]);
  const { mean, variance } = groupMoments(view);
  normalizeGroups(view, mean, inverseStd(variance, eps), {
    weight: options.weight,
    bias: options.bias,
    index: (group, i) => (group % groups) * perGroup + Math.floor(i / spatial),
  });
  const normalized = outputOf(grouped, view);
  // back to x's axis order
  const inverse = order.map((_, axis) => order.indexOf(axis));
  const restored = gather(tensor(normalized.data, channelsFirst.shape), inverse);
  if (out) out.set(restored);
  return tensor(out ?? restored, x.shape);
}
