import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNotebookPayload, PayloadError, MAX_VALUES } from '../../../src/shared/notebook-payload';

function base64Of(values: number[], dtype: 'float32' | 'float64'): string {
  const array = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  return Buffer.from(array.buffer).toString('base64');
}

const table = {
  version: 1,
  kind: 'table',
  shape: [3, 2],
  dtype: 'float64',
  columns: ['a', 'b'],
  data: base64Of([1, 10, 2, NaN, 3, 30], 'float64'),
  request: { method: 'minmax', options: { clip: true } },
};

test('decodeNotebookPayload decodes a table with names, NaN and the requested method', () => {
  const { dataset, request } = decodeNotebookPayload(table);
  assert.equal(dataset.kind, 'table');
  if (dataset.kind !== 'table') return;
  assert.deepEqual(
    dataset.columns.map((c) => [c.name, Array.from(c.values)]),
    [
      ['a', [1, 2, 3]],
      ['b', [10, NaN, 30]],
    ],
  );
  assert.deepEqual(request, { kind: 'table', method: 'minmax', options: { clip: true }, bins: 30 });
});

test('decodeNotebookPayload decodes a float32 tensor with a layer preset or explicit axes', () => {
  const tensor = {
    version: 1,
    kind: 'tensor',
    shape: [2, 3, 2, 2],
    dtype: 'float32',
    data: base64Of(
      Array.from({ length: 24 }, (_, i) => i / 4),
      'float32',
    ),
    request: { layer: 'layernorm' },
  };
  const decoded = decodeNotebookPayload(tensor);
  assert.ok(decoded.dataset.kind === 'tensor' && decoded.dataset.tensor.data instanceof Float32Array);
  assert.deepEqual(decoded.request, {
    kind: 'tensor',
    preset: 'layernorm',
    reducedAxes: [1, 2, 3],
    groups: 1,
    eps: 1e-5,
    normalize: true,
    bins: 30,
  });
  const custom = decodeNotebookPayload({
    ...tensor,
    request: { axes: [0, 3] },
    axisNames: ['B', 'C', 'X', 'Y'],
  });
  assert.deepEqual(
    [
      custom.request.kind === 'tensor' && custom.request.reducedAxes,
      custom.dataset.kind === 'tensor' && custom.dataset.axisNames,
    ],
    [
      [0, 3],
      ['B', 'C', 'X', 'Y'],
    ],
  );
});

test('decodeNotebookPayload refuses bad payloads before decoding, naming the field', () => {
  const cases: [unknown, RegExp][] = [
    [null, /JSON object/],
    [{ ...table, version: 2 }, /unknown payload version 2/],
    [{ ...table, kind: 'image' }, /kind must be/],
    [{ ...table, shape: [-1, 2] }, /shape must be/],
    [{ ...table, shape: [3, 2, 1] }, /a table has shape/],
    [{ ...table, shape: [MAX_VALUES, 2] }, /exceed the limit/],
    [{ ...table, dtype: 'int8' }, /dtype must be/],
    [{ ...table, data: base64Of([1, 2], 'float64') }, /data holds 16 bytes, the shape needs 48/],
    [{ ...table, data: '!'.repeat(64) }, /not base64/],
    [{ ...table, columns: ['a'] }, /columns must name/],
    [{ ...table, request: { method: 'softmax' } }, /unknown method "softmax"/],
  ];
  for (const [payload, pattern] of cases) {
    assert.throws(
      () => decodeNotebookPayload(payload),
      (e: unknown) => e instanceof PayloadError && pattern.test(e.message),
      String(pattern),
    );
  }
});
