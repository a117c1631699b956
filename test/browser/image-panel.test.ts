// The image panel bundle in Chromium against the real host controller, on statistics of a Pillow-written
// ImageFolder (2 classes; RGB, grayscale and RGBA PNGs, one truncated) with NumPy as the answer key: the
// numbers shown, the exact affine after statistics of each transform, histograms and their bins tables,
// the lines copied, no CSP violation, 0 axe violations in light, dark, high contrast and zh-CN.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { imageStats } from '../../src/io/node/image-files';
import type { ImageFolderStats } from '../../src/io/images/folder-stats';
import { IMAGE_DECODERS } from '../../src/io/images/decode-image';
import { imagePanelInit } from '../../src/extension/image-panel-controller';
import { formatValue } from '../../src/webview/dom';
import { choiceName, choiceValue, isTicked, pickChoice } from '../helpers/elements';
import { scratchDir } from '../helpers/cli';
import { writeImageFolder, type ImageFolderKey } from '../helpers/image-folder';
import { hasPython } from '../unit/io/formats/fixtures';
import { axeViolations } from './axe';
import { closeBrowser } from './harness';
import { openImagePanel, type ImagePanelHarness } from './image-harness';
import type { ThemeName } from './themes';

const skip = !hasPython('numpy, PIL') && 'needs Debian python3 with NumPy and Pillow';
const screenshots = join(import.meta.dirname, '..', '..', 'test-results', 'browser');
mkdirSync(screenshots, { recursive: true });
const scratch = scratchDir('normscope-image-browser-');
let key: ImageFolderKey;
let result: ImageFolderStats;

before(async () => {
  if (skip) return;
  key = writeImageFolder(`${scratch.dir}/pets`);
  result = await imageStats(`${scratch.dir}/pets`);
});
after(async () => {
  await closeBrowser();
  scratch.cleanup();
});

/** Three channels' before and after figures, and alpha's. */
const CHARTS = 7;

async function open(language: 'en' | 'zh-cn' = 'en', theme?: ThemeName): Promise<ImagePanelHarness> {
  const harness = await openImagePanel(imagePanelInit('pets', result, IMAGE_DECODERS, language), { theme });
  await harness.page.waitForSelector(`#app[data-charts="${CHARTS}"]`);
  return harness;
}

/** A statistics table's cells by channel: mean, std, min, max as shown. */
function tableCells(harness: ImagePanelHarness, id: string): Promise<Record<string, string[]>> {
  return harness.page.evaluate((tableId) => {
    const rows = Array.from(document.querySelectorAll(`#${tableId} tbody tr`));
    return Object.fromEntries(
      rows.map((row) => [
        row.querySelector('th')!.textContent,
        Array.from(row.querySelectorAll('td'), (td) => td.textContent),
      ]),
    );
  }, id);
}

/** The shown cells expected of per-channel [mean, std, min, max]. */
const shown = (rows: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(rows).map(([name, values]) => [name, values.map(formatValue)]));

/** A figure's bins table: each bin's label and count. */
function binsTable(harness: ImagePanelHarness, id: string): Promise<[string, number][]> {
  return harness.page.evaluate(
    (tableId) =>
      Array.from(document.querySelectorAll(`#bins-table-${tableId} tbody tr`), (row): [string, number] => [
        row.querySelector('th')!.textContent,
        Number(row.querySelector('td')!.textContent),
      ]),
    id,
  );
}

async function drawnPixels(harness: ImagePanelHarness, id: string): Promise<number> {
  return harness.page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    return drawn;
  }, id);
}

