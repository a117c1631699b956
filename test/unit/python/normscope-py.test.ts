// The Python helper (python/normscope.py) run by Debian's python3 with NumPy: its payloads decode in
// TypeScript to the same numbers, the fallbacks are there (with each column's advice, equal to the
// engine's on real tables), and large inputs are capped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNotebookPayload, NOTEBOOK_MIME } from '../../../src/shared/notebook-payload';
import { adviseColumns } from '../../../src/engine/advise/advise';
import { SKLEARN_DATA, VEGA_DATA } from '../../helpers/real-datasets';

const PYTHON =
  process.env.NORMSCOPE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const helperDir = join(import.meta.dirname, '..', '..', '..', 'python');

/** Runs Python code with normscope importable; returns its stdout parsed as JSON. */
function python(code: string): unknown {
  const out = execFileSync(
    PYTHON,
    [
      '-c',
      `import sys, json\nsys.path.insert(0, ${JSON.stringify(helperDir)})\nimport numpy as np\nimport normscope\n${code}`,
    ],
    {
      maxBuffer: 1 << 28,
    },
  );
  return JSON.parse(out.toString());
}

type Bundle = Record<string, unknown>;

test('normscope.bundle of a NumPy table decodes in TypeScript to the same values, with both fallbacks', () => {
  const bundle = python(`
x = np.array([[1.5, 200.0], [np.nan, 100.0], [3.25, -5.0]])
print(json.dumps(normscope.bundle(x, method='robust', quantile_range=(10, 90), title='x')))
`) as Bundle;
  const { dataset, request } = decodeNotebookPayload(bundle[NOTEBOOK_MIME]);
  assert.ok(dataset.kind === 'table');
  assert.deepEqual(
    dataset.columns.map((c) => Array.from(c.values)),
    [
      [1.5, NaN, 3.25],
      [200, 100, -5],
    ],
  );
  assert.deepEqual(request, {
    kind: 'table',
    method: 'robust',
    options: { quantileRange: [10, 90] },
    bins: 30,
  });
  assert.match(String(bundle['text/html']), /<th>0<\/th><td>2<\/td><td>1<\/td><td>2\.375<\/td>/);
  assert.match(String(bundle['text/plain']), /^NormScope: x \(3 × 2\), table/);
});

test('normscope.bundle of a float32 [N, C, H, W] array with layer="batchnorm" is a tensor payload with BatchNorm axes', () => {
  const bundle = python(`
x = (np.arange(2 * 3 * 2 * 2, dtype=np.float32) / 7).reshape(2, 3, 2, 2)
print(json.dumps(normscope.bundle(x, layer='batchnorm')))
`) as Bundle;
  const { dataset, request } = decodeNotebookPayload(bundle[NOTEBOOK_MIME]);
  assert.ok(dataset.kind === 'tensor' && dataset.tensor.data instanceof Float32Array);
  assert.deepEqual(Array.from(dataset.tensor.data).slice(0, 3), [0, Math.fround(1 / 7), Math.fround(2 / 7)]);
  assert.deepEqual(request.kind === 'tensor' && [request.preset, request.reducedAxes], [
    'batchnorm',
    [0, 2, 3],
  ]);
});

test('normscope.bundle caps large inputs with a uniform row sample and says so, in the payload and the fallbacks', () => {
  const bundle = python(`
x = np.arange(6_000_000, dtype=np.float64).reshape(3_000_000, 2)
print(json.dumps(normscope.bundle(x, method='none')))
`) as Bundle;
  const payload = bundle[NOTEBOOK_MIME] as { shape: number[]; note: string };
  assert.deepEqual(payload.shape, [2_500_000, 2]);
  assert.match(payload.note, /^Sampled 2,500,000 of 3,000,000 rows uniformly/);
  assert.match(String(bundle['text/html']), /Sampled 2,500,000/);
  const { dataset } = decodeNotebookPayload(payload);
  assert.ok(dataset.kind === 'table');
  const first = dataset.columns[0].values;
  assert.ok(
    first.every((v, i) => i === 0 || v > first[i - 1]),
    'rows sampled in order, without repeats',
  );
});

test('normscope.payload refuses unknown methods and layers, and non-numeric arrays', () => {
  const errors = python(`
out = []
for call in (lambda: normscope.payload(np.zeros(3), method='softmax'), lambda: normscope.payload(np.zeros((2, 2)), layer='rmsnorm'), lambda: normscope.payload(np.array(['a']))):
    try:
        call()
    except (ValueError, TypeError) as e:
        out.append(str(e))
print(json.dumps(out))
`) as string[];
  assert.equal(errors.length, 3);
  assert.match(errors[0], /method 'softmax'/);
  assert.match(errors[1], /layer 'rmsnorm'/);
  assert.match(errors[2], /expected numbers/);
});

