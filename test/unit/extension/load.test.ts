import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialRequest, loadDataFile, panelInit } from '../../../src/extension/load';
import { fileSource } from '../../../src/io/node/file-source';
import { createScaler } from '../../../src/engine/scale/registry';
import { matrix } from '../../../src/engine/scale/matrix';
import { computeReport } from '../../../src/engine/report/report';
import { viewPayload } from '../../../src/shared/view-payload';

const SETTINGS = { defaultMethod: 'robust' as const, bins: 12, previewSize: 3 };

test('loadDataFile reads a CSV as a table and a 4-d .npy as a tensor with N, C, H, W axes', async () => {
  const table = await loadDataFile(fileSource('samples/housing.csv'), {});
  assert.equal(table.dataset.kind, 'table');
  if (table.dataset.kind === 'table') {
    assert.equal(table.dataset.rowCount, 240);
    assert.deepEqual(
      table.dataset.columns.map((c) => c.kind).filter((k) => k === 'text'),
      ['text'],
    );
  }
  const tensor = await loadDataFile(fileSource('samples/activations.npy'), {});
  assert.equal(tensor.dataset.kind, 'tensor');
  if (tensor.dataset.kind === 'tensor')
    assert.deepEqual(
      [tensor.dataset.tensor.shape, tensor.dataset.axisNames],
      [
        [8, 4, 6, 6],
        ['N', 'C', 'H', 'W'],
      ],
    );
});

test('loadDataFile reports progress and stops when its signal aborts', async () => {
  const seen: number[] = [];
  await loadDataFile(fileSource('samples/housing.csv'), { onProgress: (read, total) => seen.push(read / total) });
  assert.equal(seen[seen.length - 1], 1);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(loadDataFile(fileSource('samples/housing.csv'), { signal: controller.signal }), {
    name: 'AbortError',
  });
});

test('initialRequest starts with the default method, statistics only, BatchNorm axes, or the prefitted parameters', async () => {
  const { dataset } = await loadDataFile(fileSource('samples/housing.csv'), {});
  assert.deepEqual(initialRequest(dataset, SETTINGS, false), {
    kind: 'table',
    method: 'robust',
    options: {},
    bins: 12,
    language: 'en',
  });
  assert.equal(
    (initialRequest(dataset, { ...SETTINGS, displayLanguage: 'zh-cn' }, false) as { language?: string })
      .language,
    'zh-cn',
  );
  assert.equal((initialRequest(dataset, SETTINGS, true) as { method: string }).method, 'none');
  const { dataset: tensor } = await loadDataFile(fileSource('samples/activations.npy'), {});
  assert.deepEqual(initialRequest(tensor, SETTINGS, false), {
    kind: 'tensor',
    preset: 'batchnorm',
    reducedAxes: [0, 2, 3],
    eps: 1e-5,
    normalize: true,
    bins: 12,
    groups: 1,
  });
  const fitted = createScaler('minmax')
    .fit(matrix([0, 10], 2, 1))
    .toJSON();
  const request = initialRequest(dataset, SETTINGS, false, fitted);
  assert.equal(request.kind === 'table' && request.prefitted?.method, 'minmax');
});

test('panelInit describes the dataset and the methods, and fit/apply applies training parameters to the test file', async () => {
  const train = await loadDataFile(fileSource('samples/housing_train.csv'), {});
  const test_ = await loadDataFile(fileSource('samples/housing_test.csv'), {});
  assert.ok(train.dataset.kind === 'table' && test_.dataset.kind === 'table');
  const rooms =
    train.dataset.kind === 'table'
      ? train.dataset.columns.find((c) => c.name === 'rooms')!.values
      : new Float64Array();
  const scaler = createScaler('zscore').fit(matrix(rooms, rooms.length, 1));
  const init = panelInit(test_.dataset, {
    source: 'fit-apply',
    settings: SETTINGS,
    statisticsOnly: false,
    trusted: false,
    prefitted: scaler.toJSON(),
    columns: ['rooms'],
    note: 'leak',
  });
  assert.deepEqual(
    [init.source, init.note, init.trusted, init.previewSize, init.canReplaceSelection],
    ['fit-apply', 'leak', false, 3, false],
  );
  assert.equal(init.methods.length, 10);
  const report = computeReport(test_.dataset, init.initialRequest);
  const testRooms =
    test_.dataset.kind === 'table'
      ? test_.dataset.columns.find((c) => c.name === 'rooms')!.values
      : new Float64Array();
  assert.deepEqual(
    Array.from(report.output.kind === 'table' ? report.output.matrix.data : []),
    Array.from(scaler.transform(matrix(testRooms, testRooms.length, 1)).data),
  );
});

test('the webview payload stays small whatever the rows: summaries, not data (issue 7: under 200 KB)', () => {
  const bytes = (v: unknown): number =>
    ArrayBuffer.isView(v)
      ? v.byteLength
      : Array.isArray(v)
        ? v.reduce((s: number, x) => s + bytes(x), 0)
        : v && typeof v === 'object'
          ? Object.values(v).reduce((s: number, x) => s + bytes(x), 0)
          : typeof v === 'string'
            ? v.length * 2
            : 8;
  const sizes = [2_000, 400_000].map((rows) => {
    const columns = Array.from({ length: 12 }, (_, j) => ({
      name: `f${j}`,
      kind: 'numeric' as const,
      values: Float64Array.from({ length: rows }, (_, i) => Math.sin(i * (j + 1)) * 1000),
    }));
    const dataset = { kind: 'table' as const, title: 't.csv', rowCount: rows, columns };
    return bytes(viewPayload(computeReport(dataset, initialRequest(dataset, SETTINGS, false)), 256));
  });
  assert.ok(sizes[1] < 200 * 1024, `${sizes[1]} bytes`);
  assert.ok(
    Math.abs(sizes[1] - sizes[0]) < 1024,
    `payload grew from ${sizes[0]} to ${sizes[1]} bytes with 200× the rows`,
  );
});