/** Waits for a host-side condition (the page's messages reach the host asynchronously). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(condition(), what);
}

async function chooseTransform(harness: ImagePanelHarness, id: string): Promise<void> {
  await pickChoice(harness.page.locator('#transform'), id);
  await harness.page.waitForSelector(`#app[data-transform="${id}"][data-charts="${CHARTS}"]`);
}

test(
  'the image panel shows the NumPy answer key per channel, and each transform’s exact affine after statistics',
  { skip },
  async () => {
    const harness = await open();
    const page = harness.page;
    try {
      const names = ['R', 'G', 'B'];
      const moments = (map: (c: ImageFolderKey['channels'][number]) => number[]) =>
        Object.fromEntries(key.channels.map((c, i) => [names[i], map(c)]));
      assert.deepEqual(
        await tableCells(harness, 'stats-before'),
        shown(moments((c) => [c.mean, c.std, c.min, c.max])),
      );
      // Normalize (the default) with the measured mean and std
      assert.equal(await page.getAttribute('#app', 'data-transform'), 'normalize');
      assert.deepEqual(
        await tableCells(harness, 'stats-after'),
        shown(moments((c) => [0, 1, (c.min - c.mean) / c.std, (c.max - c.mean) / c.std])),
      );
      await chooseTransform(harness, 'symmetric');
      assert.deepEqual(
        await tableCells(harness, 'stats-after'),
        shown(moments((c) => [2 * c.mean - 1, 2 * c.std, 2 * c.min - 1, 2 * c.max - 1])),
      );
      assert.match((await page.textContent('#stats-after caption'))!, /\[-1, 1\]/);
      await chooseTransform(harness, 'unit');
      assert.deepEqual(await tableCells(harness, 'stats-after'), await tableCells(harness, 'stats-before'));
      // The picker is a select: Enter opens it, the arrow keys move the transform, Enter picks (the
      // mouse moved off first, so its hover over the reopened list moves nothing)
      await page.mouse.move(0, 0);
      await page.focus('#transform');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#app[data-transform="normalize"]');
      assert.equal(await choiceValue(page.locator('#transform')), 'normalize');
      // alpha apart: its own table, never normalized
      assert.deepEqual(await tableCells(harness, 'stats-alpha'), {
        A: [key.alpha.mean, key.alpha.std, key.alpha.min, key.alpha.max].map(formatValue),
      });
      assert.equal(await page.locator('#stats-after th[scope="row"]:text-is("A")').count(), 0);
      // the summary: images, pixels, decoders, classes with counts, the skipped file and why
      const summary = (await page.textContent('#image-summary'))!;
      assert.ok(
        summary.includes(`Images: ${key.images}`) && summary.includes(`pixels: ${key.pixels}`),
        summary,
      );
      assert.ok(summary.includes(IMAGE_DECODERS), summary);
      assert.equal(await page.textContent('#image-classes'), 'Classes (ImageFolder layout): cat 3, dog 2');
      assert.match(
        (await page.textContent('#image-skipped li'))!,
        /^dog\/2-truncated\.png: corrupt or truncated PNG/,
      );
      for (const name of names) {
        assert.ok((await drawnPixels(harness, `chart-before-${name}`)) > 1000, `${name} before drawn`);
        assert.ok((await drawnPixels(harness, `chart-after-${name}`)) > 1000, `${name} after drawn`);
      }
      assert.equal(
        await page.getAttribute('#chart-before-R', 'aria-label'),
        'R before (pixels / 255) histogram',
      );
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

test(
  'the image panel’s histograms hold the exact level counts, their after edges mapped through the transform',
  { skip },
  async () => {
    const harness = await open();
    const page = harness.page;
    try {
      const [red] = key.channels;
      // 64 bins (the default): 4 whole 8-bit levels per bin
      const before = await binsTable(harness, 'before-R');
      assert.equal(before.length, 64);
      assert.deepEqual(
        before.map(([, count]) => count),
        Array.from({ length: 64 }, (_, j) => red.levels.slice(4 * j, 4 * j + 4).reduce((a, b) => a + b)),
      );
      assert.equal(before[0][0], '[0, 0.01563)');
      const afterBins = await binsTable(harness, 'after-R');
      assert.deepEqual(
        afterBins.map(([, count]) => count),
        before.map(([, count]) => count),
      );
      // the first after bin starts where 0 lands under Normalize: (0 − mean) / std
      const first = Number(afterBins[0][0].slice(1).split(',')[0]);
      assert.ok(Math.abs(first - -red.mean / red.std) < 1e-3 * Math.abs(red.mean / red.std), afterBins[0][0]);
      assert.match(afterBins[63][0], /\]$/, 'the last bin is closed');
      // 256 bins: one per level, the answer key's bincount exactly
      await pickChoice(page.locator('#image-bins'), '256');
      await page.waitForSelector(`#app[data-bins="256"][data-charts="${CHARTS}"]`);
      assert.deepEqual(
        (await binsTable(harness, 'before-G')).map(([, count]) => count),
        key.channels[1].levels,
      );
      assert.deepEqual(
        (await binsTable(harness, 'alpha')).map(([, count]) => count),
        key.alpha.levels,
      );
      assert.equal(await page.textContent('#counts-before-B'), `${key.pixels} values · NaN 0 · +∞ 0 · −∞ 0`);
      // a log count axis redraws the same charts
      await page.click('#image-log-y');
      assert.equal(await isTicked(page.locator('#image-log-y')), true);
      assert.ok((await drawnPixels(harness, 'chart-after-B')) > 1000);
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

test(
  'the image panel’s Copy buttons send the exact Normalize lines and Open as Markdown asks the host',
  { skip },
  async () => {
    const harness = await open();
    const page = harness.page;
    try {
      const mean = key.channels.map((c) => Number(c.mean.toFixed(4))).join(', ');
      const std = key.channels.map((c) => Number(c.std.toFixed(4))).join(', ');
      const variance = key.channels.map((c) => Number((c.std * c.std).toFixed(4))).join(', ');
      const torchvision = `transforms.Normalize(mean=[${mean}], std=[${std}])`;
      assert.equal(await page.textContent('#line-torchvision'), torchvision);
      await page.click('#copy-torchvision');
      await page.waitForSelector('#status:text("Copied the torchvision Normalize line.")');
      // by keyboard: Tab from the first Copy button reaches the second, Enter presses it
      await page.focus('#copy-torchvision');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'copy-keras');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#status:text("Copied the Keras Normalization line.")');
      assert.deepEqual(harness.copied, [
        torchvision,
        `layers.Normalization(mean=[${mean}], variance=[${variance}])`,
      ]);
      await page.click('#open-markdown');
      await until(() => harness.markdownOpened() === 1, 'the host was asked for the Markdown report');
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

test(
  'the image panel has 0 axe violations in light, dark and high contrast, with the bins tables open',
  { skip },
  async () => {
    const harness = await open();
    const page = harness.page;
    try {
      for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
        await harness.setTheme(theme);
        await page.waitForSelector(`#app[data-charts="${CHARTS}"]`);
        assert.deepEqual(await axeViolations(harness), [], theme);
        await page.screenshot({ path: join(screenshots, `image-panel-${theme}.png`), fullPage: true });
      }
      await page.click('#image-channels details summary');
      assert.equal(await page.locator('#image-channels details[open] table').count(), 1);
      assert.deepEqual(await axeViolations(harness), [], 'a bins table open');
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

test(
  'in Simplified Chinese (the host’s language zh-cn) the image panel’s words are Chinese, with 0 axe violations',
  { skip },
  async () => {
    const harness = await open('zh-cn');
    const page = harness.page;
    try {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await choiceName(page.locator('#transform')), '变换');
      assert.match((await page.textContent('#transform-picker'))!, /^变换/);
      assert.equal(await page.textContent('#image-classes'), '类别（ImageFolder 目录结构）：cat 3, dog 2');
      assert.equal(await page.textContent('#copy-torchvision'), '复制');
      assert.equal(await page.textContent('#stats-before thead th:nth-child(2)'), '均值');
      await page.click('#copy-torchvision');
      await page.waitForSelector('#status:text("已复制 torchvision 的 Normalize 代码行。")');
      assert.deepEqual(await axeViolations(harness), []);
      await page.screenshot({ path: join(screenshots, 'image-panel-zh-cn.png'), fullPage: true });
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

/** The element focused and, inside its shadow root, the control that holds the focus. */
function focused(harness: ImagePanelHarness) {
  return harness.page.evaluate(() => {
    const host = document.activeElement as HTMLElement;
    const inner = host.shadowRoot?.activeElement as HTMLElement | null;
    return {
      id: host.id,
      role: inner?.getAttribute('role') ?? host.getAttribute('role'),
      name: inner?.getAttribute('aria-label') ?? host.getAttribute('aria-label'),
      border: inner ? getComputedStyle(inner).borderColor : undefined,
    };
  });
}

