import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fromColumns } from '../../../src/engine/scale/matrix';
import { createScaler } from '../../../src/engine/scale/registry';
import {
  SIGMOID_FLAT_BEYOND,
  TANH_FLAT_BEYOND,
  whyNormalize,
} from '../../../src/engine/advise/why-normalize';
import { readDataFile, selectColumns } from '../../../src/io/node/data-files';

const PYTHON =
  process.env.NORMSCOPE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const haveNumpy = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

test('whyNormalize flat-region thresholds: tanh′ and σ′ are a tenth of their peak there', () => {
  assert.ok(Math.abs(1 - Math.tanh(TANH_FLAT_BEYOND) ** 2 - 0.1) < 1e-12);
  const s = 1 / (1 + Math.exp(-SIGMOID_FLAT_BEYOND));
  assert.ok(Math.abs(s * (1 - s) - 0.025) < 1e-12);
});

test(
  'whyNormalize gives numpy.linalg.cond(X.T @ X) and the saturated shares on samples/housing.csv, before and after z-scoring',
  {
    skip: !haveNumpy && 'NumPy is not installed',
  },
  async () => {
    const data = await readDataFile('samples/housing.csv');
    const { matrix, names } = selectColumns(data, ['area_m2', 'rooms', 'age_years', 'distance_km']);
    const scaled = createScaler('zscore').fit(matrix).transform(matrix);
    for (const x of [matrix, scaled]) {
      const script = `
import json, sys, numpy as np
x = np.array(json.loads(sys.stdin.read())).reshape(-1, ${x.cols}).astype(float)
x = x[~np.isnan(x).any(axis=1)]
g = x.T @ x
w, v = np.linalg.eigh(g[:2, :2])
print(json.dumps({"rows": len(x), "cond": np.linalg.cond(g), "elongation": float(np.sqrt(w.max() / w.min()))}))
`;
      const result = spawnSync(PYTHON, ['-c', script], {
        input: JSON.stringify(Array.from(x.data, (v) => (Number.isNaN(v) ? null : v))).replaceAll(
          'null',
          'NaN',
        ),
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      const expected = JSON.parse(result.stdout) as { rows: number; cond: number; elongation: number };
      const ours = whyNormalize(x);
      assert.equal(ours.rows, expected.rows);
      assert.ok(
        Math.abs(ours.condition / expected.cond - 1) < 1e-8,
        `${names.join(',')}: κ ${ours.condition} vs ${expected.cond}`,
      );
      assert.ok(Math.abs(ours.contour!.elongation / expected.elongation - 1) < 1e-10);
    }
    const before = whyNormalize(matrix);
    const after = whyNormalize(scaled);
    assert.ok(before.condition > 100 * after.condition, `κ ${before.condition} → ${after.condition}`);
    assert.ok(before.tanhFlatShare > 0.9, 'unscaled areas and incomes sit in tanh’s flat region');
    assert.ok(after.tanhFlatShare < 0.15);
  },
);

test('whyNormalize of columns in metres and grams is near 10^6; standardized, near 1', () => {
  const n = 200;
  const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + 0.1 * Math.cos(3 * i));
  const b = Float64Array.from({ length: n }, (_, i) => 1000 * Math.cos(i * 1.3));
  const x = fromColumns([a, b], n);
  const condition = whyNormalize(x).condition;
  assert.ok(condition > 1e5 && condition < 1e7, String(condition));
  const z = createScaler('zscore').fit(x).transform(x);
  assert.ok(whyNormalize(z).condition < 2);
  assert.equal(whyNormalize(fromColumns([a, a], n)).condition, Infinity);
});
