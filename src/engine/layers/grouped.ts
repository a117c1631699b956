/**
 * The one kernel every normalization layer shares: view the tensor with its kept axes outer and its
 * reduced axes inner (a gather, as tfjs moves reduced axes innermost), so each statistic reads one
 * contiguous run of `size` values; normalize each run; scatter back into the input's layout and dtype.
 */
import { gather, scatter, sizeOf, tensor, type FloatArray, type Tensor } from '../tensor/tensor';

export interface GroupedView {
  values: Float64Array;
  groups: number;
  size: number;
  order: number[];
}

/** x's values with `outer` axes first and `inner` axes last, as float64 [groups, size]. */
export function groupedView(x: Tensor, outer: readonly number[], inner: readonly number[]): GroupedView {
  const order = [...outer, ...inner];
  const source = gather(x, order);
  const values = source instanceof Float64Array ? source : Float64Array.from(source);
  const size = sizeOf(inner.map((axis) => x.shape[axis]));
  return { values, groups: size === 0 ? 0 : values.length / size, size, order };
}

/** A grouped view's values back as a C-ordered tensor of x's shape and element type (into `out` if given). */
export function outputOf<T extends FloatArray>(x: Tensor<T>, view: GroupedView, out?: T): Tensor<T> {
  const target = out ?? new (x.data.constructor as new (length: number) => T)(view.values.length);
  return tensor(scatter(view.values, x.shape, view.order, target), x.shape);
}

/** Per-group mean and biased (ddof 0) variance, two-pass. Empty groups give NaN. */
export function groupMoments(view: GroupedView): { mean: Float64Array; variance: Float64Array } {
  const { values, groups, size } = view;
  const mean = new Float64Array(groups);
  const variance = new Float64Array(groups);
  for (let g = 0, start = 0; g < groups; g++, start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += values[i];
    const m = sum / size;
    let squares = 0;
    let residual = 0;
    for (let i = start; i < start + size; i++) {
      const d = values[i] - m;
      squares += d * d;
      residual += d;
    }
    // corrected two-pass: removes the rounding left in the mean
    mean[g] = m + residual / size;
    variance[g] = (squares - (residual * residual) / size) / size;
  }
  return { mean, variance };
}

/** Per-group mean of squares (RMSNorm's statistic). */
export function groupMeanSquares(view: GroupedView): Float64Array {
  const { values, groups, size } = view;
  const out = new Float64Array(groups);
  for (let g = 0, start = 0; g < groups; g++, start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += values[i] * values[i];
    out[g] = sum / size;
  }
  return out;
}

/**
 * In place: v ← (v - center[g]) · invStd[g], then · weight + bias where each element's affine index is
 * `affineIndex(g, i)` (i counts within the group). center may be null (RMSNorm).
 */
export function normalizeGroups(
  view: GroupedView,
  center: ArrayLike<number> | null,
  invStd: Float64Array,
  affine?: {
    weight?: ArrayLike<number>;
    bias?: ArrayLike<number>;
    index: (group: number, i: number) => number;
  },
): void {
  const { values, groups, size } = view;
  for (let g = 0, at = 0; g < groups; g++) {
    const c = center ? center[g] : 0;
    const s = invStd[g];
    for (let i = 0; i < size; i++, at++) {
      let y = (values[at] - c) * s;
      if (affine) {
        const k = affine.index(g, i);
        if (affine.weight) y *= affine.weight[k];
        if (affine.bias) y += affine.bias[k];
      }
      values[at] = y;
    }
  }
}

/** 1/√(v + eps) per entry, as PyTorch's invstd. */
export function inverseStd(variance: ArrayLike<number>, eps: number): Float64Array {
  return Float64Array.from(variance, (v) => 1 / Math.sqrt(v + eps));
}
