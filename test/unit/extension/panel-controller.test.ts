import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PanelController, type PanelServices } from '../../../src/extension/panel-controller';
import { diskFiles } from '../../../src/extension/files/disk-files';
import { fileSource } from '../../../src/io/node/file-source';
import type { PanelSource } from '../../../src/extension/panel-source';
import { loadDataFile, panelInit, type PanelSettings } from '../../../src/extension/load';
import { datasetFromArray } from '../../../src/engine/report/dataset';
import { createScaler } from '../../../src/engine/scale/registry';
import { matrix } from '../../../src/engine/scale/matrix';
import { formatArrayLiteral, parseArrayLiteral, type LiteralStyle } from '../../../src/io/literal';
import { isWebviewMessage, type HostMessage, type WebviewMessage } from '../../../src/shared/protocol';
import { assertClose } from '../../helpers/close';
import { scratchDir } from '../../helpers/cli';

const SETTINGS: PanelSettings = { defaultMethod: 'zscore', bins: 10, previewSize: 256 };

function fakeServices(saveDir?: string) {
  const posted: HostMessage[] = [];
  const copied: string[] = [];
  const replaced: string[] = [];
  let declineWrites = false;
  const services: PanelServices = {
    post: (message) => void posted.push(message),
    files: diskFiles,
    saveLocation: (name) => Promise.resolve(saveDir ? join(saveDir, name) : undefined),
    confirmWrite: () => Promise.resolve(!declineWrites),
    copy: (text) => Promise.resolve(void copied.push(text)),
    replaceSelection: (text) => Promise.resolve(replaced.push(text) > 0),
    reveal: () => undefined,
  };
  return { services, posted, copied, replaced, decline: () => (declineWrites = true) };
}

function selectionSource(text: string, method: PanelSettings['defaultMethod'] = 'minmax'): PanelSource {
  const literal = parseArrayLiteral(text);
  const dataset = datasetFromArray('selection', literal.data, literal.shape);
  const init = panelInit(dataset, {
    source: 'selection',
    settings: { ...SETTINGS, defaultMethod: method },
    statisticsOnly: false,
    trusted: true,
  });
  return { kind: 'selection', dataset, style: literal.style, shape: literal.shape, init };
}

const last = (posted: HostMessage[]) => posted[posted.length - 1];

test('PanelController answers ready with init and compute with a view of typed-array summaries', async () => {
  const source = selectionSource('[[1, 10], [2, 20], [4, 40]]', 'zscore');
  const fake = fakeServices();
  const controller = new PanelController(source, fake.services);
  await controller.handle({ type: 'ready' });
  assert.deepEqual(fake.posted[0], { type: 'init', init: source.init });
  await controller.handle({ type: 'compute', requestId: 7, request: source.init.initialRequest });
  const view = last(fake.posted);
  assert.equal(view.type, 'view');
  if (view.type !== 'view') return;
  assert.equal(view.requestId, 7);
  assert.ok(view.view.before.values instanceof Float64Array);
  assert.deepEqual(view.view.before.labels, ['0', '1']);
  const mean = view.view.after.values[view.view.after.fields.indexOf('mean')];
  assertClose(mean, 0, { abs: 1e-15 });
  assert.equal(view.view.hasFittedParameters, true);
  assert.deepEqual(
    Array.from(view.view.histogramBefore.counts).reduce((a, b) => a + b, 0),
    3,
  );
});

test('PanelController reports a bad request as an error with its request id, and keeps going', async () => {
  const source = selectionSource('[1, 2, 3]');
  const fake = fakeServices();
  const controller = new PanelController(source, fake.services);
  await controller.handle({
    type: 'compute',
    requestId: 3,
    request: { kind: 'table', method: 'quantile', options: { nQuantiles: 0 }, bins: 10 },
  });
  assert.deepEqual(last(fake.posted), {
    type: 'error',
    requestId: 3,
    message: 'quantile: nQuantiles (0) must be a positive integer',
  });
  await controller.handle({ type: 'saveParameters' });
  assert.deepEqual(last(fake.posted), {
    type: 'error',
    requestId: undefined,
    message: 'Nothing has been computed yet.',
  });
  await controller.handle({
    type: 'compute',
    requestId: 4,
    request: { kind: 'table', method: 'none', options: {}, bins: 10 },
  });
  assert.equal(last(fake.posted).type, 'view');
  await controller.handle({ type: 'copyCode', language: 'numpy' });
  assert.match((last(fake.posted) as { message: string }).message, /no fitted parameters to copy/);
});

