/**
 * Fast paths for the layouts models use most, reading the input in place (no gather to float64, no
 * scatter back): BatchNorm on a C-contiguous [N, C, …] tensor, and LayerNorm / RMSNorm over a trailing
 * block. Same arithmetic as the general path: two passes per statistic (mean, then centred squares with
 * the rounding correction), then y = (x − μ)·(1/√(σ² + eps))·γ + β in the input's element type.
 */
import type { FloatArray } from '../tensor/tensor';

/** Per-channel mean and biased variance of x laid out [outer, channels, inner] (C order). */
export function channelMoments(
  x: FloatArray,
  outer: number,
  channels: number,
  inner: number,
): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  const count = outer * inner;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let n = 0; n < outer; n++) {
      const start = (n * channels + c) * inner;
      for (let i = start, end = start + inner; i < end; i++) sum += x[i];
    }
    const m = sum / count;
    let squares = 0;
    let residual = 0;
    for (let n = 0; n < outer; n++) {
      const start = (n * channels + c) * inner;
      for (let i = start, end = start + inner; i < end; i++) {
        const d = x[i] - m;
        squares += d * d;
        residual += d;
      }
    }
    mean[c] = m + residual / count;
    variance[c] = (squares - (residual * residual) / count) / count;
  }
  return { mean, variance };
}

/** y = (x − center[c])·scale[c] + shift[c] for x laid out [outer, channels, inner]. */
export function normalizeChannels<T extends FloatArray>(
  x: T,
  out: T,
  outer: number,
  channels: number,
  inner: number,
  center: ArrayLike<number>,
  scale: ArrayLike<number>,
  shift: ArrayLike<number>,
): T {
  for (let n = 0; n < outer; n++) {
    for (let c = 0; c < channels; c++) {
      const m = center[c];
      const s = scale[c];
      const b = shift[c];
      const start = (n * channels + c) * inner;
      for (let i = start, end = start + inner; i < end; i++) out[i] = (x[i] - m) * s + b;
    }
  }
  return out;
}

/**
 * Normalizes each row of x viewed as [rows, size] (LayerNorm's trailing block, GroupNorm's groups,
 * InstanceNorm's (n, c) planes): centred (LayerNorm) or not (RMSNorm). γ, β hold `period` rows of
 * `size` values and row r uses row r % period of them (1 for LayerNorm, G for GroupNorm, C for InstanceNorm).
 */
export function normalizeRows<T extends FloatArray>(
  x: T,
  out: T,
  rows: number,
  size: number,
  eps: number,
  center: boolean,
  weight?: ArrayLike<number>,
  bias?: ArrayLike<number>,
  period = 1,
): T {
  for (let r = 0, start = 0; r < rows; r++, start += size) {
    const at = (r % period) * size;
    const end = start + size;
    let m = 0;
    let second: number;
    if (center) {
      let sum = 0;
      for (let i = start; i < end; i++) sum += x[i];
      const first = sum / size;
      let squares = 0;
      let residual = 0;
      for (let i = start; i < end; i++) {
        const d = x[i] - first;
        squares += d * d;
        residual += d;
      }
      m = first + residual / size;
      second = (squares - (residual * residual) / size) / size;
    } else {
      let squares = 0;
      for (let i = start; i < end; i++) squares += x[i] * x[i];
      second = squares / size;
    }
    const s = 1 / Math.sqrt(second + eps);
    if (weight && bias)
      for (let i = start, k = at; i < end; i++, k++) out[i] = (x[i] - m) * s * weight[k] + bias[k];
    else if (weight) for (let i = start, k = at; i < end; i++, k++) out[i] = (x[i] - m) * s * weight[k];
    else if (bias) for (let i = start, k = at; i < end; i++, k++) out[i] = (x[i] - m) * s + bias[k];
    else for (let i = start; i < end; i++) out[i] = (x[i] - m) * s;
  }
  return out;
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
