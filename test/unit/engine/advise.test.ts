import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adviseColumn } from '../../../src/engine/advise/advise';
import { columnFacts } from '../../../src/engine/advise/diagnose';
import { formatPercent, formatSignificant } from '../../../src/engine/report/number-format';

const numeric = (values: number[]) => ({ name: 'x', kind: 'numeric' as const, values });

test('adviseColumn counts exactly 5% beyond the fences as no outliers, and just over 5% as outliers', () => {
  // 19 values in 0..18 and one far out: 1/20 = 5% (not more than 5%).
  const base = Array.from({ length: 19 }, (_, i) => (i % 2 ? 10 + i * 0.01 : 10 - i * 0.01));
  const fivePercent = adviseColumn(numeric([...base, 100]));
  assert.equal(fivePercent.facts?.beyondFences, 1);
  assert.ok(!fivePercent.diagnoses.includes('outliers'));
  // Two of 21 values out (9.5%), placed symmetrically so skewness stays small.
  const symmetric = adviseColumn(numeric([...base, 100, -80]));
  assert.deepEqual(symmetric.diagnoses, ['outliers']);
  assert.equal(symmetric.method, 'robust');
  assert.match(
    symmetric.reason,
    /9\.5% of values beyond the IQR fences .* squash the other 90\.5% into \[0\.499, 0\.501\]/,
  );
});

test('adviseColumn treats values on a fence as inside (strictly outside only)', () => {
  // Quartiles 2 and 4 (NumPy 'linear'), fences -1 and 7: 7 sits on the fence, 10 beyond it.
  const onFence = columnFacts([0, 2, 2, 2, 2, 4, 4, 4, 4, 7]);
  assert.deepEqual([onFence.q1, onFence.q3, onFence.lowerFence, onFence.upperFence], [2, 4, -1, 7]);
  assert.equal(onFence.beyondFences, 0);
  const beyond = columnFacts([0, 2, 2, 2, 2, 4, 4, 4, 4, 10]);
  assert.equal(beyond.beyondFences, 1);
  assert.deepEqual([beyond.innerMin, beyond.innerMax], [0, 4]);
});

test('adviseColumn needs 20 values and consecutive integers for id-like', () => {
  const nineteen = Array.from({ length: 19 }, (_, i) => i);
  assert.notEqual(adviseColumn(numeric(nineteen)).method, 'exclude');
  assert.equal(adviseColumn(numeric([...nineteen, 19])).method, 'exclude');
  const gap = [...nineteen, 25]; // distinct integers, not consecutive
  assert.notEqual(adviseColumn(numeric(gap)).method, 'exclude');
  const shuffled = Array.from({ length: 30 }, (_, i) => (i * 7) % 30);
  assert.deepEqual(adviseColumn(numeric(shuffled)).diagnoses, ['id-like']);
  const halves = Array.from({ length: 30 }, (_, i) => i + 0.5);
  assert.equal(adviseColumn(numeric(halves)).method, 'zscore');
});

test('adviseColumn on a column with missing values skips them and lists missing last', () => {
  const advice = adviseColumn(numeric([NaN, ...Array.from({ length: 25 }, (_, i) => i + 1), NaN]));
  assert.deepEqual(advice.diagnoses, ['id-like', 'missing']);
  assert.match(advice.reason, /2 of 27 values missing \(7\.4%\)/);
  assert.deepEqual(adviseColumn(numeric([NaN, NaN])).diagnoses, ['empty', 'missing']);
  assert.deepEqual(adviseColumn(numeric([])).diagnoses, ['empty']);
  assert.deepEqual(adviseColumn(numeric([3, 3, NaN])).diagnoses, ['constant', 'missing']);
});

test('adviseColumn on an infinite value does not call it skewed (SciPy gives NaN skewness)', () => {
  const advice = adviseColumn(numeric([1, 2, 3, 4, 5, Infinity]));
  assert.ok(Number.isNaN(advice.facts?.skewness));
  assert.ok(!advice.diagnoses.includes('skewed'));
});

test('adviseColumn of a text column is none, without diagnoses', () => {
  assert.deepEqual(adviseColumn({ name: 's', kind: 'text' }), {
    name: 's',
    kind: 'text',
    diagnoses: [],
    method: 'none',
    reason: 'text column: not scaled',
  });
});

test('formatSignificant keeps 4 significant digits without trailing zeros, exponents far from 1', () => {
  assert.equal(formatSignificant(0.0166667), '0.01667');
  assert.equal(formatSignificant(0.216667), '0.2167');
  assert.equal(formatSignificant(44.8167), '44.82');
  assert.equal(formatSignificant(84.65, 3), '84.7');
  assert.equal(formatSignificant(2), '2');
  assert.equal(formatSignificant(-0.5), '-0.5');
  assert.equal(formatSignificant(30508.5), '30510');
  assert.equal(formatSignificant(-140942), '-140900');
  assert.equal(formatSignificant(123456789), '1.235e+8');
  assert.equal(formatSignificant(0.00001234), '1.234e-5');
  assert.equal(formatSignificant(NaN), 'NaN');
  assert.equal(formatPercent(0.12), '12%');
  assert.equal(formatPercent(0.0035), '0.35%');
  assert.equal(formatPercent(1), '100%');
});
