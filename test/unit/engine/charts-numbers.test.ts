import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { niceTicks } from '../../../src/engine/report/nice-ticks';
import { freedmanDiaconisBins } from '../../../src/engine/stats/bin-rule';

const PYTHON =
  process.env.NORMSCOPE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

test('niceTicks gives multiples of 1, 2 or 5 × 10^k inside the range, at most maxCount', () => {
  assert.deepEqual(niceTicks(0.0166667, 0.216667, 6), [0.05, 0.1, 0.15, 0.2]);
  assert.deepEqual(niceTicks(44.8167, 84.65, 5), [50, 60, 70, 80]);
  assert.deepEqual(niceTicks(0, 1, 6), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.5, 1]);
  assert.deepEqual(niceTicks(-3.2, 2.7, 6), [-3, -2, -1, 0, 1, 2]);
  assert.deepEqual(niceTicks(1e9, 1e9 + 5, 5), [1e9, 1e9 + 2, 1e9 + 4]);
  for (const [lo, hi] of [
    [0.001, 0.0037],
    [-1234, 98765],
    [6.981, 28.11],
    [1, 1.0000001],
  ]) {
    const ticks = niceTicks(lo, hi, 6);
    assert.ok(ticks.length >= 1 && ticks.length <= 6, `${lo}..${hi}: ${ticks.length} ticks`);
    for (const t of ticks) assert.ok(t >= lo - 1e-12 && t <= hi + 1e-12, `${t} in [${lo}, ${hi}]`);
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
    assert.ok([1, 2, 5].includes(mantissa), `${lo}..${hi}: step ${step}`);
  }
  assert.deepEqual(niceTicks(3, 3), [3]);
  assert.deepEqual(niceTicks(NaN, 3), []);
});

test(
  "freedmanDiaconisBins equals numpy.histogram_bin_edges(bins='fd') on scikit-learn's iris and diabetes columns",
  {
    skip:
      spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status !== 0 &&
      'NumPy is not installed',
  },
  () => {
    const script = `
import json, numpy as np, gzip
iris = np.loadtxt('/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv', delimiter=',', skiprows=1)
diabetes = np.loadtxt('/usr/lib/python3/dist-packages/sklearn/datasets/data/diabetes_data_raw.csv.gz')
columns = [iris[:, j] for j in range(4)] + [diabetes[:, j] for j in range(diabetes.shape[1])] + [np.array([1.0, 1, 1, 1]), np.array([5.0])]
print(json.dumps([{"values": c.tolist(), "bins": len(np.histogram_bin_edges(c, bins='fd')) - 1} for c in columns]))
`;
    const result = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(result.status, 0, result.stderr);
    const cases = JSON.parse(result.stdout) as { values: number[]; bins: number }[];
    assert.ok(cases.length >= 14);
    for (const c of cases) assert.equal(freedmanDiaconisBins(c.values), c.bins);
    assert.equal(freedmanDiaconisBins([]), 1);
    assert.equal(freedmanDiaconisBins([...Array.from({ length: 100 }, (_, i) => i), 1e6], 50), 50);
  },
);
