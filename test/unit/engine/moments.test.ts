import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyMoments,
  kurtosisOf,
  meanOf,
  mergeMoments,
  momentsOf,
  pushValue,
  skewnessOf,
  stdOf,
} from '../../../src/engine/stats/moments';
import { assertClose, conditionedTolerance } from '../../helpers/close';
import { referenceCases, toFloat64 } from '../../helpers/reference';

function column(x: Float64Array, cols: number, j: number): [number, Float64Array, number, number] {
  return [x.length / cols, x, cols, j];
}

test('momentsOf matches NumPy/SciPy mean, std and moments on every describe case', () => {
  for (const c of referenceCases('stats', 'describe')) {
    const x = toFloat64(c.inputs.x);
    const cols = c.inputs.x.shape[1];
    for (let j = 0; j < cols; j++) {
      const m = momentsOf(...column(x, cols, j));
      const values = Array.from({ length: x.length / cols }, (_, i) => x[i * cols + j]);
      const tol = conditionedTolerance(values);
      const at = (key: string) => toFloat64(c.expected[key])[j];
      if (c.expected.mean) assertClose(meanOf(m), at('mean'), undefined, `${c.name} mean[${j}]`);
      if (c.expected.std) assertClose(stdOf(m, 0), at('std'), tol, `${c.name} std[${j}]`);
      if (c.expected.stdSample) assertClose(stdOf(m, 1), at('stdSample'), tol, `${c.name} stdSample[${j}]`);
      if (c.expected.skewness) assertClose(skewnessOf(m), at('skewness'), tol, `${c.name} skewness[${j}]`);
      if (c.expected.excessKurtosis)
        assertClose(kurtosisOf(m), at('excessKurtosis'), tol, `${c.name} kurtosis[${j}]`);
    }
  }
});

test('pushValue and mergeMoments agree with the two-pass momentsOf', () => {
  const values = Float64Array.from(
    { length: 1000 },
    (_, i) => 1e9 + Math.sin(i * 12.9898) * 1e-3 + (i % 7) * 1e-4,
  );
  const twoPass = momentsOf(values.length, values);
  const left = emptyMoments();
  const right = emptyMoments();
  values.forEach((v, i) => pushValue(i < 377 ? left : right, v));
  mergeMoments(left, right);
  assert.equal(left.count, 1000);
  assertClose(meanOf(left), meanOf(twoPass), { rel: 1e-15 });
  assertClose(stdOf(left, 1), stdOf(twoPass, 1), { rel: 1e-9 });
  assertClose(skewnessOf(left), skewnessOf(twoPass), { rel: 1e-6 });
  assertClose(kurtosisOf(left), kurtosisOf(twoPass), { rel: 1e-6 });
});

test('stdOf keeps values near 1e300 and 1e-300 from overflowing or underflowing', () => {
  for (const base of [1e300, 1e-300]) {
    const values = [1, 2, 3, 4].map((k) => k * base);
    const expected = Math.sqrt(1.25) * base;
    assertClose(stdOf(momentsOf(4, values), 0), expected, { rel: 1e-14 });
    const running = emptyMoments();
    values.forEach((v) => pushValue(running, v));
    assertClose(stdOf(running, 0), expected, { rel: 1e-14 });
  }
});

test('momentsOf keeps the variance of 1e9 + small noise exact to 1e-12', () => {
  const noise = Float64Array.from({ length: 500 }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const values = noise.map((d) => 1e9 + d * 1e-3);
  // x - 1e9 is exact (Sterbenz), so the noise's own variance is the exact answer.
  const offsets = values.map((v) => v - 1e9);
  const exact = momentsOf(offsets.length, offsets);
  assertClose(stdOf(momentsOf(values.length, values), 1), stdOf(exact, 1), { rel: 1e-12 });
  const running = emptyMoments();
  values.forEach((v) => pushValue(running, v));
  assertClose(stdOf(running, 1), stdOf(exact, 1), { rel: 1e-12 });
});
