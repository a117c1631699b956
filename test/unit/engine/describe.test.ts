import { test } from 'node:test';
import fc from 'fast-check';
import { quantileSorted, selectQuantiles } from '../../../src/engine/stats/quantile';
import assert from 'node:assert/strict';
import { describe, describeAxes, describeInPlace } from '../../../src/engine/stats/describe';
import { histogram } from '../../../src/engine/stats/histogram';
import { tensor, permute } from '../../../src/engine/tensor/tensor';
import { assertClose, conditionedTolerance } from '../../helpers/close';
import { referenceCases, toFloat64 } from '../../helpers/reference';

const NUMPY_NAMES: [keyof ReturnType<typeof describe>, string][] = [
  ['count', 'count'],
  ['missing', 'nanCount'],
  ['mean', 'mean'],
  ['stdPopulation', 'std'],
  ['std', 'stdSample'],
  ['min', 'min'],
  ['max', 'max'],
  ['median', 'median'],
  ['q25', 'q25'],
  ['q75', 'q75'],
  ['skewness', 'skewness'],
  ['kurtosis', 'excessKurtosis'],
];

for (const reference of referenceCases('stats', 'describe')) {
  test(`describe matches NumPy/SciPy per column on ${reference.name}`, () => {
    const x = toFloat64(reference.inputs.x);
    const [rows, cols] = reference.inputs.x.shape;
    for (let j = 0; j < cols; j++) {
      const summary = describe(rows, x, cols, j);
      const column = Array.from({ length: rows }, (_, i) => x[i * cols + j]);
      for (const [ours, theirs] of NUMPY_NAMES) {
        if (!reference.expected[theirs]) continue;
        const exact = ['count', 'missing', 'min', 'max'].includes(ours);
        const tol = exact ? { rel: 0, abs: 0 } : conditionedTolerance(column);
        assertClose(
          summary[ours],
          toFloat64(reference.expected[theirs])[j],
          tol,
          `${reference.name}[${j}].${ours}`,
        );
      }
    }
  });
}

test('describeAxes gives the same summaries as describe on the reference table, whatever the axis order', () => {
  const [reference] = referenceCases('stats', 'describe').filter((c) => c.name === 'column_stats_n100');
  const x = tensor(toFloat64(reference.inputs.x), reference.inputs.x.shape);
  const byColumn = describeAxes(x, [0]);
  assert.deepEqual(byColumn.keptShape, [7]);
  const transposed = describeAxes(permute(x, [1, 0]), [-1]);
  for (let j = 0; j < 7; j++) {
    assert.deepEqual(byColumn.summaries[j], describe(100, x.data, 7, j));
    assert.deepEqual(transposed.summaries[j], byColumn.summaries[j]);
  }
});

test('describeAxes reduces several axes of a 3-d tensor and keeps the rest in C order', () => {
  const data = Float64Array.from({ length: 24 }, (_, i) => i);
  const { keptShape, summaries } = describeAxes(tensor(data, [2, 3, 4]), [0, 2]);
  assert.deepEqual(keptShape, [3]);
  // channel c holds 4c..4c+3 and 12+4c..12+4c+3
  assert.deepEqual(
    summaries.map((s) => [s.count, s.mean, s.min, s.max, s.median]),
    [0, 1, 2].map((c) => [8, 4 * c + 7.5, 4 * c, 4 * c + 15, 4 * c + 7.5]),
  );
});

test('describe covers the edge matrix: empty, single value, NaN, constant, 1e9 + noise, negative stride, ±1e300', () => {
  const empty = describe(0, []);
  assert.equal(empty.count, 0);
  assert.ok([empty.mean, empty.std, empty.min, empty.median, empty.skewness].every(Number.isNaN));

  const single = describe(1, [5]);
  assert.deepEqual(
    [single.count, single.mean, single.stdPopulation, single.min, single.median, single.max],
    [1, 5, 0, 5, 5, 5],
  );
  assert.ok(Number.isNaN(single.std), 'ddof 1 of one value is NaN');

  const withNaN = describe(4, [1, NaN, 3, NaN]);
  assert.deepEqual([withNaN.count, withNaN.missing, withNaN.mean, withNaN.median], [2, 2, 2, 2]);

  const constant = describe(3, [7, 7, 7]);
  assert.deepEqual([constant.std, constant.stdPopulation], [0, 0]);
  assert.ok(
    Number.isNaN(constant.skewness) && Number.isNaN(constant.kurtosis),
    'SciPy: zero spread → NaN moments',
  );

  const noisy = Float64Array.from([1e9 + 1e-3, 1e9 - 1e-3, 1e9 + 2e-3, 1e9 - 2e-3]);
  const exactMean = 1e9; // the offsets cancel in exact arithmetic; their float values nearly so
  const offsets = Array.from(noisy, (v) => v - 1e9);
  const exactVar = offsets.reduce((s, d) => s + d * d, 0) / 4 - (offsets.reduce((s, d) => s + d, 0) / 4) ** 2;
  const big = describe(4, noisy);
  assertClose(big.mean, exactMean, { rel: 1e-15 });
  assertClose(big.stdPopulation ** 2, exactVar, { rel: 1e-6 });

  const reversed = describe(3, [10, 20, 30, 40], -1, 3);
  assert.deepEqual([reversed.count, reversed.mean, reversed.min, reversed.max], [3, 30, 20, 40]);

  const huge = describe(2, [1e300, -1e300]);
  assert.equal(huge.stdPopulation, 1e300);
  const tiny = describe(2, [1e-300, 3e-300]);
  assertClose(tiny.stdPopulation, 1e-300, { rel: 1e-15 });

  const infinite = describe(3, [1, Infinity, 2]);
  assert.equal(infinite.mean, Infinity);
  assert.equal(infinite.max, Infinity);
  assert.ok(Number.isNaN(infinite.std));
});

