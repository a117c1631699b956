/** A strided view over a typed array: float64 by default, float32 accepted everywhere. */
export type FloatArray = Float64Array | Float32Array;

export interface Tensor<T extends FloatArray = FloatArray> {
  readonly data: T;
  readonly shape: readonly number[];
  /** Elements (not bytes) to step per index along each axis; may be negative. */
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Number of elements of a shape (1 for a scalar shape []). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Row-major (C order) strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= shape[axis];
  }
  return strides;
}

/** Throws unless every extent is a non-negative integer. */
export function checkShape(op: string, param: string, shape: readonly number[]): void {
  for (const extent of shape) {
    if (!Number.isInteger(extent) || extent < 0) {
      throw new RangeError(`${op}: ${param} [${shape.join(', ')}] must hold non-negative integers`);
    }
  }
}

/** Wraps a C-ordered typed array as a tensor of the given shape (no copy). */
export function tensor<T extends FloatArray>(data: T, shape: readonly number[], op = 'tensor'): Tensor<T> {
  checkShape(op, 'shape', shape);
  if (sizeOf(shape) !== data.length) {
    throw new RangeError(
      `${op}: shape [${shape.join(', ')}] needs ${sizeOf(shape)} values, got ${data.length}`,
    );
  }
  return { data, shape: [...shape], strides: contiguousStrides(shape), offset: 0 };
}

/** A new float64 tensor of zeros. */
export function zeros(shape: readonly number[]): Tensor<Float64Array> {
  return tensor(new Float64Array(sizeOf(shape)), shape);
}

/** True when the view is C-contiguous from offset 0 over the whole buffer. */
export function isContiguous(t: Tensor): boolean {
  if (t.offset !== 0 || t.data.length !== sizeOf(t.shape)) return false;
  const expected = contiguousStrides(t.shape);
  return t.shape.every((extent, axis) => extent <= 1 || t.strides[axis] === expected[axis]);
}

/** A view with the axes reordered: result axis i is input axis `order[i]` (no copy). */
export function permute<T extends FloatArray>(t: Tensor<T>, order: readonly number[]): Tensor<T> {
  if (order.length !== t.shape.length || [...order].sort((a, b) => a - b).some((axis, i) => axis !== i)) {
    throw new RangeError(
      `permute: order [${order.join(', ')}] is not a permutation of ${t.shape.length} axes`,
    );
  }
  return {
    data: t.data,
    shape: order.map((axis) => t.shape[axis]),
    strides: order.map((axis) => t.strides[axis]),
    offset: t.offset,
  };
}

/**
 * Copies a tensor's values into a new C-ordered array of the same element type, visiting the axes in
 * `order` (default: as they are). This is how a reduction moves its reduced axes innermost.
 */
export function gather<T extends FloatArray>(t: Tensor<T>, order?: readonly number[]): T {
  const view = order ? permute(t, order) : t;
  const out = new (t.data.constructor as { new (length: number): T })(sizeOf(view.shape));
  const rank = view.shape.length;
  if (out.length === 0) return out;
  if (rank === 0) {
    out[0] = view.data[view.offset];
    return out;
  }
  const lastExtent = view.shape[rank - 1];
  const lastStride = view.strides[rank - 1];
  const index = new Array<number>(rank).fill(0);
  let base = view.offset;
  for (let written = 0; written < out.length;) {
    for (let i = 0, at = base; i < lastExtent; i++, at += lastStride) out[written++] = view.data[at];
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      index[axis]++;
      base += view.strides[axis];
      if (index[axis] < view.shape[axis]) break;
      base -= view.strides[axis] * view.shape[axis];
      index[axis] = 0;
    }
    if (axis < 0) break;
  }
  return out;
}

/** Writes C-ordered `values` (laid out in the axis order `order`) back into a contiguous tensor's shape. */
export function scatter<T extends FloatArray>(
  values: FloatArray,
  shape: readonly number[],
  order: readonly number[],
  into: T,
): T {
  const target = permute(tensor(into, shape, 'scatter'), order);
  const rank = target.shape.length;
  if (values.length === 0) return into;
  if (rank === 0) {
    into[0] = values[0];
    return into;
  }
  const lastExtent = target.shape[rank - 1];
  const lastStride = target.strides[rank - 1];
  const index = new Array<number>(rank).fill(0);
  let base = 0;
  for (let read = 0; read < values.length;) {
    for (let i = 0, at = base; i < lastExtent; i++, at += lastStride) into[at] = values[read++];
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      index[axis]++;
      base += target.strides[axis];
      if (index[axis] < target.shape[axis]) break;
      base -= target.strides[axis] * target.shape[axis];
      index[axis] = 0;
    }
    if (axis < 0) break;
  }
  return into;
}
