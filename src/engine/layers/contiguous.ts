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
import { runPiecesInWasm, type Pieces } from './wasm-kernels';

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

/** x laid out [outer, channels, inner] as pieces: channel c is its `outer` runs of `inner` values. */
function channelPieces(outer: number, channels: number, inner: number): Pieces {
  return {
    count: channels,
    runsOf: () => outer,
    length: inner,
    startOf: (c, n) => (n * channels + c) * inner,
  };
}

/**
 * Runs `step(k, input, output, piece, startOf)` for every piece: on wasm copies of each piece (runs
 * packed side by side) when the host enabled the wasm kernels, else on the TypeScript kernels over x
 * in place, into a new array of x's type.
 */
function runPieces<T extends FloatArray>(
  x: T,
  weight: ArrayLike<number> | undefined,
  bias: ArrayLike<number> | undefined,
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
  const { length } = pieces;
  const viaWasm = runPiecesInWasm(x, weight, bias, pieces, (k, frame, piece) =>
    step(
      k,
      frame.x,
      frame.out,
      piece,
      (run) => run * length,
      frame.weight || undefined,
      frame.bias || undefined,
    ),
  );
  if (viaWasm) return viaWasm;
  const output = new (x.constructor as new (length: number) => T)(x.length);
  for (let p = 0; p < pieces.count; p++)
    step(typeScriptKernels, x, output, p, (run) => pieces.startOf(p, run), weight, bias);
  return output;
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
  const output = runPieces(
    x,
    undefined,
    undefined,
    channelPieces(outer, channels, inner),
    (k, input, out, c, startOf) => {
      const [mean, variance] = runMoments(k, input, outer, inner, startOf);
      moments.mean[c] = mean;
      moments.variance[c] = variance;
      const scale = (1 / Math.sqrt(variance + eps)) * (weight?.[c] ?? 1);
      const shift = bias?.[c] ?? 0;
      for (let n = 0; n < outer; n++)
        k.affine(input, out, startOf(n), startOf(n) + inner, mean, scale, shift);
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
): T {
  return runPieces(
    x,
    undefined,
    undefined,
    channelPieces(outer, channels, inner),
    (k, input, out, c, startOf) => {
      for (let n = 0; n < outer; n++)
        k.affine(input, out, startOf(n), startOf(n) + inner, center[c], scale[c], shift[c]);
    },
  );
}

/** Rows per piece: about 256 KB of input, so a piece and its output stay in cache. */
const PIECE_BYTES = 1 << 18;

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
  const perPiece = Math.max(1, Math.floor(PIECE_BYTES / (size * x.BYTES_PER_ELEMENT)));
  const pieces: Pieces = {
    count: Math.ceil(rows / perPiece),
    runsOf: (p) => Math.min(perPiece, rows - p * perPiece),
    length: size,
    startOf: (p, run) => (p * perPiece + run) * size,
  };
  return runPieces(x, weight, bias, pieces, (k, input, output, p, startOf, w, b) => {
    for (let run = 0; run < pieces.runsOf(p); run++) {
      const start = startOf(run);
      const end = start + size;
      let m = 0;
      let second: number;
      if (center) [m, second] = runMoments(k, input, 1, size, () => start);
      else second = k.centred(input, start, end, 0) / size; // RMSNorm: Σx² / n
      const row = p * perPiece + run;
      k.affineRow(input, output, start, end, m, 1 / Math.sqrt(second + eps), w, b, (row % period) * size);
    }
  });
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
