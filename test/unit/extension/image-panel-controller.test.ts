// The image panel's host controller on a Pillow-written ImageFolder with NumPy as the answer key: the
// init's per-channel statistics, 256-bin histograms and exact after-transform statistics, and every
// page message (ready, copyLine, openMarkdown, a failing action) with what it posts back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { imageStats } from '../../../src/io/node/image-files';
import { IMAGE_TRANSFORMS, ImageChannelStats, normalizeLines } from '../../../src/io/images/channel-stats';
import type { ImageFolderStats } from '../../../src/io/images/folder-stats';
import {
  ImagePanelController,
  imagePanelInit,
  type ImagePanelServices,
} from '../../../src/extension/image-panel-controller';
import {
  IMAGE_TRANSFORM_IDS,
  isImageWebviewMessage,
  type ImageHostMessage,
} from '../../../src/shared/image-protocol';
import { assertClose } from '../../helpers/close';
import { scratchDir } from '../../helpers/cli';
import { writeImageFolder, type ImageFolderKey } from '../../helpers/image-folder';
import { hasPython } from '../io/formats/fixtures';

const skip = !hasPython('numpy, PIL') && 'needs Debian python3 with NumPy and Pillow';
const scratch = scratchDir('normscope-image-panel-');
let key: ImageFolderKey;
let result: ImageFolderStats;

before(async () => {
  if (skip) return;
  key = writeImageFolder(`${scratch.dir}/pets`);
  result = await imageStats(`${scratch.dir}/pets`);
});
after(() => scratch.cleanup());

function fakeServices(options: { failCopy?: boolean } = {}) {
  const posted: ImageHostMessage[] = [];
  const copied: string[] = [];
  let markdown = 0;
  const services: ImagePanelServices = {
    post: (message) => void posted.push(message),
    copy: (text) =>
      options.failCopy
        ? Promise.reject(new Error('the clipboard is not available'))
        : Promise.resolve(void copied.push(text)),
    openMarkdown: () => Promise.resolve(void markdown++),
  };
  return { services, posted, copied, markdown: () => markdown };
}

test(
  'imagePanelInit gives each channel the answer key’s mean, std, min, max and its exact count per 8-bit level',
  { skip },
  () => {
    const init = imagePanelInit('pets', result, 'PNG: fast-png', 'en');
    assert.equal(init.images, key.images);
    assert.equal(init.pixels, key.pixels);
    assert.deepEqual(
      init.classes,
      Object.entries(key.classes).map(([name, images]) => ({ name, images })),
    );
    assert.deepEqual(
      init.skipped?.map((s) => s.file),
      key.skipped,
    );
    assert.match(init.skipped[0].reason, /PNG/);
    assert.deepEqual(
      init.channels.map((c) => c.name),
      ['R', 'G', 'B'],
    );
    init.channels.forEach((channel, c) => {
      const expected = key.channels[c];
      for (const field of ['mean', 'std', 'min', 'max'] as const)
        assertClose(channel[field], expected[field], { rel: 1e-13, abs: 1e-15 }, `${channel.name} ${field}`);
      assert.ok(channel.histogram instanceof Float64Array);
      assert.deepEqual(Array.from(channel.histogram), expected.levels, `${channel.name} level counts`);
    });
    assert.equal(init.alpha?.name, 'A');
    assertClose(init.alpha.mean, key.alpha.mean, { rel: 1e-13 }, 'alpha mean');
    assertClose(init.alpha.std, key.alpha.std, { rel: 1e-13 }, 'alpha std');
    assert.deepEqual(Array.from(init.alpha.histogram), key.alpha.levels);
    assert.equal(init.alpha.after, undefined, 'alpha is never normalized');
    assert.deepEqual(init.lines, normalizeLines(result));
    assert.equal(init.decoders, 'PNG: fast-png');
  },
);

