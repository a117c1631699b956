// `normscope advise` on real tables (vega-datasets, scikit-learn's bundled data), checked against the
// rules computed independently with pandas, NumPy and SciPy (test/helpers/advice_answer_key.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { runCli, scratchDir } from '../../helpers/cli';
import { cliPlanRoundTrip } from '../../helpers/plan-round-trip';

const ANSWER_KEY = fileURLToPath(new URL('../../helpers/advice_answer_key.py', import.meta.url));
const VEGA = fileURLToPath(new URL('../../../node_modules/vega-datasets/data', import.meta.url));
const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

interface AdvisedColumn {
  name: string;
  kind: string;
  diagnoses: string[];
  method: string;
  reason?: string;
}

/** Debian's python3 (with python3-pandas and python3-scipy), or NORMSCOPE_PYTHON. */
const PYTHON =
  process.env.NORMSCOPE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

const pythonHasScipy = spawnSync(PYTHON, ['-c', 'import pandas, scipy'], { encoding: 'utf8' }).status === 0;

function answerKey(file: string): AdvisedColumn[] {
  const inspected = runCli(['inspect', file, '--json', '--rows', '0']);
  assert.equal(inspected.status, 0, inspected.stderr);
  const { header, delimiter } = JSON.parse(inspected.stdout) as { header: boolean; delimiter: string };
  const result = spawnSync(PYTHON, [ANSWER_KEY, file, header ? '1' : '0', delimiter], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { columns: AdvisedColumn[] }).columns;
}

function advised(file: string): AdvisedColumn[] {
  const result = runCli(['advise', file, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { columns: AdvisedColumn[] }).columns;
}

function assertMatchesAnswerKey(file: string): AdvisedColumn[] {
  const ours = advised(file);
  const expected = answerKey(file);
  assert.deepEqual(
    ours.map(({ name, kind, diagnoses, method }) => ({ name, kind, diagnoses, method })),
    expected,
    file,
  );
  for (const column of ours) assert.ok(column.reason && column.reason.length > 10, column.name);
  return ours;
}

/** scikit-learn's bundled CSVs open with a line of counts and target names; its loader skips it. */
function sklearnTable(name: string, dir: string): string {
  const raw = readFileSync(join(SKLEARN, name));
  const text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out = join(dir, name.replace(/\.gz$/, ''));
  writeFileSync(out, text.slice(text.indexOf('\n') + 1));
  return out;
}

const vegaTables = existsSync(VEGA)
  ? readdirSync(VEGA).filter((f) => f.endsWith('.csv') || f.endsWith('.tsv'))
  : [];

test(
  'advise --json matches the rules computed with NumPy/SciPy on every vega-datasets table',
  {
    skip: !pythonHasScipy && 'python3 with pandas and scipy is not installed',
  },
  () => {
    assert.ok(vegaTables.length >= 20, `vega-datasets tables found: ${vegaTables.length}`);
    const methods = new Set<string>();
    for (const name of vegaTables) {
      for (const column of assertMatchesAnswerKey(join(VEGA, name))) methods.add(column.method);
    }
    // The tables are varied enough to exercise most rules.
    for (const method of ['none', 'yeo-johnson', 'robust', 'zscore', 'exclude'])
      assert.ok(methods.has(method), `some column advised ${method}`);
  },
);

test(
  'advise --json matches the rules on scikit-learn bundled tables (iris, wine, breast cancer, Linnerud, Boston)',
  {
    skip: !pythonHasScipy && 'python3 with pandas and scipy is not installed',
  },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      for (const name of [
        'iris.csv',
        'wine_data.csv',
        'breast_cancer.csv',
        'linnerud_exercise.csv',
        'linnerud_physiological.csv',
      ]) {
        if (!existsSync(join(SKLEARN, name))) continue;
        assertMatchesAnswerKey(sklearnTable(name, dir));
      }
      // Boston's second line is its header; the first is counts.
      if (existsSync(join(SKLEARN, 'boston_house_prices.csv')))
        assertMatchesAnswerKey(sklearnTable('boston_house_prices.csv', dir));
    } finally {
      cleanup();
    }
  },
);