/** Real tables with skewed, id-like, binary, constant, empty and missing columns, as pandas reads them. */
const REAL_FRAMES = `
import pandas as pd
vega = ${JSON.stringify(VEGA_DATA)}
sklearn = ${JSON.stringify(SKLEARN_DATA)}
frames = {
    "cars": pd.read_json(f"{vega}/cars.json"),
    "penguins": pd.read_json(f"{vega}/penguins.json"),
    "movies": pd.read_json(f"{vega}/movies.json"),
    "flights-2k": pd.read_json(f"{vega}/flights-2k.json"),
    "seattle-weather": pd.read_csv(f"{vega}/seattle-weather.csv"),
    "airports": pd.read_csv(f"{vega}/airports.csv"),
    "breast-cancer": pd.read_csv(f"{sklearn}/breast_cancer.csv", skiprows=1, header=None),
    "boston": pd.read_csv(f"{sklearn}/boston_house_prices.csv", skiprows=1),
    "iris": pd.read_csv(f"{sklearn}/iris.csv", skiprows=1, header=None),
    "wine": pd.read_csv(f"{sklearn}/wine_data.csv", skiprows=1, header=None),
}
cars = frames["cars"]
cars["row id"] = range(1, len(cars) + 1)
cars["<b>constant</b>"] = 7.0
cars["empty"] = float("nan")
frames["small"] = pd.DataFrame(np.array([[1.5, 200.0], [np.nan, 100.0], [3.25, -5.0]]))
`;

interface PythonAdvice {
  diagnoses: string[];
  method: string;
  reason: string;
}

test("normscope.bundle's fallbacks give each numeric column of real tables the engine's advice: the same method, diagnoses and reason", () => {
  const results = python(`${REAL_FRAMES}
out = {}
for name, frame in frames.items():
    bundle = normscope.bundle(frame, title=name)
    payload = bundle[normscope.MIME_TYPE]
    columns = frame.select_dtypes(include="number")
    out[name] = {"bundle": bundle, "advice": [normscope.column_advice(columns[c].to_numpy(dtype=np.float64, na_value=np.nan)) for c in columns.columns]}
print(json.dumps(out))
`) as Record<string, { bundle: Bundle; advice: PythonAdvice[] }>;
  const seen = new Set<string>();
  let columns = 0;
  for (const [name, { bundle, advice }] of Object.entries(results)) {
    const { dataset } = decodeNotebookPayload(bundle[NOTEBOOK_MIME]);
    assert.ok(dataset.kind === 'table');
    const engine = adviseColumns(
      dataset.columns.map((c) => ({ name: c.name, kind: 'numeric' as const, values: c.values })),
    );
    assert.equal(advice.length, engine.length, name);
    const html = String(bundle['text/html']);
    const plain = String(bundle['text/plain']);
    engine.forEach((expected, j) => {
      const where = `${name} column ${expected.name}`;
      assert.deepEqual(
        { method: advice[j].method, diagnoses: advice[j].diagnoses, reason: advice[j].reason },
        { method: expected.method, diagnoses: expected.diagnoses, reason: expected.reason },
        where,
      );
      const method =
        expected.method + (expected.diagnoses.length ? ` (${expected.diagnoses.join(', ')})` : '');
      assert.ok(
        html.includes(`<td>${escapeHtml(method)}</td><td>${escapeHtml(expected.reason)}</td>`),
        where,
      );
      assert.ok(plain.includes(`\n${expected.name}: ${method} — ${expected.reason}`), where);
      expected.diagnoses.forEach((d) => seen.add(d));
      if (expected.diagnoses.length === 0) seen.add(expected.method);
      columns++;
    });
  }
  // every rule is exercised by some real column
  assert.deepEqual([...seen].sort(), [
    'binary',
    'constant',
    'empty',
    'id-like',
    'missing',
    'outliers',
    'skewed',
    'zscore',
  ]);
  assert.ok(columns >= 90, `${columns} columns`);
  const cars = String(results.cars.bundle['text/html']);
  assert.ok(cars.includes('<th>&lt;b&gt;constant&lt;/b&gt;</th>'), 'column names escaped');
  assert.ok(!cars.includes('<b>constant</b>'));
});

test('normscope.bundle of a tensor keeps its fallback without advice (advice is per table column)', () => {
  const bundle = python(`
print(json.dumps(normscope.bundle(np.zeros((2, 3, 4, 4), dtype=np.float32), layer='batchnorm')))
`) as Bundle;
  assert.doesNotMatch(String(bundle['text/html']), /advice/);
  assert.match(String(bundle['text/html']), /<th>all values<\/th>/);
});

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}
