// The Python helper (python/normscope.py) run by Debian's python3 with NumPy: its payloads decode in
// TypeScript to the same numbers, the fallbacks are there, and large inputs are capped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNotebookPayload, NOTEBOOK_MIME } from '../../../src/shared/notebook-payload';

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
