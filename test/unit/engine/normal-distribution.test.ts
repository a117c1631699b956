/* eslint-disable no-loss-of-precision -- reference values quoted to 17 digits as mpmath printed them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, normalPpf } from '../../../src/engine/scale/normal-distribution';
import { brentMinimize } from '../../../src/engine/scale/brent';
import { assertClose } from '../../helpers/close';

// Φ⁻¹ from Python's statistics.NormalDist (Wichura AS241) and Φ from mpmath.ncdf: independent of Cephes.
const PPF: [number, number][] = [
  [0.975, 1.9599639845400536],
  [0.9, 1.2815515655446008],
  [0.75, 0.6744897501960817],
  [0.5, 0],
  [0.25, -0.6744897501960817],
  [0.01, -2.3263478740408408],
  [1e-7, -5.199337582192817],
  [1e-10, -6.361340902404056],
  [1e-20, -9.262340089798405],
  [0.3, -0.5244005127080407],
  [0.6, 0.2533471031357998],
];
const CDF: [number, number][] = [
  [-10, 7.6198530241605261e-24],
  [-5, 2.8665157187919391e-7],
  [-1.5, 0.066807201268858066],
  [-0.3, 0.38208857781104737],
  [0, 0.5],
  [0.3, 0.61791142218895263],
  [1.5, 0.93319279873114193],
  [3, 0.99865010196836991],
  [6, 0.99999999901341235],
];

test('normalPpf agrees with an independent Φ⁻¹ to 1e-14 across the tails', () => {
  for (const [p, x] of PPF) assertClose(normalPpf(p), x, { rel: 1e-14, abs: 1e-15 }, `ppf(${p})`);
  // 1 - 1e-7 is not exactly representable, so compare against the mirrored lower tail at 2e-9
  assertClose(normalPpf(1 - 1e-7), 5.199337582290662, { rel: 2e-9 }, 'ppf(1-1e-7)');
});

test('normalCdf agrees with mpmath Φ to 1e-14, deep in the lower tail too', () => {
  for (const [x, p] of CDF) assertClose(normalCdf(x), p, { rel: 1e-14, abs: 0 }, `cdf(${x})`);
});

test('normalCdf(normalPpf(p)) returns p on a grid from 1e-12 to 1 - 1e-12', () => {
  for (const p of [1e-12, 1e-9, 1e-5, 0.01, 0.1, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95, 0.999, 1 - 1e-9]) {
    assertClose(normalCdf(normalPpf(p)), p, { rel: 1e-13, abs: 0 }, `p=${p}`);
  }
});

test('normalPpf and normalCdf handle 0, 1, NaN, out-of-range and infinite input', () => {
  assert.equal(normalPpf(0), -Infinity);
  assert.equal(normalPpf(1), Infinity);
  assert.ok([normalPpf(-0.1), normalPpf(1.1), normalPpf(NaN)].every(Number.isNaN));
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(normalCdf(Infinity), 1);
  assert.ok(Number.isNaN(normalCdf(NaN)));
  assert.equal(normalCdf(-40), 0);
});

test('brentMinimize finds minima inside and outside the starting bracket', () => {
  assertClose(
    brentMinimize((x) => (x - 0.3) ** 2),
    0.3,
    { rel: 1e-7 },
  );
  assertClose(
    brentMinimize((x) => (x - 7) ** 2),
    7,
    { rel: 1e-7 },
  );
  assertClose(
    brentMinimize((x) => Math.cosh(x + 5)),
    -5,
    { rel: 1e-7 },
  );
});