test(
  'the image panel’s controls work by keyboard from the first Tab, with the focus border in high contrast',
  { skip },
  async () => {
    const harness = await open('en', 'high-contrast');
    const page = harness.page;
    try {
      const beforeCells = await tableCells(harness, 'stats-before');
      const normalized = await tableCells(harness, 'stats-after');
      // The first Tab into the page lands on the transform select's combobox face, named and outlined
      // in the high-contrast focus colour (#f38518).
      await page.keyboard.press('Tab');
      assert.deepEqual(await focused(harness), {
        id: 'transform',
        role: 'combobox',
        name: 'Transform',
        border: 'rgb(243, 133, 24)',
      });
      // Enter opens the list, ArrowDown moves from Normalize to [-1, 1], Enter picks it.
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#app[data-transform="symmetric"][data-charts="${CHARTS}"]`);
      const symmetric = await tableCells(harness, 'stats-after');
      assert.notDeepEqual(symmetric, normalized);
      assert.deepEqual(
        symmetric,
        shown(
          Object.fromEntries(
            key.channels.map((c, i) => [
              ['R', 'G', 'B'][i],
              [2 * c.mean - 1, 2 * c.std, 2 * c.min - 1, 2 * c.max - 1],
            ]),
          ),
        ),
      );
      assert.deepEqual(await tableCells(harness, 'stats-before'), beforeCells, 'the before stats stay');
      // Tab goes on to the bins select, then the log-count checkbox, which Space ticks.
      await page.keyboard.press('Tab');
      assert.equal((await focused(harness)).id, 'image-bins');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#app[data-bins="128"][data-charts="${CHARTS}"]`);
      assert.equal((await binsTable(harness, 'before-R')).length, 128);
      await page.keyboard.press('Tab');
      assert.equal((await focused(harness)).id, 'image-log-y');
      await page.keyboard.press('Space');
      assert.equal(await isTicked(page.locator('#image-log-y')), true);
      // Enter and Space press the buttons: Copy (named for the line it copies) and Open as Markdown.
      await page.focus('#copy-keras');
      assert.deepEqual(
        { ...(await focused(harness)), border: undefined },
        { id: 'copy-keras', role: 'button', name: 'Copy the Keras Normalization line', border: undefined },
      );
      await page.keyboard.press('Space');
      await page.waitForSelector('#status:text("Copied the Keras Normalization line.")');
      await page.focus('#open-markdown');
      await page.keyboard.press('Enter');
      await until(() => harness.markdownOpened() === 1, 'Enter on Open as Markdown asked the host');
      assert.equal(harness.copied.length, 1);
      assert.deepEqual(await axeViolations(harness), [], 'high contrast after the keyboard walk');
      await page.screenshot({ path: join(screenshots, 'image-panel-keyboard-high-contrast.png') });
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

/**
 * A half-width editor group (560 to 640 px): the page itself never scrolls sideways (the select, the
 * charts, the tables and the Normalize lines fit); a screenshot of each width.
 */
for (const language of ['en', 'zh-cn'] as const)
  test(
    `the image panel fits a half-width editor group (560 to 640 px) in ${language === 'en' ? 'English' : 'Simplified Chinese'}`,
    { skip },
    async () => {
      const harness = await open(language);
      const page = harness.page;
      try {
        for (const width of [560, 600, 640]) {
          await page.setViewportSize({ width, height: 1400 });
          await page.waitForSelector(`#app[data-charts="${CHARTS}"]`);
          await page.waitForTimeout(150);
          await page.screenshot({
            path: join(screenshots, `image-panel-half-width-${language}-${width}.png`),
            fullPage: false,
          });
          const { scrollWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }));
          assert.equal(innerWidth, width);
          assert.ok(
            scrollWidth <= innerWidth,
            `${language}: the page scrolls sideways at ${width}px (${scrollWidth}px wide)`,
          );
        }
        assert.deepEqual(await harness.violations(), []);
      } finally {
        await harness.close();
      }
    },
  );