test('PanelController replaces a selection in its own literal style with values equal to the engine (round trip)', async () => {
  for (const [text, style] of [
    ['[[3.0, 185000.0], [2.0, 99000.0], [4.0, 310000.0]]', 'json'],
    ["[(1, float('nan')), (2, 5), (3, 7)]", 'python'],
    ['np.array([[0., 128.], [255., 64.]])', 'numpy'],
    ['torch.tensor([[1.5, -2.0], [0.5, 4.0]])', 'torch'],
  ] as [string, LiteralStyle][]) {
    const source = selectionSource(text);
    const fake = fakeServices();
    const controller = new PanelController(source, fake.services);
    await controller.handle({ type: 'compute', requestId: 1, request: source.init.initialRequest });
    await controller.handle({ type: 'replaceSelection' });
    await controller.handle({ type: 'copyResult' });
    assert.equal(fake.replaced.length, 1);
    assert.equal(fake.copied[0], fake.replaced[0]);
    const back = parseArrayLiteral(fake.replaced[0]);
    assert.equal(back.style, style);
    const input = parseArrayLiteral(text);
    const x = matrix(input.data, input.shape[0], input.shape[1]);
    const expected = createScaler('minmax').fit(x).transform(x).data;
    assert.deepEqual(back.shape, input.shape);
    assert.ok(
      Array.from(back.data).every(
        (v, i) => Object.is(v, expected[i]) || (Number.isNaN(v) && Number.isNaN(expected[i])),
      ),
      `${style}: ${fake.replaced[0]}`,
    );
    assert.equal(fake.replaced[0], formatArrayLiteral(expected, input.shape, style));
  }
});

test('PanelController copies the fitted transform as code for every language, and text the webview prepared', async () => {
  const source = selectionSource('[[1, 10], [3, 30]]', 'minmax');
  const fake = fakeServices();
  const controller = new PanelController(source, fake.services);
  await controller.handle({ type: 'compute', requestId: 1, request: source.init.initialRequest });
  for (const language of ['sklearn', 'pytorch', 'keras', 'numpy'] as const)
    await controller.handle({ type: 'copyCode', language });
  assert.match(fake.copied[0], /scaler\.data_min_ = np\.array\(\[1, 10\]\)/);
  assert.match(fake.copied[1], /a = torch\.tensor\(\[0\.5, 0\.05\]/);
  assert.match(fake.copied[2], /keras\.layers\.Normalization\(mean=-b \/ a, variance=1 \/ a\*\*2\)/);
  assert.match(fake.copied[3], /b = np\.array\(\[-0\.5, -0\.5\]\)/);
  await controller.handle({ type: 'copyText', text: 'a,b\n', what: 'the table' });
  assert.equal(fake.copied[4], 'a,b\n');
  assert.deepEqual(last(fake.posted), { type: 'notice', message: 'Copied the table.' });
});

test('PanelController exports to a new file (keeping the CSV header and text columns), saves parameters, and respects a declined write', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const loaded = await loadDataFile(fileSource('samples/housing.csv'), {});
    const init = panelInit(loaded.dataset, {
      source: 'file',
      settings: SETTINGS,
      statisticsOnly: false,
      trusted: true,
    });
    const fake = fakeServices(dir);
    const controller = new PanelController(
      { kind: 'file', dataset: loaded.dataset, file: loaded.file, init },
      fake.services,
    );
    await controller.handle({ type: 'compute', requestId: 1, request: init.initialRequest });
    await controller.handle({ type: 'export', format: 'csv' });
    const exported = readFileSync(join(dir, 'housing.normalized.csv'), 'utf8').split('\n');
    assert.equal(exported.length, 242);
    assert.equal(
      exported[1].split(',')[1],
      readFileSync('samples/housing.csv', 'utf8').split('\n')[1].split(',')[1],
    );
    await controller.handle({ type: 'export', format: 'npy' });
    assert.match((last(fake.posted) as { message: string }).message, /housing\.normalized\.npy/);
    await controller.handle({ type: 'saveParameters' });
    const params = JSON.parse(readFileSync(join(dir, 'housing.normalized.params.json'), 'utf8')) as {
      method: string;
    };
    assert.equal(params.method, 'zscore');
    fake.decline();
    const count = fake.posted.length;
    await controller.handle({ type: 'export', format: 'csv' });
    assert.equal(fake.posted.length, count, 'a declined write posts nothing and writes nothing');
  } finally {
    cleanup();
  }
});

