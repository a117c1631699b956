// computeReport with a per-column plan, the overview rows, the default focus and Fit/Apply's outlier view,
// on samples/housing_train.csv and samples/housing_test.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { computeReport, type ReportRequest } from '../../../src/engine/report/report';
import { createScaler } from '../../../src/engine/scale/registry';
import { histogram } from '../../../src/engine/stats/histogram';
import { loadDataFile } from '../../../src/extension/load';
import { fileSource } from '../../../src/io/node/file-source';
import { selectColumns } from '../../../src/io/node/data-files';
import { planCode } from '../../../src/engine/report/plan-code';
import { adviceLanguage } from '../../../src/engine/advise/messages';
import { fromColumns } from '../../../src/engine/scale/matrix';

test('computeReport with a plan scales each column by its own method and leaves excluded ones out', async () => {
  const { dataset } = await loadDataFile(fileSource('samples/housing.csv'), {});
  assert.equal(dataset.kind, 'table');
  if (dataset.kind !== 'table') return;
  const request: ReportRequest = {
    kind: 'table',
    method: 'zscore',
    options: {},
    bins: 20,
    plan: {
      format: 'normscope/plan',
      version: 1,
      columns: [
        { column: 'id', method: 'exclude' },
        { column: 'price_eur', method: 'robust' },
        { column: 'area_m2', method: 'zscore' },
        { column: 'rooms', method: 'none' },
      ],
    },
  };
  const report = computeReport(dataset, request);
  assert.deepEqual(report.output.kind === 'table' && report.output.columns, [
    'price_eur',
    'area_m2',
    'rooms',
  ]);
  assert.equal(report.focusLabel, 'price_eur', 'the detail opens past the id column');
  const price = dataset.columns.find((c) => c.name === 'price_eur')!;
  const robust = createScaler('robust').fit(fromColumns([price.values], dataset.rowCount));
  const expected = robust.transform(fromColumns([price.values], dataset.rowCount)).data;
  const out = report.output.kind === 'table' ? report.output.matrix : undefined;
  for (let i = 0; i < dataset.rowCount; i++) assert.equal(out!.data[i * 3], expected[i]);
  const rooms = dataset.columns.find((c) => c.name === 'rooms')!;
  for (let i = 0; i < dataset.rowCount; i++) assert.equal(out!.data[i * 3 + 2], rooms.values[i]);
  assert.deepEqual(
    report.fittedPlan?.steps.map((s) => [s.scaler.method, s.columns]),
    [
      ['robust', ['price_eur']],
      ['zscore', ['area_m2']],
    ],
  );
  assert.deepEqual(report.fittedPlan?.leftOut, ['id']);
  // Overview: one row per column of the file, with advice.
  assert.equal(report.overview?.length, dataset.columns.length);
  assert.deepEqual(report.overview?.find((r) => r.name === 'id')?.advice.diagnoses, ['id-like']);
  const code = planCode(report.fittedPlan, 'sklearn');
  assert.match(
    code,
    /\("robust_1", RobustScaler\(quantile_range=\(25, 75\), unit_variance=False\), \["price_eur"\]\)/,
  );
  assert.match(code, /\("unscaled", "passthrough", \["rooms"\]\)/);
  assert.match(planCode(report.fittedPlan, 'numpy'), /X_scaled\[:, \[0\]\] = step_1\(X\[:, \[0\]\]\)/);
});