test('advise names each rule on a table built to hit every one, with the numbers in the reason', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const rows = 40;
    const lines = ['id,empty,constant,flag,skewed,outliers,normal,gappy,label'];
    for (let i = 0; i < rows; i++) {
      const normal = Math.sin(i * 1.7) * 3 + 10; // bounded, near-symmetric
      const skewed = Math.exp(i / 6);
      const outliers = i < 4 ? 1000 + i : ((i * 7) % 11) - 5;
      lines.push(
        [i + 1, '', 5, i % 2, skewed, outliers, normal, i % 10 === 0 ? '' : normal, `r${i}`].join(','),
      );
    }
    const file = join(dir, 'rules.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const byName = Object.fromEntries(advised(file).map((c) => [c.name, c]));
    assert.deepEqual(byName.id.diagnoses, ['id-like']);
    assert.equal(byName.id.method, 'exclude');
    assert.match(byName.id.reason ?? '', /40 distinct integers from 1 to 40/);
    assert.deepEqual(byName.empty.diagnoses, ['empty', 'missing']);
    assert.equal(byName.empty.method, 'drop');
    assert.deepEqual(byName.constant.diagnoses, ['constant']);
    assert.equal(byName.constant.method, 'drop');
    assert.deepEqual(byName.flag.diagnoses, ['binary']);
    assert.equal(byName.flag.method, 'none');
    assert.equal(byName.skewed.method, 'yeo-johnson');
    assert.ok(byName.skewed.diagnoses.includes('skewed'));
    assert.equal(byName.outliers.method, 'yeo-johnson'); // 10% at 1000: skewed as well
    assert.deepEqual(byName.outliers.diagnoses, ['skewed', 'outliers']);
    assert.match(byName.outliers.reason ?? '', /10% of values beyond the IQR fences/);
    assert.equal(byName.normal.method, 'zscore');
    assert.deepEqual(byName.normal.diagnoses, []);
    assert.deepEqual(byName.gappy.diagnoses, ['missing']);
    assert.match(byName.gappy.reason ?? '', /4 of 40 values missing \(10%\)/);
    assert.deepEqual(byName.label, {
      name: 'label',
      kind: 'text',
      diagnoses: [],
      method: 'none',
      reason: 'text column: not scaled',
    });
    const zh = runCli(['advise', file, '--json', '--language', 'zh-cn']);
    assert.equal(zh.status, 0, zh.stderr);
    assert.match(zh.stdout, /互不相同的整数/);
  } finally {
    cleanup();
  }
});

test(
  'advise reads .npy inputs, naming the columns 0, 1, …',
  {
    skip: !pythonHasScipy && 'python3 with NumPy is not installed',
  },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const file = join(dir, 'x.npy');
      const script = `import numpy as np; np.save(${JSON.stringify(file)}, np.stack([np.arange(30.0), np.full(30, 2.0)], axis=1))`;
      const made = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
      const columns = advised(file);
      assert.deepEqual(
        columns.map((c) => [c.name, c.method]),
        [
          ['0', 'exclude'],
          ['1', 'drop'],
        ],
      );
    } finally {
      cleanup();
    }
  },
);

test('advise refuses an unknown --language, naming the flag and the choices', () => {
  const result = runCli(['advise', 'any.csv', '--language', 'fr']);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /--language: 'fr' is not one of en, zh-cn/);
});

