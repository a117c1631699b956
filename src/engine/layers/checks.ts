import { ParameterError } from '../parameter-error';
import { sizeOf, type Tensor } from '../tensor/tensor';

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
