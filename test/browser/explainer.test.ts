// The explainer bundle in Chromium behind the same fake transport as the panel: it says 'ready', draws
// what the host's init asks for (the user's array, framework, focused layer), plans and live statistics
// equal to the engine's and to a plain recomputation, the conventions table of the chosen framework,
// the "Why normalize" tab's condition numbers, no CSP violation, and axe-core with 0 violations in
// light, dark and high contrast on both tabs.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { LAYER_CONVENTIONS } from '../../src/engine/explain/conventions';
import { explainPlan } from '../../src/engine/explain/plan';
import { formatValue } from '../../src/webview/dom';
import { choiceValue, fillField, pickChoice } from '../helpers/elements';
import { axeViolations } from './axe';
import { closeBrowser, openExplainer } from './harness';
import type { ThemeName } from './themes';

after(() => closeBrowser());

/** A [2, 3, 2, 2] array whose channel c holds 10·c + its position: channel means are known by hand. */
const SHAPE = [2, 3, 2, 2];
const VALUES = Array.from({ length: 24 }, (_, i) => 10 * (Math.floor(i / 4) % 3) + (i % 7) * 0.5);

/** BatchNorm's first three statistics: the mean of each channel over N, H, W, recomputed plainly. */
function channelMeans(): number[] {
  const [N, C, H, W] = SHAPE;
  return Array.from({ length: C }, (_, c) => {
    let sum = 0;
    for (let n = 0; n < N; n++) for (let k = 0; k < H * W; k++) sum += VALUES[(n * C + c) * H * W + k];
    return sum / (N * H * W);
  });
}

