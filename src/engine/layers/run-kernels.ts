/**
 * The operations every contiguous normalization is made of, on one run x[start, end) of the input:
 * a sum, centred squares (with the residual Σ(x − m) for the rounding correction) and the affine
 * write-back. Two implementations share this interface: plain TypeScript here and WebAssembly SIMD
 * (./wasm-kernels.ts, from kernels/norm.ts). Sums accumulate in float64 over eight lanes combined in
 * the same order, so both agree bit for bit; the lanes also give the scalar loop independent dependency
 * chains. The float32 write-back computes in float32 (Math.fround after every operation: a float64
 * result of two float32 operands rounds to the float32 one), the float64 one in float64.
 */
import type { FloatArray } from '../tensor/tensor';

/**
 * `Data` addresses the input and output (typed arrays, or byte addresses in wasm memory); `Params` γ, β
 * in the element type of the data.
 */
export interface RunKernels<Data, Params> {
  sum(x: Data, start: number, end: number): number;
  /** Σ(x − m)²; Σ(x − m) is then available from residual(). */
  centred(x: Data, start: number, end: number, m: number): number;
  residual(): number;
  /**
   * centred() around k rounded to the element type, in the element type's arithmetic where that is
   * cheaper (float32: differences and squares in float32, summed in float32 three deep per block of 16
   * before float64; float64: centred itself). Accurate to a few float32 roundings relative to Σ(x − k)²
   * while the squares neither overflow nor underflow float32.
   */
  centredFast(x: Data, start: number, end: number, k: number): number;
  /** m rounded to the element type (the shift centredFast actually uses). */
  toElement(m: number): number;
  /** out = (x − m)·s + b. */
  affine(x: Data, out: Data, start: number, end: number, m: number, s: number, b: number): void;
  /** out[i] = (x[i] − m)·s·weight[at + i − start] + bias[…], either factor absent. */
  affineRow(
    x: Data,
    out: Data,
    start: number,
    end: number,
    m: number,
    s: number,
    weight: Params | undefined,
    bias: Params | undefined,
    at: number,
  ): void;
}

let lastResidual = 0;

type TypeScriptKernels = RunKernels<FloatArray, ArrayLike<number>>;

const statistics: Pick<TypeScriptKernels, 'sum' | 'centred' | 'residual'> = {
  sum(x, start, end) {
    let l0 = 0,
      l1 = 0,
      l2 = 0,
      l3 = 0,
      l4 = 0,
      l5 = 0,
      l6 = 0,
      l7 = 0;
    let i = start;
    for (; i + 8 <= end; i += 8) {
      l0 += x[i];
      l1 += x[i + 1];
      l2 += x[i + 2];
      l3 += x[i + 3];
      l4 += x[i + 4];
      l5 += x[i + 5];
      l6 += x[i + 6];
      l7 += x[i + 7];
    }
    let s = l0 + l2 + (l4 + l6) + (l1 + l3 + (l5 + l7));
    for (; i < end; i++) s += x[i];
    return s;
  },

  centred(x, start, end, m) {
    let q0 = 0,
      q1 = 0,
      q2 = 0,
      q3 = 0,
      q4 = 0,
      q5 = 0,
      q6 = 0,
      q7 = 0;
    let r0 = 0,
      r1 = 0,
      r2 = 0,
      r3 = 0,
      r4 = 0,
      r5 = 0,
      r6 = 0,
      r7 = 0;
    let i = start;
    for (; i + 8 <= end; i += 8) {
      const d0 = x[i] - m;
      const d1 = x[i + 1] - m;
      const d2 = x[i + 2] - m;
      const d3 = x[i + 3] - m;
      const d4 = x[i + 4] - m;
      const d5 = x[i + 5] - m;
      const d6 = x[i + 6] - m;
      const d7 = x[i + 7] - m;
      q0 += d0 * d0;
      q1 += d1 * d1;
      q2 += d2 * d2;
      q3 += d3 * d3;
      q4 += d4 * d4;
      q5 += d5 * d5;
      q6 += d6 * d6;
      q7 += d7 * d7;
      r0 += d0;
      r1 += d1;
      r2 += d2;
      r3 += d3;
      r4 += d4;
      r5 += d5;
      r6 += d6;
      r7 += d7;
    }
    let squares = q0 + q2 + (q4 + q6) + (q1 + q3 + (q5 + q7));
    let residual = r0 + r2 + (r4 + r6) + (r1 + r3 + (r5 + r7));
    for (; i < end; i++) {
      const d = x[i] - m;
      squares += d * d;
      residual += d;
    }
    lastResidual = residual;
    return squares;
  },

  residual: () => lastResidual,
};

