/**
 * What the explainer shows: the [N, C, H, W] shape, GroupNorm's group count, the framework, the layer
 * the host focused, and the user's selected array; and the tensor its live statistics are computed on.
 */
import type { Framework, NormLayer } from '../../engine/explain/conventions';

export interface ExplainerState {
  shape: number[];
  groups: number;
  framework: Framework;
  focus: NormLayer;
  /** The user's selected array (from the host), used while the shape is its shape. */
  array: { shape: number[]; values: Float64Array; source: string } | undefined;
}

export function initialState(): ExplainerState {
  return { shape: [8, 6, 4, 4], groups: 2, framework: 'torch', focus: 'batchnorm', array: undefined };
}

/** Whether the user's array is the one in use (its shape is the shape shown). */
export function usesArray(state: ExplainerState): boolean {
  const array = state.array;
  return array !== undefined && array.shape.every((extent, i) => extent === state.shape[i]);
}

/** The user's array when the shape is its shape, else a seeded sample tensor; NCHW either way. */
export function liveTensor(state: ExplainerState): Float64Array {
  return usesArray(state) ? state.array!.values : sampleTensor(state.shape);
}

/** A seeded sample tensor (so the live numbers are reproducible), NCHW. */
function sampleTensor(shape: number[]): Float64Array {
  const size = shape.reduce((a, b) => a * b, 1);
  let seed = 12345;
  return Float64Array.from({ length: size }, (_, i) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const channel = Math.floor(i / (shape[2] * shape[3])) % shape[1];
    return (seed / 2147483648 - 0.5) * 4 + channel * 3;
  });
}

/** A theme colour from VS Code's CSS variables, with a fallback outside VS Code. */
export function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}
