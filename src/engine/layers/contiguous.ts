/**
 * Fast paths for the layouts models use most, reading the input in place (no gather to float64, no
 * scatter back): BatchNorm on a C-contiguous [N, C, …] tensor, and LayerNorm / RMSNorm / GroupNorm /
 * InstanceNorm over contiguous rows. Statistics in float64 (see runMoments), then
 * y = (x − μ)·(1/√(σ² + eps))·γ + β in the input's element type — float32 data is normalized in float32
 * arithmetic (run-kernels.ts). Each path is written once over RunKernels and runs on WebAssembly SIMD
 * when the host enabled it, else on the TypeScript kernels (bit-identical results either way). Results
 * go into the caller's `out` when given (it may be x's own array: every piece's statistics are taken
 * before it is written).
 */
import type { FloatArray } from '../tensor/tensor';
import { typeScriptKernelsFor, type RunKernels } from './run-kernels';
import { runPiecesInWasm, type Pieces } from './wasm-kernels';

interface Moments {
  mean: Float64Array;
  variance: Float64Array;
}

/** Values the shift is taken from: enough to land within a few σ of the mean on any ordinary data. */
const SHIFT_SAMPLE = 64;
/**
 * The fast pass is kept when (μ − shift)² ≤ σ²/4 (the cancellation then costs at most a factor 1.25 on
 * the variance's rounding error) and the mean square is at least this — far above where float32
 * squares go subnormal. Otherwise a second pass centres on the first's mean in float64.
 */
const FAST_MEAN_SQUARE_MIN = 2 ** -100;

/** Σ(x − shift)² and Σ(x − shift) over `runs` runs of `length` values. */
function centredRuns<D, P>(
  k: RunKernels<D, P>,
  fast: boolean,
  input: D,
  runs: number,
  length: number,
  startOf: (run: number) => number,
  shift: number,
): [squares: number, residual: number] {
  let squares = 0;
  let residual = 0;
  for (let r = 0; r < runs; r++) {
    const start = startOf(r);
    squares += fast
      ? k.centredFast(input, start, start + length, shift)
      : k.centred(input, start, start + length, shift);
    residual += k.residual();
  }
  return [squares, residual];
}

/**
 * Mean and biased variance of `runs` runs of `length` values, run r starting at startOf(r), in one read
 * of the data: Σ(x − K)² and Σ(x − K) around K, the mean of the first few values rounded to the element
 * type, give μ = K + Σ(x − K)/n and σ² = (Σ(x − K)² − (Σ(x − K))²/n)/n (the float32 kernels' centredFast:
 * a few float32 roundings, relative). When K lands far from μ (sorted or skewed data), or the squares
 * leave float32's range, a second pass centres on μ in float64 (the corrected two-pass algorithm).
 */
function runMoments<D, P>(
  k: RunKernels<D, P>,
  input: D,
  runs: number,
  length: number,
  startOf: (run: number) => number,
): [mean: number, variance: number] {
  const count = runs * length;
  const sample = Math.min(length, SHIFT_SAMPLE);
  const estimate = runs > 0 && sample > 0 ? k.sum(input, startOf(0), startOf(0) + sample) / sample : 0;
  const moments = (fast: boolean, shift: number): [number, number] => {
    const [squares, residual] = centredRuns(k, fast, input, runs, length, startOf, shift);
    const offset = residual / count;
    return [shift + offset, (squares - residual * offset) / count];
  };
  const shift = k.toElement(estimate);
  const [mean, variance] = moments(true, shift);
  const offset = mean - shift;
  const settled =
    (variance >= FAST_MEAN_SQUARE_MIN && variance < Infinity && offset * offset <= variance / 4) ||
    (variance === 0 && offset === 0 && Math.abs(shift) >= 2 ** -40);
  if (settled || !Number.isFinite(mean)) return [mean, variance];
  return moments(false, mean);
}

/** Σx²/n of one run (RMSNorm's statistic): float32 squares where they keep float32's precision. */
function runMeanSquare<D, P>(k: RunKernels<D, P>, input: D, start: number, end: number): number {
  const count = end - start;
  const fast = k.centredFast(input, start, end, 0) / count;
  return fast >= FAST_MEAN_SQUARE_MIN && Number.isFinite(fast)
    ? fast
    : k.centred(input, start, end, 0) / count;
}

/** x laid out [outer, channels, inner] as pieces: channel c is its `outer` runs of `inner` values. */
function channelPieces(outer: number, channels: number, inner: number): Pieces {
  return {
    count: channels,
    runsOf: () => outer,
    length: inner,
    startOf: (c, n) => (n * channels + c) * inner,
  };
}

type Params = Float32Array | Float64Array;

/**
 * Runs `step(k, input, output, piece, startOf, γ, β)` for every piece into `out` (or a new array of x's
 * type): on the wasm kernels when the host enabled them (see runPiecesInWasm), else on the TypeScript
 * kernels over x in place.
 */
