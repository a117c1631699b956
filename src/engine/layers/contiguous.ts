/**
 * Fast paths for the layouts models use most, reading the input in place (no gather to float64, no
 * scatter back): BatchNorm on a C-contiguous [N, C, …] tensor, and LayerNorm / RMSNorm / GroupNorm /
 * InstanceNorm over contiguous rows. Same arithmetic as the general path: two passes per statistic
 * (mean, then centred squares with the rounding correction), then y = (x − μ)·(1/√(σ² + eps))·γ + β in
 * the input's element type. Each path is written once over RunKernels and runs on WebAssembly SIMD when
 * the host enabled it, else on the TypeScript kernels (bit-identical results either way).
 */
import type { FloatArray } from '../tensor/tensor';
import { typeScriptKernels, type RunKernels } from './run-kernels';
import { runInWasm, type WasmFrame } from './wasm-kernels';

/** Runs a path on the TypeScript kernels into a new array of x's type. */
function runPlain<T extends FloatArray>(
  x: T,
  run: (k: RunKernels<FloatArray, ArrayLike<number>>, input: T, output: T) => void,
): T {
  const output = new (x.constructor as new (length: number) => T)(x.length);
  run(typeScriptKernels, x, output);
  return output;
}

interface Moments {
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Mean and biased variance of `runs` runs of `length` values, run r starting at startOf(r): two passes,
 * the second correcting the rounding left in the first's mean.
 */
function runMoments<D, P>(
  k: RunKernels<D, P>,
  input: D,
  runs: number,
  length: number,
  startOf: (run: number) => number,
): [mean: number, variance: number] {
  const count = runs * length;
  let sum = 0;
  for (let r = 0; r < runs; r++) sum += k.sum(input, startOf(r), startOf(r) + length);
  const first = sum / count;
  let squares = 0;
  let residual = 0;
  for (let r = 0; r < runs; r++) {
    squares += k.centred(input, startOf(r), startOf(r) + length, first);
    residual += k.residual();
  }
  return [first + residual / count, (squares - (residual * residual) / count) / count];
}

/**
 * BatchNorm in training mode on x laid out [outer, channels, inner] (C order): per-channel mean and
 * biased variance, and each channel normalized with scale[c] = γ[c]/√(σ²[c] + eps) and shift β[c] right
 * after its statistics, while its values are still in cache.
 */
export function batchNormTrainChannels<T extends FloatArray>(
  x: T,
  outer: number,
  channels: number,
  inner: number,
  eps: number,
  weight?: ArrayLike<number>,
  bias?: ArrayLike<number>,
): Moments & { output: T } {
  const moments = { mean: new Float64Array(channels), variance: new Float64Array(channels) };
  const run = <D, P>(k: RunKernels<D, P>, input: D, output: D) => {
    for (let c = 0; c < channels; c++) {
      const [mean, variance] = runMoments(k, input, outer, inner, (n) => (n * channels + c) * inner);
      moments.mean[c] = mean;
      moments.variance[c] = variance;
      const scale = (1 / Math.sqrt(variance + eps)) * (weight?.[c] ?? 1);
      const shift = bias?.[c] ?? 0;
      for (let n = 0; n < outer; n++) {
        const start = (n * channels + c) * inner;
        k.affine(input, output, start, start + inner, mean, scale, shift);
      }
    }
  };
  const output =
    runInWasm(x, undefined, undefined, (k, frame) => run(k, frame.x, frame.out)) ?? runPlain(x, run);
  return { ...moments, output };
}

/** y = (x − center[c])·scale[c] + shift[c] for x laid out [outer, channels, inner]. */
export function normalizeChannels<T extends FloatArray>(
  x: T,
  outer: number,
  channels: number,
  inner: number,
  center: ArrayLike<number>,
  scale: ArrayLike<number>,
  shift: ArrayLike<number>,
): T {
  const run = <D, P>(k: RunKernels<D, P>, input: D, output: D) => {
    for (let n = 0; n < outer; n++) {
      for (let c = 0; c < channels; c++) {
        const start = (n * channels + c) * inner;
        k.affine(input, output, start, start + inner, center[c], scale[c], shift[c]);
      }
    }
  };
  return runInWasm(x, undefined, undefined, (k, frame) => run(k, frame.x, frame.out)) ?? runPlain(x, run);
}

/**
 * Normalizes each row of x viewed as [rows, size] (LayerNorm's trailing block, GroupNorm's groups,
 * InstanceNorm's (n, c) planes): centred (LayerNorm) or not (RMSNorm). γ, β hold `period` rows of
 * `size` values and row r uses row r % period of them (1 for LayerNorm, G for GroupNorm, C for InstanceNorm).
 */
export function normalizeRows<T extends FloatArray>(
  x: T,
  rows: number,
  size: number,
  eps: number,
  center: boolean,
  weight?: ArrayLike<number>,
  bias?: ArrayLike<number>,
  period = 1,
): T {
  const run = <D, P>(k: RunKernels<D, P>, input: D, output: D, w?: P, b?: P) => {
    for (let r = 0, start = 0; r < rows; r++, start += size) {
      const end = start + size;
      let m = 0;
      let second: number;
      if (center) [m, second] = runMoments(k, input, 1, size, () => start);
      else second = k.centred(input, start, end, 0) / size; // RMSNorm: Σx² / n
      k.affineRow(input, output, start, end, m, 1 / Math.sqrt(second + eps), w, b, (r % period) * size);
    }
  };
  const viaWasm = (k: RunKernels<number, number>, frame: WasmFrame) =>
    run(k, frame.x, frame.out, frame.weight || undefined, frame.bias || undefined);
  return (
    runInWasm(x, weight, bias, viaWasm) ??
    runPlain(x, (k, input, output) => run(k, input, output, weight, bias))
  );
}

/** Per-channel values repeated over `spatial` positions: the γ or β rows normalizeRows reads. */
export function expandPerChannel(
  values: ArrayLike<number> | undefined,
  channels: number,
  spatial: number,
): Float64Array | undefined {
  if (!values) return undefined;
  const out = new Float64Array(channels * spatial);
  for (let c = 0; c < channels; c++) out.fill(values[c], c * spatial, (c + 1) * spatial);
  return out;
}
