import { ParameterError } from '../parameter-error';
import { sizeOf, type FloatArray, type Tensor } from '../tensor/tensor';

/** Throws unless an optional per-channel (or per-element) parameter has the expected shape. */
export function checkParameter(
  op: string,
  name: string,
  value: ArrayLike<number> | undefined,
  shape: readonly number[],
): void {
  if (value !== undefined && value.length !== sizeOf(shape)) {
    throw new ParameterError(
      op,
      name,
      `${value.length} values`,
      `must hold ${sizeOf(shape)} values (shape [${shape.join(', ')}])`,
    );
  }
}

export function checkEps(op: string, eps: number): void {
  if (!(eps >= 0) || !Number.isFinite(eps))
    throw new ParameterError(op, 'eps', eps, 'must be a finite number ≥ 0');
}

export function checkRank(op: string, x: Tensor, min: number): void {
  if (x.shape.length < min) {
    throw new ParameterError(op, 'x', `shape [${x.shape.join(', ')}]`, `must have at least ${min} axes`);
  }
}

/**
 * Throws unless `out` can receive the layer's output: x's element type and size, and either x's own
 * array (in place) or no memory shared with it.
 */
export function checkOut<T extends FloatArray>(op: string, x: Tensor<T>, out: T | undefined): void {
  if (out === undefined) return;
  const length = sizeOf(x.shape);
  if (out.constructor !== x.data.constructor || out.length !== length)
    throw new ParameterError(
      op,
      'out',
      `${out.constructor.name}(${out.length})`,
      `must be a ${x.data.constructor.name} of ${length} values, like x`,
    );
  const same = out.buffer === x.data.buffer;
  const overlaps =
    same &&
    out.byteOffset < x.data.byteOffset + x.data.byteLength &&
    x.data.byteOffset < out.byteOffset + out.byteLength;
  if (overlaps && out.byteOffset !== x.data.byteOffset)
    throw new ParameterError(op, 'out', 'a view overlapping x', "must be x's own array or not overlap it");
}
