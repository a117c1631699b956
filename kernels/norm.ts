// WebAssembly SIMD run kernels for the normalization layers (AssemblyScript; built by
// scripts/build-kernels.mjs into src/engine/layers/norm-kernels.wasm.ts).
//
// Every function works on one contiguous run of float32 (…F32) or float64 (…F64) values at byte
// address `p` of the memory the host passes in (env.memory). Sums accumulate in float64 over eight lanes (elements i ≡ 0…7 mod 8) combined as
// ((l0 + l2) + (l4 + l6)) + ((l1 + l3) + (l5 + l7)), then the tail in order — exactly the order of
// the TypeScript kernels in src/engine/layers/run-kernels.ts, so both give bit-identical results.
// The float32 normalizing pass computes in float32 (Math.fround in TypeScript gives the same bits).

let lastResidual: f64 = 0;

/** The Σ(x − m) of the last centred…() call (the two-pass rounding correction). */
export function residual(): f64 {
  return lastResidual;
}

@inline function total(a0: v128, a1: v128, a2: v128, a3: v128): f64 {
  const w = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  return f64x2.extract_lane(w, 0) + f64x2.extract_lane(w, 1);
}

@inline function low(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

@inline function high(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

export function sumF32(p: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const v0 = v128.load(p + (<usize>i << 2));
    const v1 = v128.load(p + (<usize>i << 2), 16);
    a0 = f64x2.add(a0, low(v0));
    a1 = f64x2.add(a1, high(v0));
    a2 = f64x2.add(a2, low(v1));
    a3 = f64x2.add(a3, high(v1));
  }
  let s = total(a0, a1, a2, a3);
  for (; i < n; i++) s += <f64>load<f32>(p + (<usize>i << 2));
  return s;
}

export function sumF64(p: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const q = p + (<usize>i << 3);
    a0 = f64x2.add(a0, v128.load(q));
    a1 = f64x2.add(a1, v128.load(q, 16));
    a2 = f64x2.add(a2, v128.load(q, 32));
    a3 = f64x2.add(a3, v128.load(q, 48));
  }
  let s = total(a0, a1, a2, a3);
  for (; i < n; i++) s += load<f64>(p + (<usize>i << 3));
  return s;
}

/** Σ(x − m)² of the run; Σ(x − m) is left for residual(). */
export function centredF32(p: usize, n: i32, m: f64): f64 {
  const mv = f64x2.splat(m);
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let r0 = f64x2.splat(0), r1 = f64x2.splat(0), r2 = f64x2.splat(0), r3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const v0 = v128.load(p + (<usize>i << 2));
    const v1 = v128.load(p + (<usize>i << 2), 16);
    const d0 = f64x2.sub(low(v0), mv);
    const d1 = f64x2.sub(high(v0), mv);
    const d2 = f64x2.sub(low(v1), mv);
    const d3 = f64x2.sub(high(v1), mv);
    a0 = f64x2.add(a0, f64x2.mul(d0, d0));
    a1 = f64x2.add(a1, f64x2.mul(d1, d1));
    a2 = f64x2.add(a2, f64x2.mul(d2, d2));
    a3 = f64x2.add(a3, f64x2.mul(d3, d3));
    r0 = f64x2.add(r0, d0);
    r1 = f64x2.add(r1, d1);
    r2 = f64x2.add(r2, d2);
    r3 = f64x2.add(r3, d3);
  }
  let s = total(a0, a1, a2, a3);
  let r = total(r0, r1, r2, r3);
  for (; i < n; i++) {
    const d = <f64>load<f32>(p + (<usize>i << 2)) - m;
    s += d * d;
    r += d;
  }
  lastResidual = r;
  return s;
}

/**
 * Σ(x − K)² of the run with float32 differences and squares, K a float32: each block of 16 values
 * sums its squares in float32 as ((d0² + d1²) + (d2² + d3²)) per lane (three roundings, relative to a
 * sum of positive terms) before float64 takes over; Σ(x − K) likewise. The tail runs in float64 on
 * float32 differences. Σ(x − K) is left for residual().
 */
export function centredFastF32(p: usize, n: i32, k: f32): f64 {
  const kv = f32x4.splat(k);
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), r0 = f64x2.splat(0), r1 = f64x2.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const q = p + (<usize>i << 2);
    const d0 = f32x4.sub(v128.load(q), kv);
    const d1 = f32x4.sub(v128.load(q, 16), kv);
    const d2 = f32x4.sub(v128.load(q, 32), kv);
    const d3 = f32x4.sub(v128.load(q, 48), kv);
    const sq = f32x4.add(
      f32x4.add(f32x4.mul(d0, d0), f32x4.mul(d1, d1)),
      f32x4.add(f32x4.mul(d2, d2), f32x4.mul(d3, d3)),
    );
    const rs = f32x4.add(f32x4.add(d0, d1), f32x4.add(d2, d3));
    a0 = f64x2.add(a0, low(sq));
    a1 = f64x2.add(a1, high(sq));
    r0 = f64x2.add(r0, low(rs));
    r1 = f64x2.add(r1, high(rs));
  }
  const a = f64x2.add(a0, a1);
  const r = f64x2.add(r0, r1);
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  let t = f64x2.extract_lane(r, 0) + f64x2.extract_lane(r, 1);
  for (; i < n; i++) {
    const d = <f64>(load<f32>(p + (<usize>i << 2)) - k);
    s += d * d;
    t += d;
  }
  lastResidual = t;
  return s;
}