/** The float64 write-back (also any non-float32 data). */
export const float64Kernels: TypeScriptKernels = {
  ...statistics,
  centredFast: (x, start, end, k) => statistics.centred(x, start, end, k),
  toElement: (m) => m,
  affine(x, out, start, end, m, s, b) {
    for (let i = start; i < end; i++) out[i] = (x[i] - m) * s + b;
  },

  affineRow(x, out, start, end, m, s, weight, bias, at) {
    if (weight && bias)
      for (let i = start, k = at; i < end; i++, k++) out[i] = (x[i] - m) * s * weight[k] + bias[k];
    else if (weight) for (let i = start, k = at; i < end; i++, k++) out[i] = (x[i] - m) * s * weight[k];
    else if (bias) for (let i = start, k = at; i < end; i++, k++) out[i] = (x[i] - m) * s + bias[k];
    else for (let i = start; i < end; i++) out[i] = (x[i] - m) * s;
  },
};

const f = Math.fround;

/**
 * The float32 write-back: m splits into float32 mh + ml (ml = m − mh rounded), so y = ((x − mh) − ml)·s + b
 * centres on the float64 mean; γ, β are float32 arrays. Same operations as kernels/norm.ts affineF32.
 */
export const float32Kernels: TypeScriptKernels = {
  ...statistics,
  centredFast(x, start, end, k) {
    const c = f(k);
    // Lane l of the SIMD kernel: q_l for the squares, r_l for the differences. Unrolled by hand: a helper
    // per lane returning both sums made LayerNorm on these kernels about 30% slower.
    let q0 = 0,
      q1 = 0,
      q2 = 0,
      q3 = 0,
      r0 = 0,
      r1 = 0,
      r2 = 0,
      r3 = 0;
    let i = start;
    for (; i + 16 <= end; i += 16) {
      let a = f(x[i] - c),
        b = f(x[i + 4] - c),
        d = f(x[i + 8] - c),
        e = f(x[i + 12] - c);
      q0 += f(f(f(a * a) + f(b * b)) + f(f(d * d) + f(e * e)));
      r0 += f(f(a + b) + f(d + e));
      a = f(x[i + 1] - c);
      b = f(x[i + 5] - c);
      d = f(x[i + 9] - c);
      e = f(x[i + 13] - c);
      q1 += f(f(f(a * a) + f(b * b)) + f(f(d * d) + f(e * e)));
      r1 += f(f(a + b) + f(d + e));
      a = f(x[i + 2] - c);
      b = f(x[i + 6] - c);
      d = f(x[i + 10] - c);
      e = f(x[i + 14] - c);
      q2 += f(f(f(a * a) + f(b * b)) + f(f(d * d) + f(e * e)));
      r2 += f(f(a + b) + f(d + e));
      a = f(x[i + 3] - c);
      b = f(x[i + 7] - c);
      d = f(x[i + 11] - c);
      e = f(x[i + 15] - c);
      q3 += f(f(f(a * a) + f(b * b)) + f(f(d * d) + f(e * e)));
      r3 += f(f(a + b) + f(d + e));
    }
    let squares = q0 + q2 + (q1 + q3);
    let residual = r0 + r2 + (r1 + r3);
    for (; i < end; i++) {
      const d = f(x[i] - c);
      squares += d * d;
      residual += d;
    }
    lastResidual = residual;
    return squares;
  },
  toElement: f,
  affine(x, out, start, end, m, s, b) {
    const mh = f(m);
    const ml = f(m - mh);
    const s32 = f(s);
    const b32 = f(b);
    for (let i = start; i < end; i++) out[i] = f(f(f(x[i] - mh) - ml) * s32) + b32;
  },

  affineRow(x, out, start, end, m, s, weight, bias, at) {
    const mh = f(m);
    const ml = f(m - mh);
    const s32 = f(s);
    if (weight && bias)
      for (let i = start, k = at; i < end; i++, k++)
        out[i] = f(f(f(f(x[i] - mh) - ml) * s32) * weight[k]) + bias[k];
    else if (weight)
      for (let i = start, k = at; i < end; i++, k++) out[i] = f(f(f(x[i] - mh) - ml) * s32) * weight[k];
    else if (bias)
      for (let i = start, k = at; i < end; i++, k++) out[i] = f(f(f(x[i] - mh) - ml) * s32) + bias[k];
    else for (let i = start; i < end; i++) out[i] = f(f(x[i] - mh) - ml) * s32;
  },
};

/** The TypeScript kernels for x's element type. */
export function typeScriptKernelsFor(x: FloatArray): TypeScriptKernels {
  return x instanceof Float32Array ? float32Kernels : float64Kernels;
}