test('histogram matches numpy.histogram edges and counts on the reference case', () => {
  const [reference] = referenceCases('stats', 'histogram');
  const result = histogram(toFloat64(reference.inputs.x), reference.params.bins as number);
  assertClose(result.edges, toFloat64(reference.expected.edges), { rel: 0, abs: 0 }, 'edges');
  assert.deepEqual(Array.from(result.counts), Array.from(toFloat64(reference.expected.counts)));
});

test('histogram closes the last bin, widens a constant range and counts NaN and ±Inf apart', () => {
  const small = histogram([1, 2, 2, 3, 4], 3);
  assert.deepEqual(Array.from(small.edges), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(small.counts), [1, 2, 2]);
  const constant = histogram([5, 5, NaN, Infinity, -Infinity], 2);
  assert.deepEqual(Array.from(constant.edges), [4.5, 5, 5.5]);
  assert.deepEqual(Array.from(constant.counts), [0, 2]);
  assert.deepEqual([constant.missing, constant.positiveInfinities, constant.negativeInfinities], [1, 1, 1]);
  const ranged = histogram([-1, 0, 0.5, 2], 2, [0, 1]);
  assert.deepEqual([Array.from(ranged.counts), ranged.below, ranged.above], [[1, 1], 1, 1]);
  assert.throws(() => histogram([1], 0), /histogram: bins \(0\)/);
  const empty = histogram([], 4);
  assert.equal(
    empty.counts.reduce((s, c) => s + c, 0),
    0,
  );
});

test('selectQuantiles equals sorting then quantileSorted, for generated data with ties, ±Inf and any q (fast-check)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 })), { maxLength: 60 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
      (values, qs) => {
        const sorted = Float64Array.from(values).sort();
        const expected = qs.map((q) => quantileSorted(sorted, q));
        const actual = selectQuantiles(Float64Array.from(values), qs);
        actual.forEach((v, i) =>
          assert.ok(
            Object.is(v, expected[i]) || v === expected[i] || (Number.isNaN(v) && Number.isNaN(expected[i])),
            `q=${qs[i]}: ${v} vs ${expected[i]}`,
          ),
        );
      },
    ),
    { numRuns: 1000 },
  );
});

test('selectQuantiles on 16,384+ values (the histogram-of-leading-bits path) equals sorting, for ties, ±0, ±Inf, narrow and wide ranges (fast-check)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(-0, 0, Infinity, -Infinity)), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.constantFrom(1e-300, 1e-3, 1, 1e3, 1e300),
      fc.integer({ min: 1 << 14, max: 40000 }),
      fc.integer({ min: 1, max: 1 << 30 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
      (pool, spread, n, seed, qs) => {
        let state = seed;
        const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
        // Half repeated values from the pool (ties, zeros of both signs, infinities), half spread values.
        const values = Float64Array.from({ length: n }, () =>
          random() < 0.5 ? pool[Math.floor(random() * pool.length)] : (random() - 0.3) * spread,
        );
        const sorted = Float64Array.from(values).sort();
        const expected = [...qs, 0, 0.25, 0.5, 0.75, 1].map((q) => quantileSorted(sorted, q));
        const actual = selectQuantiles(values, [...qs, 0, 0.25, 0.5, 0.75, 1]);
        actual.forEach((v, i) =>
          assert.ok(
            Object.is(v, expected[i]) || (Number.isNaN(v) && Number.isNaN(expected[i])),
            `${i}: ${v} vs ${expected[i]}`,
          ),
        );
      },
    ),
    { numRuns: 40 },
  );
});

test('describeInPlace gives describe()’s summary (it only reorders its input) (fast-check)', () => {
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.constantFrom(NaN, Infinity, -Infinity, 0),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 200 }), (xs) => {
      const expected = describe(xs.length, xs);
      const got = describeInPlace(Float64Array.from(xs));
      for (const [field, v] of Object.entries(expected))
        assert.ok(
          Object.is(got[field as keyof typeof got], v),
          `${field}: ${got[field as keyof typeof got]} vs ${v}`,
        );
    }),
    { numRuns: 300 },
  );
});
