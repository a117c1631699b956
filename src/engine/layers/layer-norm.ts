import { ParameterError } from '../parameter-error';
import { complementAxes, normalizeAxes } from '../tensor/axes';
import { isContiguous, sizeOf, tensor, type FloatArray, type Tensor } from '../tensor/tensor';
import { normalizeRows } from './contiguous';
import { checkEps, checkOut, checkParameter, checkRank } from './checks';
import {
  groupedView,
  groupMeanSquares,
  groupMoments,
  inverseStd,
  normalizeGroups,
  outputOf,
} from './grouped';

export interface LayerNormOptions {
  /** PyTorch: the trailing shape normalized together (default: the last axis). */
  normalizedShape?: readonly number[];
  /** Keras/Flax: the reduced axes (default -1). Exclusive with normalizedShape. */
  axes?: readonly number[];
  eps?: number;
  /** Per-element affine over the normalized axes' shape. */
  weight?: ArrayLike<number>;
  bias?: ArrayLike<number>;
  /**
   * Where to write the output (x's element type and size; may be x.data itself). Default: a new array —
   * or, for x in a kernel heap, a block of that heap (release it there to reuse it).
   */
  out?: FloatArray;
}

/** The reduced axes of a LayerNorm/RMSNorm call and their shape (the affine parameters' shape). */
export function normalizedAxes(
  op: string,
  x: Tensor,
  options: Pick<LayerNormOptions, 'normalizedShape' | 'axes'>,
): number[] {
  const rank = x.shape.length;
  if (options.normalizedShape && options.axes)
    throw new ParameterError(op, 'axes', options.axes, 'cannot be given with normalizedShape');
  if (options.axes) return normalizeAxes(options.axes, rank, op, 'axes');
  const shape = options.normalizedShape ?? [x.shape[rank - 1]];
  const trailing = x.shape.slice(rank - shape.length);
  if (shape.length === 0 || shape.length > rank || trailing.some((extent, i) => extent !== shape[i])) {
    throw new ParameterError(
      op,
      'normalizedShape',
      shape,
      `must be the trailing extents of the input [${x.shape.join(', ')}]`,
    );
  }
  return shape.map((_, i) => rank - shape.length + i);
}

/**
 * Layer normalization: one mean and (biased) variance per sample over the normalized axes,
 * y = (x - μ)/√(σ² + eps)·γ + β with γ, β shaped like the normalized axes.
 * Example: tokens [B, T, C] with normalizedShape [C] → B·T statistics of C values each.
 */
export function layerNorm<T extends FloatArray>(x: Tensor<T>, options: LayerNormOptions = {}): Tensor<T> {
  return normalizeOverAxes('layerNorm', x, options, true);
}

/**
 * RMS normalization (PyTorch nn.RMSNorm): no centring, y = x/√(mean(x²) + eps)·γ. eps defaults to the
 * machine epsilon of the input's dtype, as PyTorch's eps=None.
 */
export function rmsNorm<T extends FloatArray>(
  x: Tensor<T>,
  options: Omit<LayerNormOptions, 'bias'> = {},
): Tensor<T> {
  return normalizeOverAxes('rmsNorm', x, options, false);
}

function normalizeOverAxes<T extends FloatArray>(
  op: string,
  x: Tensor<T>,
  options: LayerNormOptions,
  center: boolean,
): Tensor<T> {
  checkRank(op, x, 1);
  const reduced = normalizedAxes(op, x, options);
  const eps = options.eps ?? (center ? 1e-5 : x.data instanceof Float32Array ? 2 ** -23 : Number.EPSILON);
  checkEps(op, eps);
  const affineShape = reduced.map((axis) => x.shape[axis]);
  checkParameter(op, 'weight', options.weight, affineShape);
  checkParameter(op, 'bias', options.bias, affineShape);
  const out = options.out as T | undefined;
  checkOut(op, x, out);
  const rank = x.shape.length;
  if (isContiguous(x) && reduced.every((axis, i) => axis === rank - reduced.length + i)) {
    // The normalized block is trailing: each statistic is one contiguous row of the input as it is.
    const size = sizeOf(affineShape);
    const rows = size === 0 ? 0 : x.data.length / size;
    const affine = { per: 'element', weight: options.weight, bias: options.bias } as const;
    return tensor(normalizeRows(x.data, rows, size, eps, center, affine, out), x.shape);
  }
  const view = groupedView(x, complementAxes(reduced, rank), reduced);
  const affine = { weight: options.weight, bias: options.bias, index: (_group: number, i: number) => i };
  if (center) {
    const { mean, variance } = groupMoments(view);
    normalizeGroups(view, mean, inverseStd(variance, eps), affine);
  } else {
    normalizeGroups(view, null, inverseStd(groupMeanSquares(view), eps), affine);
  }
  return outputOf(x, view, out);
}

export interface UnitNormOptions {
  /** The axes each vector spans (negative counts from the end); default [-1] (Keras), torch's dim=1 is [1]. */
  axes?: readonly number[];
  /** Floor of the norm: Keras 3 1e-7 (keras.config.epsilon()), PyTorch F.normalize 1e-12. Default 1e-12. */
  eps?: number;
}

/**
 * Unit (L2) normalization — keras.layers.UnitNormalization, torch.nn.functional.normalize:
 * y = x / max(‖x‖₂, eps) over the axes, by division as both frameworks compute it. No statistics kept.
 * Example: [3, 4] → [0.6, 0.8].
 */
export function unitNorm<T extends FloatArray>(x: Tensor<T>, options: UnitNormOptions = {}): Tensor<T> {
  const op = 'unitNorm';
  checkRank(op, x, 1);
  const eps = options.eps ?? 1e-12;
  checkEps(op, eps);
  const reduced = normalizeAxes(options.axes ?? [-1], x.shape.length, op, 'axes');
  const view = groupedView(x, complementAxes(reduced, x.shape.length), reduced);
  const { values, groups, size } = view;
  for (let g = 0, start = 0; g < groups; g++, start += size) {
    let squares = 0;
    for (let i = start; i < start + size; i++) squares += values[i] * values[i];
    const norm = Math.max(Math.sqrt(squares), eps);
    for (let i = start; i < start + size; i++) values[i] /= norm;
  }
  return outputOf(x, view);
}