test(
  'imagePanelInit maps every channel through each transform exactly: (x − center) / divisor',
  { skip },
  () => {
    const init = imagePanelInit('pets', result, 'PNG: fast-png', 'zh-cn');
    assert.equal(init.language, 'zh-cn');
    init.channels.forEach((channel, c) => {
      const k = key.channels[c];
      const after = channel.after!;
      assert.deepEqual(Object.keys(after), [...IMAGE_TRANSFORM_IDS]);
      assert.deepEqual(
        [
          after.unit.mean,
          after.unit.std,
          after.unit.min,
          after.unit.max,
          after.unit.center,
          after.unit.divisor,
        ],
        [channel.mean, channel.std, channel.min, channel.max, 0, 1],
      );
      // Normalize with the measured mean and std: mean 0 and std 1 exactly, the ends as NumPy maps them
      assert.equal(after.normalize.mean, 0);
      assert.equal(after.normalize.std, 1);
      assert.deepEqual([after.normalize.center, after.normalize.divisor], [channel.mean, channel.std]);
      assertClose(after.normalize.min, (k.min - k.mean) / k.std, { rel: 1e-12 }, 'normalized min');
      assertClose(after.normalize.max, (k.max - k.mean) / k.std, { rel: 1e-12 }, 'normalized max');
      // [-1, 1]: Normalize(0.5, 0.5), that is 2x − 1
      assertClose(after.symmetric.mean, 2 * k.mean - 1, { rel: 1e-12, abs: 1e-15 }, 'symmetric mean');
      assertClose(after.symmetric.std, 2 * k.std, { rel: 1e-12 }, 'symmetric std');
      assert.deepEqual([after.symmetric.min, after.symmetric.max], [2 * k.min - 1, 2 * k.max - 1]);
    });
  },
);

test('imagePanelInit on a constant channel gives NaN under Normalize (divisor 0), not a guess', () => {
  const stats = new ImageChannelStats();
  stats.add({ width: 2, height: 2, mode: 'L', depth: 8, data: new Uint8Array([7, 7, 7, 7]) });
  const [gray] = imagePanelInit('flat.png', stats.result(), 'PNG: fast-png', 'en').channels;
  assert.equal(gray.name, 'L');
  assert.equal(gray.after!.normalize.divisor, 0);
  assert.ok(Number.isNaN(gray.after!.normalize.mean) && Number.isNaN(gray.after!.normalize.max));
  assert.equal(gray.after!.symmetric.min, (7 / 255 - 0.5) / 0.5);
  assert.equal(gray.histogram[7], 4);
});

test('the protocol lists the statistics’ transforms in their order', () => {
  assert.deepEqual(
    IMAGE_TRANSFORMS.map((t) => t.id),
    [...IMAGE_TRANSFORM_IDS],
  );
});

test(
  'ImagePanelController answers ready with imageInit and copies the host’s own Normalize line',
  { skip },
  async () => {
    const init = imagePanelInit('pets', result, 'PNG: fast-png', 'en');
    const fake = fakeServices();
    const controller = new ImagePanelController(init, fake.services);
    await controller.handle({ type: 'ready' });
    assert.deepEqual(fake.posted, [{ type: 'imageInit', init }]);
    await controller.handle({ type: 'copyLine', line: 'torchvision' });
    await controller.handle({ type: 'copyLine', line: 'keras' });
    const mean = key.channels.map((c) => Number(c.mean.toFixed(4))).join(', ');
    const std = key.channels.map((c) => Number(c.std.toFixed(4))).join(', ');
    assert.deepEqual(fake.copied, [`transforms.Normalize(mean=[${mean}], std=[${std}])`, init.lines.keras]);
    assert.match(fake.copied[1], /^layers\.Normalization\(mean=\[[^\]]+\], variance=\[[^\]]+\]\)$/);
    assert.deepEqual(fake.posted.slice(1), [
      { type: 'copied', line: 'torchvision' },
      { type: 'copied', line: 'keras' },
    ]);
  },
);

test('ImagePanelController opens the Markdown report on openMarkdown and posts a failing action as an error', async () => {
  const stats = new ImageChannelStats();
  stats.add({ width: 1, height: 2, mode: 'RGB', depth: 8, data: new Uint8Array([0, 10, 20, 255, 128, 64]) });
  const init = imagePanelInit('two.png', stats.result(), 'PNG: fast-png', 'en');
  const fake = fakeServices({ failCopy: true });
  const controller = new ImagePanelController(init, fake.services);
  await controller.handle({ type: 'openMarkdown' });
  assert.equal(fake.markdown(), 1);
  await controller.handle({ type: 'copyLine', line: 'torchvision' });
  assert.deepEqual(fake.posted, [{ type: 'error', message: 'the clipboard is not available' }]);
  await controller.handle({ type: 'ready' });
  assert.equal(fake.posted[1].type, 'imageInit', 'keeps answering after an error');
});

test('isImageWebviewMessage accepts the page’s messages and refuses anything else', () => {
  for (const message of [
    { type: 'ready' },
    { type: 'openMarkdown' },
    { type: 'copyLine', line: 'torchvision' },
    { type: 'copyLine', line: 'keras' },
  ])
    assert.equal(isImageWebviewMessage(message), true, JSON.stringify(message));
  for (const message of [
    null,
    'ready',
    {},
    { type: 'compute' },
    { type: 'copyLine' },
    { type: 'copyLine', line: 'os.system("rm")' },
    { type: 'toString' },
  ])
    assert.equal(isImageWebviewMessage(message), false, JSON.stringify(message));
});