test('the explainer shows the host’s array, framework and layer, with the engine’s plans and conventions', async () => {
  const harness = await openExplainer({
    type: 'explainerInit',
    layer: 'groupnorm',
    framework: 'torch',
    array: { shape: SHAPE, values: VALUES, source: 'model.py:12, shape [2, 3, 2, 2]' },
  });
  try {
    const page = harness.page;
    await page.waitForFunction(() => document.getElementById('panel-groupnorm')?.classList.contains('focus'));
    assert.deepEqual(harness.received, [{ type: 'ready' }]);
    assert.equal(
      await page.textContent('#source'),
      'Live statistics of your selection (model.py:12, shape [2, 3, 2, 2]).',
    );
    assert.deepEqual(
      await page.$$eval('#shape-N, #shape-C, #shape-H, #shape-W', (inputs) =>
        inputs.map((i) => Number((i as HTMLInputElement).value)),
      ),
      SHAPE,
    );
    // Groups fall from 2 to the largest count that divides C = 3: 1.
    assert.equal(await choiceValue(page.locator('#groups')), '1');
    const bn = explainPlan({ layer: 'batchnorm', framework: 'torch', shape: SHAPE });
    assert.equal(
      await page.textContent('#panel-batchnorm .plan'),
      `over ${bn.reducedAxisNames.join(', ')} · ${bn.valuesPerStatistic} values per statistic · ${bn.statisticsPerBatch} per batch`,
    );
    assert.equal(bn.valuesPerStatistic, 8);
    assert.equal(
      await page.textContent('#panel-batchnorm .live'),
      `live: 3 means, first ${channelMeans().map(formatValue).join(', ')}`,
    );
    const torchRows = LAYER_CONVENTIONS.filter((c) => c.framework === 'torch');
    assert.deepEqual(
      await page.$$eval('#conventions tbody tr', (rows) => rows.map((r) => r.children[1].textContent)),
      torchRows.map((c) => c.api),
    );
    // Keras: the table and the plans follow (channels last).
    await pickChoice(page.locator('#framework'), 'keras');
    const kerasRows = LAYER_CONVENTIONS.filter((c) => c.framework === 'keras');
    await page.waitForFunction(
      (first) => document.querySelector('#conventions tbody tr td')?.textContent === first,
      kerasRows[0].api,
    );
    const [N, C, H, W] = SHAPE;
    const keras = explainPlan({ layer: 'batchnorm', framework: 'keras', shape: [N, H, W, C] });
    assert.equal(
      await page.textContent('#panel-batchnorm .plan'),
      `over ${keras.reducedAxisNames.join(', ')} · ${keras.valuesPerStatistic} values per statistic · ${keras.statisticsPerBatch} per batch`,
    );
    // A shape that is not the array's: the seeded sample is used, and said so.
    await fillField(page.locator('#shape-C'), '4');
    assert.match((await page.textContent('#source')) ?? '', /seeded sample tensor/);
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

/** κ of the 2×2 matrix [[a, b], [b, c]]: the ratio of its eigenvalues. */
function kappa(x: number[], y: number[]): number {
  const m = (u: number[], v: number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0) / u.length;
  const [a, b, c] = [m(x, x), m(x, y), m(y, y)];
  const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return ((a + c) / 2 + root) / ((a + c) / 2 - root);
}

test('the Why normalize tab gives the condition numbers before and after z-scores; 0 axe violations in every theme', async () => {
  const harness = await openExplainer({ type: 'explainerInit', layer: 'batchnorm', framework: 'torch' });
  try {
    const page = harness.page;
    await page.waitForSelector('#app[data-ready="1"]');
    const rooms = [3, 2, 4, 1, 3, 5, 2, 4];
    const price = [185000, 99000, 310000, 62000, 149000, 280000, 120000, 230000];
    const z = (x: number[]) => {
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
      return x.map((v) => (v - mean) / sd);
    };
    const raw = kappa(rooms, price);
    const scaled = kappa(z(rooms), z(price));
    assert.ok(raw > 1e9, `raw κ ${raw}`);
    // Standardized, XᵀX/n is the correlation matrix [[1, r], [r, 1]]: κ = (1 + |r|) / (1 − |r|).
    const r = z(rooms).reduce((s, v, i) => s + v * z(price)[i], 0) / rooms.length;
    assert.ok(
      Math.abs(scaled - (1 + Math.abs(r)) / (1 - Math.abs(r))) < 1e-9 * scaled,
      `scaled κ ${scaled}, r ${r}`,
    );
    for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
      await harness.setTheme(theme);
      await page.click('vscode-tab-header[data-tab="explain"]');
      assert.equal(await page.isHidden('#why'), true);
      assert.deepEqual(await axeViolations(harness), [], `${theme}, picture tab`);
      await page.click('vscode-tab-header[data-tab="why"]');
      assert.equal(await page.getAttribute('vscode-tab-header[data-tab="why"]', 'aria-selected'), 'true');
      assert.equal(await page.isHidden('#explain'), true);
      // Relative check: the page prints κ with 6 significant digits.
      const before = Number((await page.textContent('#kappa-before'))!.split('condition number ')[1]);
      const after = Number((await page.textContent('#kappa-after'))!.split('condition number ')[1]);
      assert.ok(Math.abs(before - raw) / raw < 1e-4, `κ before ${before} vs ${raw}`);
      assert.ok(Math.abs(after - scaled) / scaled < 1e-4, `κ after ${after} vs ${scaled}`);
      assert.deepEqual(await axeViolations(harness), [], `${theme}, why tab`);
      await page.screenshot({ path: `test-results/browser/explainer-why-${theme}.png` });
    }
    // By keyboard: ArrowLeft / ArrowRight move between the headers, Enter shows the focused tab.
    await page.click('vscode-tab-header[data-tab="explain"]');
    await page.focus('vscode-tab-header[data-tab="explain"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tab), 'why');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('vscode-tab-header[data-tab="why"]', 'aria-selected'), 'true');
    assert.equal(await page.isHidden('#explain'), true);
    assert.equal(await page.isVisible('#kappa-before'), true);
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

test('in Simplified Chinese (the host’s language zh-cn) the explainer’s words are Chinese, with 0 axe violations', async () => {
  const harness = await openExplainer({
    type: 'explainerInit',
    layer: 'layernorm',
    framework: 'torch',
    language: 'zh-cn',
    array: { shape: SHAPE, values: VALUES, source: 'model.py:12' },
  });
  try {
    const page = harness.page;
    await page.waitForFunction(() => document.getElementById('panel-layernorm')?.classList.contains('focus'));
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('vscode-tab-header[data-tab="why"]'), '为什么要归一化');
    assert.equal(await page.textContent('#source'), '你所选数组的实时统计量（model.py:12）。');
    assert.equal(
      await page.textContent('#panel-batchnorm .live'),
      `实时：3 个均值，前几个为 ${channelMeans().map(formatValue).join(', ')}`,
    );
    assert.deepEqual(await page.$$eval('#conventions thead th', (cells) => cells.map((c) => c.textContent)), [
      '层',
      '接口',
      'eps（防零项）',
      '动量',
      '滑动方差',
    ]);
    await page.click('vscode-tab-header[data-tab="why"]');
    assert.match((await page.textContent('#kappa-before')) ?? '', /^缩放前：条件数 \d/);
    assert.deepEqual(await axeViolations(harness), []);
    await page.screenshot({ path: 'test-results/browser/explainer-why-zh-cn.png' });
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});