const SKLEARN_COLUMN_TRANSFORMER = `
import json, sys
import numpy as np, pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import PowerTransformer, RobustScaler, StandardScaler
frame = pd.read_csv(sys.argv[1])
plan = json.load(open(sys.argv[2]))["columns"]
make = {"zscore": StandardScaler, "robust": RobustScaler, "yeo-johnson": lambda: PowerTransformer(method="yeo-johnson")}
steps = [(e["column"], make[e["method"]](), [e["column"]]) for e in plan if e["method"] in make]
passthrough = [e["column"] for e in plan if e["method"] == "none"]
out = ColumnTransformer(steps + [("keep", "passthrough", passthrough)]).fit_transform(frame)
names = [e["column"] for e in plan if e["method"] in make] + passthrough
print(json.dumps({n: [None if np.isnan(v) else v for v in out[:, k]] for k, n in enumerate(names)}))
`;

test(
  'fit --plan from advise --write-plan, then transform, equals scikit-learn ColumnTransformer on real tables',
  {
    skip: !pythonHasScipy && 'python3 with pandas and scikit-learn is not installed',
  },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      for (const name of ['seattle-weather.csv', 'gapminder-health-income.csv', 'la-riots.csv']) {
        const input = join(VEGA, name);
        const { plan, params, output } = cliPlanRoundTrip(input, dir, name);
        const saved = JSON.parse(readFileSync(params, 'utf8')) as { method: string; plan: unknown };
        assert.equal(saved.method, 'plan');
        const reference = spawnSync(PYTHON, ['-c', SKLEARN_COLUMN_TRANSFORMER, input, plan], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        });
        assert.equal(reference.status, 0, reference.stderr);
        const expected = JSON.parse(reference.stdout) as Record<string, (number | null)[]>;
        const [names, ...lines] = Papa.parse<string[]>(readFileSync(output, 'utf8').trimEnd()).data;
        assert.ok(Object.keys(expected).length > 0);
        for (const [column, values] of Object.entries(expected)) {
          const j = names.indexOf(column);
          assert.ok(j >= 0, `${name}: ${column} in the output`);
          lines.forEach((line, i) => {
            const field = line[j];
            const want = values[i];
            if (want === null) return assert.equal(field, '', `${name} ${column} row ${i}`);
            const got = Number(field);
            assert.ok(
              Math.abs(got - want) <= 1e-7 * Math.max(1, Math.abs(want)),
              `${name} ${column} row ${i}: ${got} vs scikit-learn ${want}`,
            );
          });
        }
      }
    } finally {
      cleanup();
    }
  },
);

test('fit --plan refuses --method alongside, and a plan naming a text column or an unknown method, naming the file', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(VEGA, 'seattle-weather.csv');
    const plan = join(dir, 'plan.json');
    const out = join(dir, 'params.json');
    writeFileSync(plan, JSON.stringify({ columns: [{ column: 'wind', method: 'zscore' }] }));
    const both = runCli(['fit', input, '--plan', plan, '--method', 'minmax', '--out', out]);
    assert.notEqual(both.status, 0);
    assert.match(both.stderr, /--plan: gives each column its method; leave out --method/);
    writeFileSync(plan, JSON.stringify({ columns: [{ column: 'weather', method: 'zscore' }] }));
    const text = runCli(['fit', input, '--plan', plan, '--out', out]);
    assert.match(text.stderr, /weather.*is a text column/);
    writeFileSync(plan, JSON.stringify({ columns: [{ column: 'wind', method: 'zscored' }] }));
    const unknown = runCli(['fit', input, '--plan', plan, '--out', out]);
    assert.match(unknown.stderr, /plan\.json.*'zscored' is not one of/);
    writeFileSync(
      plan,
      JSON.stringify({
        columns: [
          { column: 'wind', method: 'zscore' },
          { column: 'wind', method: 'robust' },
        ],
      }),
    );
    const twice = runCli(['fit', input, '--plan', plan, '--out', out]);
    assert.match(twice.stderr, /columns\[1\]\.column.*listed twice/);
    assert.ok(!existsSync(out), 'nothing written on error');
  } finally {
    cleanup();
  }
});
