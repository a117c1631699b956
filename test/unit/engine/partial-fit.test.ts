// Shard fits that merge: k random shards merged equal the fit on the whole (property test), on
// generated data and on a real table; methods whose fit needs every value refuse, saying why.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { matrix, type Matrix } from '../../../src/engine/scale/matrix';
import { mergePartialFits, partialFitOf, scalerFromPartial } from '../../../src/engine/scale/partial-fit';
import { createScaler, SCALING_METHODS } from '../../../src/engine/scale/registry';
import type { ScalerJSON } from '../../../src/engine/scale/scaler';
import { runCli, scratchDir } from '../../helpers/cli';
import { assertClose } from '../../helpers/close';
import { realSplits } from '../../helpers/real-datasets';

const MERGEABLE = SCALING_METHODS.filter((m) => m.mergeability.merges !== 'never');
const COLUMNS = ['a', 'b', 'c'];

function rowsOf(x: Matrix, from: number, to: number): Matrix {
  return matrix(x.data.subarray(from * x.cols, to * x.cols), to - from, x.cols);
}

/**
 * Merged and whole fits agree to 1e-12 relative, or, where the column's values cancel (a mean near 0 of
 * values near ±1e6), to a few ulps of the data's magnitude `scale` (its square for variances): the
 * rounding any summation order carries.
 */
function assertSameParams(merged: ScalerJSON, whole: ScalerJSON, scale = 0): void {
  assert.equal(merged.method, whole.method);
  assert.deepEqual(merged.options, whole.options);
  for (const [key, value] of Object.entries(whole.state)) {
    const got = merged.state[key];
    const abs = Math.max(1e-300, 1e-14 * (key === 'var' ? scale * scale : scale));
    if (typeof value === 'number') assert.equal(got, value, key);
    else assertClose(got as number[], value as number[], { rel: 1e-12, abs }, `${whole.method}.${key}`);
  }
}

const magnitude = (x: Matrix) => x.data.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);

const value = fc.oneof(
  // Magnitudes below 1e-100 become 0: their squares are subnormal, where a shard's M2 itself keeps few
  // digits (the whole-column fit rescales by a power of two first, a shard's state cannot).
  {
    weight: 8,
    arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v)),
  },
  { weight: 1, arbitrary: fc.constant(NaN) },
  { weight: 1, arbitrary: fc.double({ min: 1e9, max: 1e9 + 1, noNaN: true }) },
);

for (const info of MERGEABLE) {
  test(`mergePartialFits(${info.method}): k random shards merged give the params of one fit on all rows`, () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 3, maxLength: 3 * 60 }).filter((v) => v.length % 3 === 0),
        fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
        (values, cuts) => {
          const x = matrix(Float64Array.from(values), values.length / 3, 3);
          const bounds = [0, ...cuts.map((c) => c % (x.rows + 1)).sort((p, q) => p - q), x.rows];
          const shards = bounds
            .slice(1)
            .map((to, i) => partialFitOf(info.method, {}, COLUMNS, rowsOf(x, bounds[i], to)));
          const merged = scalerFromPartial(mergePartialFits(shards.reverse()));
          assertSameParams(merged, createScaler(info.method).fit(x).toJSON(), magnitude(x));
        },
      ),
      { numRuns: 60 },
    );
  });
}

for (const info of SCALING_METHODS.filter((m) => m.mergeability.merges === 'never')) {
  test(`partialFitOf(${info.method}) refuses, saying why`, () => {
    assert.throws(
      () => partialFitOf(info.method, {}, ['a'], matrix([1, 2], 2, 1)),
      /does not merge from shards: .*(quantiles|likelihood)/,
    );
  });
}

test('mergePartialFits refuses shards of different methods, options or columns, naming the shard', () => {
  const x = matrix([1, 2, 3, 4], 2, 2);
  const a = partialFitOf('zscore', { withMean: true, withStd: true }, ['p', 'q'], x);
  assert.throws(
    () => mergePartialFits([a, partialFitOf('minmax', {}, ['p', 'q'], x)]),
    /shard 2 has method minmax, not zscore/,
  );
  assert.throws(
    () => mergePartialFits([a, partialFitOf('zscore', { withMean: false, withStd: true }, ['p', 'q'], x)]),
    /shard 2 has options/,
  );
  assert.throws(
    () => mergePartialFits([a, partialFitOf('zscore', { withMean: true, withStd: true }, ['q', 'p'], x)]),
    /shard 2 has columns q,p/,
  );
});

test('normscope fit --partial on shards of a real table, then merge, writes the params of fit on the whole file', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const split = realSplits(dir).find((s) => s.name === 'seattle-weather')!;
    const [header, ...rows] = readFileSync(split.train, 'utf8').trim().split('\n');
    const shardFiles = [0, 1, 2].map((k) => {
      const file = join(dir, `shard-${k}.csv`);
      writeFileSync(file, [header, ...rows.filter((_, i) => i % 3 === k)].join('\n') + '\n');
      return file;
    });
    for (const flags of [
      ['--method', 'zscore'],
      ['--method', 'minmax', '--range', '-1,1'],
      ['--method', 'maxabs'],
    ]) {
      const partials = shardFiles.map((file, k) => {
        const out = join(dir, `part-${k}.json`);
        const r = runCli(['fit', file, ...flags, '--partial', '--out', out, '--force']);
        assert.equal(r.status, 0, r.stderr);
        return out;
      });
      const merged = join(dir, 'merged.json');
      const whole = join(dir, 'whole.json');
      assert.equal(runCli(['merge', ...partials, '--out', merged, '--force']).status, 0);
      assert.equal(runCli(['fit', split.train, ...flags, '--out', whole, '--force']).status, 0);
      const m = JSON.parse(readFileSync(merged, 'utf8')) as { columns: string[]; scaler: ScalerJSON };
      const w = JSON.parse(readFileSync(whole, 'utf8')) as { columns: string[]; scaler: ScalerJSON };
      assert.deepEqual(m.columns, w.columns);
      assertSameParams(m.scaler, w.scaler);
    }
    const refused = runCli([
      'fit',
      split.train,
      '--method',
      'robust',
      '--partial',
      '--out',
      join(dir, 'r.json'),
    ]);
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      /--partial: robust does not merge from shards: its fit needs exact quantiles/,
    );
    const notPartial = runCli(['merge', join(dir, 'whole.json'), '--out', join(dir, 'x.json')]);
    assert.notEqual(notPartial.status, 0);
    assert.match(notPartial.stderr, /whole\.json.*not a normscope partial fit.*fit --partial/);
  } finally {
    cleanup();
  }
});