test("computeReport with an outlier reference draws the test file's column with the training file's min-max and robust parameters", async () => {
  const train = await loadDataFile(fileSource('samples/housing_train.csv'), {});
  const testData = await loadDataFile(fileSource('samples/housing_test.csv'), {});
  if (testData.dataset.kind !== 'table') return assert.fail('a table');
  const fit = selectColumns(train.file);
  const minmax = createScaler('minmax').fit(fit.matrix);
  const robust = createScaler('robust').fit(fit.matrix);
  const report = computeReport(testData.dataset, {
    kind: 'table',
    method: 'zscore',
    options: {},
    bins: 15,
    columns: fit.names,
    focus: fit.names[1],
    prefitted: createScaler('zscore').fit(fit.matrix).toJSON(),
    outlierReference: { minmax: minmax.toJSON(), robust: robust.toJSON() },
  });
  const shown = selectColumns(testData.file, fit.names).matrix;
  const column = (m: { data: Float64Array; rows: number; cols: number }, j: number) =>
    Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]);
  assert.deepEqual(report.outliers?.minmax.counts, histogram(column(minmax.transform(shown), 1), 15).counts);
  assert.deepEqual(report.outliers?.robust.counts, histogram(column(robust.transform(shown), 1), 15).counts);
  // Fitted on the test file instead, the min-max view would span exactly [0, 1]; the training fit does not.
  const edges = report.outliers.minmax.edges;
  assert.ok(edges[0] !== 0 || edges[edges.length - 1] !== 1);
});

const PYTHON =
  process.env.NORMSCOPE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const haveSklearn = spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { encoding: 'utf8' }).status === 0;

test(
  "planCode for scikit-learn and NumPy, run by Python on the same CSV, gives the report's values; the ColumnTransformer refit gives them too",
  {
    skip: !haveSklearn && 'python3 with scikit-learn and pandas is not installed',
  },
  async () => {
    const { dataset } = await loadDataFile(fileSource('samples/housing.csv'), {});
    const report = computeReport(dataset, {
      kind: 'table',
      method: 'zscore',
      options: {},
      bins: 20,
      plan: {
        format: 'normscope/plan',
        version: 1,
        columns: [
          { column: 'price_eur', method: 'robust' },
          { column: 'area_m2', method: 'yeo-johnson' },
          { column: 'age_years', method: 'minmax' },
          { column: 'distance_km', method: 'zscore' },
          { column: 'rooms', method: 'none' },
        ],
      },
    });
    const out = report.output.kind === 'table' ? report.output.matrix : undefined;
    for (const language of ['sklearn', 'numpy'] as const) {
      const code = planCode(report.fittedPlan!, language);
      const script = [
        'import json, pandas as pd, numpy as np',
        "df = pd.read_csv('samples/housing.csv')",
        code,
        // The refit agrees to PowerTransformer's Brent tolerance in λ (xtol 1.48e-8), not to the last bit.
        ...(language === 'sklearn'
          ? [
              'refit = plan.fit(df).transform(df)',
              'assert np.allclose(refit, X_scaled, equal_nan=True, rtol=1e-6, atol=1e-6), abs(refit - X_scaled).max()',
            ]
          : []),
        'print(json.dumps([None if np.isnan(v) else v for v in X_scaled.ravel().tolist()]))',
      ].join('\n');
      const result = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.equal(result.status, 0, `${language}: ${result.stderr}`);
      const values = JSON.parse(result.stdout) as (number | null)[];
      assert.equal(values.length, out!.data.length);
      values.forEach((v, i) => {
        const ours = out!.data[i];
        if (v === null) return assert.ok(Number.isNaN(ours), `${language} [${i}]`);
        assert.ok(
          Math.abs(v - ours) <= 1e-9 * Math.max(1, Math.abs(v)),
          `${language} [${i}]: ${v} vs ${ours}`,
        );
      });
    }
  },
);

test('computeReport with language zh-cn gives the overview reasons in Chinese; adviceLanguage maps display languages', async () => {
  const { dataset } = await loadDataFile(fileSource('samples/housing.csv'), {});
  const report = computeReport(dataset, {
    kind: 'table',
    method: 'zscore',
    options: {},
    bins: 10,
    language: 'zh-cn',
  });
  assert.match(
    report.overview?.find((r) => r.name === 'id')?.advice.reason ?? '',
    /互不相同的整数，从 1 到 240/,
  );
  assert.deepEqual(['zh-cn', 'zh-CN', 'zh-hans', 'zh-tw', 'en', 'de', undefined].map(adviceLanguage), [
    'zh-cn',
    'zh-cn',
    'zh-cn',
    'en',
    'en',
    'en',
    'en',
  ]);
});
