/** Axis arithmetic shared by statistics, layers and explain plans. Negative axes count from the end. */

/** Resolves one axis against a rank; throws a RangeError naming the operation and parameter. */
export function normalizeAxis(axis: number, rank: number, op: string, param = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new RangeError(`${op}: ${param} (${axis}) is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves a list of axes: sorted ascending, each once. */
export function normalizeAxes(axes: readonly number[], rank: number, op: string, param = 'axes'): number[] {
  const resolved = axes.map((axis) => normalizeAxis(axis, rank, op, param));
  const unique = [...new Set(resolved)].sort((a, b) => a - b);
  if (unique.length !== resolved.length) {
    throw new RangeError(`${op}: ${param} [${axes.join(', ')}] names an axis twice`);
  }
  return unique;
}

/** The axes of a rank that are not in `axes`, ascending. */
export function complementAxes(axes: readonly number[], rank: number): number[] {
  const reduced = new Set(axes);
  return Array.from({ length: rank }, (_, axis) => axis).filter((axis) => !reduced.has(axis));
}

/** Shape after reducing `axes` (resolved): dropped, or kept as 1 with keepDims. */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepDims = false): number[] {
  const reduced = new Set(axes);
  return shape.flatMap((extent, axis) => (reduced.has(axis) ? (keepDims ? [1] : []) : [extent]));
}

/** Parses "0,2,-1" into numbers; throws naming the parameter on anything else. */
export function parseAxisList(text: string, op: string, param: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  return parts.map((part) => {
    if (!/^-?\d+$/.test(part)) throw new RangeError(`${op}: ${param}: '${part}' is not an integer axis`);
    return Number(part);
  });
}