export function centredF64(p: usize, n: i32, m: f64): f64 {
  const mv = f64x2.splat(m);
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let r0 = f64x2.splat(0), r1 = f64x2.splat(0), r2 = f64x2.splat(0), r3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const q = p + (<usize>i << 3);
    const d0 = f64x2.sub(v128.load(q), mv);
    const d1 = f64x2.sub(v128.load(q, 16), mv);
    const d2 = f64x2.sub(v128.load(q, 32), mv);
    const d3 = f64x2.sub(v128.load(q, 48), mv);
    a0 = f64x2.add(a0, f64x2.mul(d0, d0));
    a1 = f64x2.add(a1, f64x2.mul(d1, d1));
    a2 = f64x2.add(a2, f64x2.mul(d2, d2));
    a3 = f64x2.add(a3, f64x2.mul(d3, d3));
    r0 = f64x2.add(r0, d0);
    r1 = f64x2.add(r1, d1);
    r2 = f64x2.add(r2, d2);
    r3 = f64x2.add(r3, d3);
  }
  let s = total(a0, a1, a2, a3);
  let r = total(r0, r1, r2, r3);
  for (; i < n; i++) {
    const d = load<f64>(p + (<usize>i << 3)) - m;
    s += d * d;
    r += d;
  }
  lastResidual = r;
  return s;
}

/**
 * out = ((x − mh) − ml)·s + b over the run in float32 arithmetic, m = mh + ml split into two float32s so
 * the centring keeps the mean's float64 bits (each of the four operations rounds once, relative to its
 * own result).
 */
export function affineF32(src: usize, dst: usize, n: i32, mh: f32, ml: f32, s: f32, b: f32): void {
  const hv = f32x4.splat(mh), lv = f32x4.splat(ml), sv = f32x4.splat(s), bv = f32x4.splat(b);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const q = <usize>i << 2;
    const v = v128.load(src + q);
    const w = v128.load(src + q, 16);
    v128.store(dst + q, f32x4.add(f32x4.mul(f32x4.sub(f32x4.sub(v, hv), lv), sv), bv));
    v128.store(dst + q, f32x4.add(f32x4.mul(f32x4.sub(f32x4.sub(w, hv), lv), sv), bv), 16);
  }
  for (; i < n; i++) {
    const q = <usize>i << 2;
    store<f32>(dst + q, ((load<f32>(src + q) - mh) - ml) * s + b);
  }
}

export function affineF64(src: usize, dst: usize, n: i32, m: f64, s: f64, b: f64): void {
  const mv = f64x2.splat(m), sv = f64x2.splat(s), bv = f64x2.splat(b);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const q = <usize>i << 3;
    v128.store(dst + q, f64x2.add(f64x2.mul(f64x2.sub(v128.load(src + q), mv), sv), bv));
  }
  for (; i < n; i++) store<f64>(dst + (<usize>i << 3), (load<f64>(src + (<usize>i << 3)) - m) * s + b);
}

// Elementwise affine (float64): out = (x − m)·s·w[k] + b[k] with w, b float64 at byte addresses
// (0 = absent), in the TypeScript kernels' exact expression for each case.

@inline function rowValue(x: v128, mv: v128, sv: v128, w: usize, b: usize, k: usize): v128 {
  let y = f64x2.mul(f64x2.sub(x, mv), sv);
  if (w) y = f64x2.mul(y, v128.load(w + k));
  if (b) y = f64x2.add(y, v128.load(b + k));
  return y;
}

@inline function rowScalar(x: f64, m: f64, s: f64, w: usize, b: usize, k: usize): f64 {
  let y = (x - m) * s;
  if (w) y = y * load<f64>(w + k);
  if (b) y = y + load<f64>(b + k);
  return y;
}

/** out = ((x − mh) − ml)·s·w[k] + b[k] in float32 arithmetic, w and b float32 (0 = absent). */
export function affineRowF32(src: usize, dst: usize, n: i32, mh: f32, ml: f32, s: f32, w: usize, b: usize): void {
  const hv = f32x4.splat(mh), lv = f32x4.splat(ml), sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const q = <usize>i << 2;
    let y = f32x4.mul(f32x4.sub(f32x4.sub(v128.load(src + q), hv), lv), sv);
    if (w) y = f32x4.mul(y, v128.load(w + q));
    if (b) y = f32x4.add(y, v128.load(b + q));
    v128.store(dst + q, y);
  }
  for (; i < n; i++) {
    const q = <usize>i << 2;
    let y = ((load<f32>(src + q) - mh) - ml) * s;
    if (w) y = y * load<f32>(w + q);
    if (b) y = y + load<f32>(b + q);
    store<f32>(dst + q, y);
  }
}

export function affineRowF64(src: usize, dst: usize, n: i32, m: f64, s: f64, w: usize, b: usize): void {
  const mv = f64x2.splat(m), sv = f64x2.splat(s);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const k = <usize>i << 3;
    v128.store(dst + k, rowValue(v128.load(src + k), mv, sv, w, b, k));
  }
  for (; i < n; i++) store<f64>(dst + (<usize>i << 3), rowScalar(load<f64>(src + (<usize>i << 3)), m, s, w, b, <usize>i << 3));
}
