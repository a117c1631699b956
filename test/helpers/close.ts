// Float comparison with an explicit tolerance: |a-e| <= abs + rel*|e|; NaN matches NaN, ±Inf match exactly.
import assert from 'node:assert/strict';

export interface Tolerance {
  rel?: number;
  abs?: number;
}

export const PARITY: Required<Tolerance> = { rel: 1e-9, abs: 1e-12 };

/** Largest |a-e| / (abs/rel + |e|)·rel-style error ratio; <= 1 means within tolerance. */
export function maxErrorRatio(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance = PARITY,
): number {
  const rel = tol.rel ?? PARITY.rel;
  const abs = tol.abs ?? PARITY.abs;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a) || !Number.isFinite(e)) {
      worst = Math.max(worst, Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)) ? 0 : Infinity);
      continue;
    }
    worst = Math.max(worst, Math.abs(a - e) / (abs + rel * Math.abs(e)));
  }
  return worst;
}

export function assertClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tol: Tolerance = PARITY,
  what = 'value',
): void {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  assert.equal(a.length, e.length, `${what}: length ${a.length} != expected ${e.length}`);
  const rel = tol.rel ?? PARITY.rel;
  const abs = tol.abs ?? PARITY.abs;
  for (let i = 0; i < e.length; i++) {
    const ai = a[i];
    const ei = e[i];
    if (Number.isNaN(ei)) {
      assert.ok(Number.isNaN(ai), `${what}[${i}]: expected NaN, got ${ai}`);
    } else if (!Number.isFinite(ei)) {
      assert.equal(ai, ei, `${what}[${i}]: expected ${ei}, got ${ai}`);
    } else {
      const err = Math.abs(ai - ei);
      assert.ok(
        err <= abs + rel * Math.abs(ei),
        `${what}[${i}]: got ${ai}, expected ${ei} (|err| ${err.toExponential(2)} > ${abs} + ${rel}·|e|)`,
      );
    }
  }
}

/**
 * Tolerance for a statistic of `values` whose conditioning κ = max|x| / spread bounds every float64
 * implementation: NumPy's own mean carries an error of about n·eps·max|x|, so results of
 * ill-conditioned columns (1e9 + 1e-3 noise: κ ≈ 1e12) can only agree to about √n·eps·κ.
 * Well-conditioned columns keep the 1e-9 parity bound.
 */
export function conditionedTolerance(values: ArrayLike<number>): Required<Tolerance> {
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length < 2) return PARITY;
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const spread = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / finite.length);
  const maxAbs = Math.max(...finite.map(Math.abs));
  if (spread === 0) return PARITY;
  const kappa = maxAbs / spread;
  const rel = Math.max(PARITY.rel, Math.sqrt(finite.length) * Number.EPSILON * kappa);
  // Results in units of the spread (z-scores near 0) carry the same error absolutely.
  return { rel, abs: rel > PARITY.rel ? rel : PARITY.abs };
}
