// Multi-pass exact statistics against the in-memory describe(): the same moments bit for bit and the
// same quantiles exactly, whatever the data (NaN, ±Inf, ties, huge ranges) and however small the
// memory budget (which forces histogram refinement instead of collection).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, summaryOf } from '../../../src/engine/stats/describe';
import { ExactPasses } from '../../../src/engine/stats/passes';

const QUARTILES = [0.25, 0.5, 0.75];

function runPasses(columns: Float64Array[], qs: readonly number[], budget?: number) {
  const passes = new ExactPasses(qs, budget);
  while (!passes.done) {
    const sinks = columns.map((_, j) => passes.sink(j));
    for (let row = 0; row < columns[0].length; row++)
      for (let j = 0; j < columns.length; j++) sinks[j].add(columns[j][row]);
    passes.endPass();
  }
  return passes;
}

function assertSameSummary(values: Float64Array, budget?: number): number {
  const passes = runPasses([values], QUARTILES, budget);
  const streamed = summaryOf(passes.moments(0), passes.quantiles(0));
  const inMemory = describe(values.length, values);
  // Equal as numbers (NaN equals NaN); which zero a quantile of {0, −0} returns is arbitrary, as in NumPy.
  for (const [field, expected] of Object.entries(inMemory)) {
    const got = streamed[field as keyof typeof streamed];
    assert.ok(Object.is(got, expected) || got === expected, `${field}: ${got} vs ${expected}`);
  }
  return passes.passes;
}

const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324);
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: special },
);

test('passes give describe()’s summary exactly on arbitrary data (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(value, { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (xs, budget) => {
      assertSameSummary(Float64Array.from(xs), budget);
    }),
    { numRuns: 300 },
  );
});

test('a column crowded into one bin is refined by further passes, then collected', () => {
  // 200 000 values within 1e-9 of 1 and one at 1e6: the first histogram puts all but one in bin 0.
  let seed = 3;
  const values = Float64Array.from({ length: 200_001 }, (_, i) => {
    seed = (seed * 16807) % 2147483647;
    return i === 0 ? 1e6 : 1 + (seed / 2147483647) * 1e-9;
  });
  const passes = assertSameSummary(values, 1000);
  assert.ok(passes >= 4, `refinement took ${passes} passes`);
  assert.equal(assertSameSummary(values), 3, 'with the default budget: range, spread, collect');
});

test('ties, constant columns, all-missing and empty columns resolve without collecting', () => {
  assert.equal(assertSameSummary(new Float64Array(10_000).fill(7)), 2);
  assertSameSummary(
    Float64Array.from({ length: 5000 }, (_, i) => i % 3),
    10,
  );
  assertSameSummary(Float64Array.from([NaN, NaN]));
  assertSameSummary(new Float64Array(0));
});

test('several columns and any quantiles (a robust scaler’s 10–90 range)', () => {
  const a = Float64Array.from({ length: 1001 }, (_, i) => Math.sin(i) * 100);
  const b = Float64Array.from({ length: 1001 }, (_, i) => (i % 17 === 0 ? NaN : i ** 1.5));
  const passes = runPasses([a, b], [0.1, 0.5, 0.9], 50);
  const sorted = (x: Float64Array) => Float64Array.from(x.filter((v) => v === v)).sort();
  for (const [j, column] of [a, b].entries()) {
    const s = sorted(column);
    const expected = [0.1, 0.5, 0.9].map((q) => {
      const h = (s.length - 1) * q;
      const lo = Math.floor(h);
      const t = h - lo;
      const next = s[Math.min(lo + 1, s.length - 1)];
      return t >= 0.5 ? next - (next - s[lo]) * (1 - t) : s[lo] + (next - s[lo]) * t;
    });
    assert.deepEqual(passes.quantiles(j), expected);
  }
});