test('PanelController handles every webview message type, and isWebviewMessage refuses anything else', async () => {
  const every: WebviewMessage[] = [
    { type: 'ready' },
    { type: 'compute', requestId: 1, request: { kind: 'table', method: 'maxabs', options: {}, bins: 5 } },
    { type: 'export', format: 'npy' },
    { type: 'saveParameters' },
    { type: 'copyCode', language: 'numpy' },
    { type: 'copyText', text: 'x', what: 'x' },
    { type: 'replaceSelection' },
    { type: 'copyResult' },
  ];
  const source = selectionSource('[[1, -4], [2, 2]]');
  const fake = fakeServices();
  const controller = new PanelController(source, fake.services);
  for (const message of every) {
    assert.ok(isWebviewMessage(message));
    const before = fake.posted.length;
    await controller.handle(message);
    if (message.type !== 'export' && message.type !== 'saveParameters') {
      assert.ok(
        fake.posted.length > before,
        `${message.type} answered: ${JSON.stringify(fake.posted.slice(-1))}`,
      );
    }
  }
  assert.deepEqual(fake.replaced, ['[[0.5, -1], [1, 0.5]]'], 'max-abs: columns divided by 2 and 4');
  for (const bad of [null, 1, 'ready', {}, { type: 'eval' }, { type: 'constructor' }])
    assert.equal(isWebviewMessage(bad), false);
});

test('PanelController.refine swaps a first look at a prefix for the whole data, then computes on every row', async () => {
  const prefix = selectionSource('[[1, 2], [3, 4]]', 'zscore');
  const whole = selectionSource('[[1, 2], [3, 4], [5, 6], [7, 8]]', 'zscore');
  const { services, posted } = fakeServices();
  const controller = new PanelController(prefix, services);
  await controller.refine(whole); // before the webview is ready: nothing posted, init comes with ready
  assert.equal(posted.length, 0);
  await controller.handle({ type: 'ready' });
  assert.deepEqual(last(posted), { type: 'init', init: whole.init });
  await controller.handle({ type: 'compute', requestId: 1, request: whole.init.initialRequest });
  await controller.firstView;
  const view = last(posted);
  // the count of column 0 (a 4-row dataset now, not the prefix's 2)
  assert.equal(view.type === 'view' && view.view.before.values[view.view.before.fields.indexOf('count')], 4);
  await controller.refine(prefix); // once ready, a refinement posts its init at once
  assert.deepEqual(last(posted), { type: 'init', init: prefix.init });
});

test('PanelController speaks the display language through the L10n it is given (here the zh-cn bundle, as vscode.l10n reads it)', async () => {
  const bundle = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
  ) as Record<string, string>;
  // vscode.l10n.t: the bundle's translation of the message, its {0}, {1} … filled with the arguments
  const l10n = {
    t: (message: string, ...args: (string | number | boolean)[]) =>
      (bundle[message] ?? message).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
  };
  const source = selectionSource('[[1, 10], [3, 30]]', 'minmax');
  const fake = fakeServices();
  const controller = new PanelController(source, { ...fake.services, l10n });
  await controller.handle({ type: 'saveParameters' });
  assert.deepEqual(last(fake.posted), { type: 'error', requestId: undefined, message: '尚未计算任何结果。' });
  await controller.handle({ type: 'compute', requestId: 1, request: source.init.initialRequest });
  await controller.handle({ type: 'copyCode', language: 'numpy' });
  assert.match(fake.copied[0], /b = np\.array\(\[-0\.5, -0\.5\]\)/);
  assert.deepEqual(last(fake.posted), {
    type: 'notice',
    message: '已复制拟合好的 minmax 变换（numpy 代码）。',
  });
  await controller.handle({ type: 'copyResult' });
  assert.deepEqual(last(fake.posted), { type: 'notice', message: '已复制归一化后的数组。' });
  await controller.handle({ type: 'openInPanel' });
  assert.deepEqual(last(fake.posted), {
    type: 'error',
    requestId: undefined,
    message: '此视图已经是 NormScope 面板。',
  });
});