function runPieces<T extends FloatArray>(
  x: T,
  out: T | undefined,
  weight: Params | undefined,
  bias: Params | undefined,
  pieces: Pieces,
  step: <D, P>(
    k: RunKernels<D, P>,
    input: D,
    output: D,
    piece: number,
    startOf: (run: number) => number,
    weight?: P,
    bias?: P,
  ) => void,
): T {
  const viaWasm = runPiecesInWasm(x, out, weight, bias, pieces, (k, frame, piece, startOf) =>
    step(k, frame.x, frame.out, piece, startOf, frame.weight || undefined, frame.bias || undefined),
  );
  if (viaWasm) return viaWasm;
  const output = out ?? new (x.constructor as new (length: number) => T)(x.length);
  const kernels = typeScriptKernelsFor(x);
  for (let p = 0; p < pieces.count; p++)
    step(kernels, x, output, p, (run) => pieces.startOf(p, run), weight, bias);
  return output;
}

/** γ or β in x's element type (float32 layers scale and shift by float32 values). */
function paramsLike(x: FloatArray, values: ArrayLike<number> | undefined): Params | undefined {
  if (!values) return undefined;
  return x instanceof Float32Array ? Float32Array.from(values) : Float64Array.from(values);
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
  out?: T,
): Moments & { output: T } {
  const moments = { mean: new Float64Array(channels), variance: new Float64Array(channels) };
  const output = runPieces(
    x,
    out,
    undefined,
    undefined,
    channelPieces(outer, channels, inner),
    (k, input, output, c, startOf) => {
      const [mean, variance] = runMoments(k, input, outer, inner, startOf);
      moments.mean[c] = mean;
      moments.variance[c] = variance;
      const scale = (1 / Math.sqrt(variance + eps)) * (weight?.[c] ?? 1);
      const shift = bias?.[c] ?? 0;
      for (let n = 0; n < outer; n++)
        k.affine(input, output, startOf(n), startOf(n) + inner, mean, scale, shift);
    },
  );
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
  out?: T,
): T {
  return runPieces(
    x,
    out,
    undefined,
    undefined,
    channelPieces(outer, channels, inner),
    (k, input, output, c, startOf) => {
      for (let n = 0; n < outer; n++)
        k.affine(input, output, startOf(n), startOf(n) + inner, center[c], scale[c], shift[c]);
    },
  );
}

/** Rows per piece: about 256 KB of input, so a piece and its output stay in cache. */
const PIECE_BYTES = 1 << 18;

/**
 * γ and β of a row normalization: one value per element of a row (LayerNorm's normalized shape), or
 * one per channel where each row spans whole channels of `spatial` values (GroupNorm's groups,
 * InstanceNorm's planes; row r's j-th channel is (r·size/spatial + j) mod channels).
 */
export type RowAffine =
  | { per: 'element'; weight?: ArrayLike<number>; bias?: ArrayLike<number> }
  | {
      per: 'channel';
      weight?: ArrayLike<number>;
      bias?: ArrayLike<number>;
      channels: number;
      spatial: number;
    };

/**
 * Normalizes each row of x viewed as [rows, size]: centred (LayerNorm, GroupNorm, InstanceNorm) or not
 * (RMSNorm: x/√(mean(x²) + eps)), then γ, β as `affine` lays them out.
 */
export function normalizeRows<T extends FloatArray>(
  x: T,
  rows: number,
  size: number,
  eps: number,
  center: boolean,
  affine: RowAffine = { per: 'element' },
  out?: T,
): T {
  const perPiece = Math.max(1, Math.floor(PIECE_BYTES / (size * x.BYTES_PER_ELEMENT)));
  const pieces: Pieces = {
    count: Math.ceil(rows / perPiece),
    runsOf: (p) => Math.min(perPiece, rows - p * perPiece),
    length: size,
    startOf: (p, run) => (p * perPiece + run) * size,
  };
  const elementwise = affine.per === 'element';
  const weight = elementwise ? paramsLike(x, affine.weight) : undefined;
  const bias = elementwise ? paramsLike(x, affine.bias) : undefined;
  return runPieces(x, out, weight, bias, pieces, (k, input, output, p, startOf, w, b) => {
    for (let run = 0; run < pieces.runsOf(p); run++) {
      const start = startOf(run);
      const end = start + size;
      let m = 0;
      let second: number;
      if (center) [m, second] = runMoments(k, input, 1, size, () => start);
      else second = runMeanSquare(k, input, start, end);
      const s = 1 / Math.sqrt(second + eps);
      if (affine.per === 'element') {
        if (w || b) k.affineRow(input, output, start, end, m, s, w, b, 0);
        else k.affine(input, output, start, end, m, s, 0);
        continue;
      }
      const { channels, spatial } = affine;
      const first = ((p * perPiece + run) * size) / spatial;
      for (let j = 0, at = start; at < end; j++, at += spatial) {
        const c = (first + j) % channels;
        const scale = s * (affine.weight?.[c] ?? 1);
        k.affine(input, output, at, at + spatial, m, scale, affine.bias?.[c] ?? 0);
      }
    }
  });
}
