// The panel bundle in Chromium, driven against the real host controller: charts drawn, table values
// equal to the engine's, every control works, no CSP violation, screenshots in light, dark and high contrast.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe } from '../../src/engine/stats/describe';
import { quantileSorted, sortedNonMissing } from '../../src/engine/stats/quantile';
import { groupNorm } from '../../src/engine/layers/group-norm';
import { loadDataFile, panelInit, type PanelSettings } from '../../src/extension/load';
import { fileSource } from '../../src/io/node/file-source';
import { createScaler } from '../../src/engine/scale/registry';
import { matrix } from '../../src/engine/scale/matrix';
import { parseArrayLiteral } from '../../src/io/literal';
import { datasetFromArray } from '../../src/engine/report/dataset';
import { formatValue } from '../../src/webview/dom';
import { scratchDir } from '../helpers/cli';
import { choiceValue, fillField, isTicked, pickChoice } from '../helpers/elements';
import { axeViolations } from './axe';
import { closeBrowser, openPanel, type PanelHarness } from './harness';

const SETTINGS: PanelSettings = { defaultMethod: 'zscore', bins: 30 };
const screenshots = join(import.meta.dirname, '..', '..', 'test-results', 'browser');
mkdirSync(screenshots, { recursive: true });

after(() => closeBrowser());

/** Percentiles 1, 5, 95, 99 as NumPy's 'linear' method gives them, of the non-missing values. */
function percentiles(values: ArrayLike<number>): number[] {
  const sorted = sortedNonMissing(values.length, values);
  return [0.01, 0.05, 0.95, 0.99].map((q) => quantileSorted(sorted, q));
}

async function fileHarness(path: string, statisticsOnly = false, saveTo?: string): Promise<PanelHarness> {
  const loaded = await loadDataFile(fileSource(path), {});
  const init = panelInit(loaded.dataset, {
    source: 'file',
    settings: SETTINGS,
    statisticsOnly,
    trusted: true,
  });
  const harness = await openPanel(
    { kind: 'file', dataset: loaded.dataset, file: loaded.file, init },
    { saveTo },
  );
  await waitForView(harness);
  return harness;
}

async function waitForView(harness: PanelHarness, count = 2): Promise<void> {
  await harness.page.waitForFunction(
    (n) =>
      Number(document.getElementById('app')?.dataset.charts ?? 0) >= n &&
      document.querySelector('#stats-after tbody tr'),
    count,
  );
}

/** The table's cells as text, by row label. */
async function tableCells(
  harness: PanelHarness,
  which: 'before' | 'after',
): Promise<Record<string, string[]>> {
  return harness.page.evaluate((id) => {
    const rows = Array.from(document.querySelectorAll(`#stats-${id} tbody tr`));
    return Object.fromEntries(
      rows.map((row) => [
        row.querySelector('th')!.textContent,
        Array.from(row.querySelectorAll('td')).map((td) => td.textContent),
      ]),
    );
  }, which);
}

/** Pixels of a canvas that differ from its top-left corner (the background): bars were drawn. */
async function drawnPixels(harness: PanelHarness, id: string): Promise<number> {
  return harness.page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) drawn++;
    return drawn;
  }, id);
}

/** Width and height of a PNG, read from its IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The mean luminance of the first 20 pixels of a PNG's first row (8-bit RGB or RGBA). */
function backgroundLuminance(png: Buffer): number {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString() === 'IDAT')
      chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const channels = png[25] === 6 ? 4 : 3;
  const filter = raw[0];
  const row = new Uint8Array(20 * channels);
  // Row 0 has no row above, so Up is None and Average/Paeth reduce to using the left pixel.
  for (let i = 0; i < row.length; i++) {
    const left = i >= channels ? row[i - channels] : 0;
    const byte = raw[1 + i];
    row[i] =
      filter === 1 || filter === 4 ? (byte + left) & 255 : filter === 3 ? (byte + (left >> 1)) & 255 : byte;
  }
  let sum = 0;
  for (let x = 0; x < 20; x++)
    sum += 0.2126 * row[x * channels] + 0.7152 * row[x * channels + 1] + 0.0722 * row[x * channels + 2];
  return sum / 20;
}

test('the panel on samples/housing.csv draws before/after histograms and a table equal to the engine statistics', async () => {
  const harness = await fileHarness('samples/housing.csv');
  try {
    assert.ok((await drawnPixels(harness, 'chart-before')) > 1000, 'before histogram drawn');
    assert.ok((await drawnPixels(harness, 'chart-after')) > 1000, 'after histogram drawn');
    assert.ok((await drawnPixels(harness, 'chart-robust')) > 1000, 'outlier view drawn');
    const loaded = await loadDataFile(fileSource('samples/housing.csv'), {});
    assert.equal(loaded.dataset.kind, 'table');
    if (loaded.dataset.kind !== 'table') return;
    const before = await tableCells(harness, 'before');
    const income = loaded.dataset.columns.find((c) => c.name === 'household_income')!;
    const s = describe(income.values.length, income.values);
    assert.deepEqual(
      before.household_income,
      [
        s.count,
        s.missing,
        s.mean,
        s.std,
        s.min,
        s.q25,
        s.median,
        s.q75,
        s.max,
        ...percentiles(income.values),
      ].map(formatValue),
    );
    const after = await tableCells(harness, 'after');
    const x = matrix(income.values, income.values.length, 1);
    const z = createScaler('zscore').fit(x).transform(x).data;
    const sz = describe(z.length, z);
    assert.deepEqual(
      after.household_income,
      [
        sz.count,
        sz.missing,
        sz.mean,
        sz.std,
        sz.min,
        sz.q25,
        sz.median,
        sz.q75,
        sz.max,
        ...percentiles(z),
      ].map(formatValue),
    );
    const counts = await harness.page.textContent('#counts-before');
    assert.match(counts ?? '', /^240 values · NaN 0 · \+∞ 0 · −∞ 0$/);
    await pickChoice(harness.page.locator('#focus'), 'household_income');
    await harness.page.waitForFunction(
      () => document.getElementById('focus-title')?.textContent === 'Distribution of household_income',
    );
    assert.match((await harness.page.textContent('#counts-before')) ?? '', /^234 values · NaN 6/);
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

test('the panel controls change the method and options, sort the table and copy it as CSV and Markdown', async () => {
  const harness = await fileHarness('samples/housing.csv');
  try {
    await pickChoice(harness.page.locator('#method'), 'minmax');
    await harness.page.waitForSelector('#option-featureRange-0');
    await fillField(harness.page.locator('#option-featureRange-0'), '-1');
    await harness.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#stats-after tbody tr')).every(
        (tr) => tr.querySelectorAll('td')[4]?.textContent === '-1',
      ),
    );
    const after = await tableCells(harness, 'after');
    assert.deepEqual(
      [after.price_eur[4], after.price_eur[8]],
      ['-1', '1'],
      'min-max to [-1, 1]: min -1, max 1',
    );
    await harness.page.click('#option-clip');
    await pickChoice(harness.page.locator('#method'), 'robust');
    await harness.page.waitForSelector('#option-unitVariance');
    await harness.page.click('#option-unitVariance');
    await harness.page.waitForFunction(() => document.getElementById('status')?.textContent === '');
    const robust = harness.controller.current?.fitted?.scaler;
    assert.equal(robust?.method, 'robust');
    assert.deepEqual(robust?.options.unitVariance, true);
    // sort by mean, descending on the second click
    await harness.page.click('#stats-before th:nth-child(4) button');
    await harness.page.click('#stats-before th:nth-child(4) button');
    const means = await harness.page.$$eval('#stats-before tbody tr td:nth-child(4)', (cells) =>
      cells.map((c) => Number(c.textContent)),
    );
    assert.deepEqual(
      means,
      [...means].sort((a, b) => b - a),
    );
    assert.equal(await harness.page.getAttribute('#stats-before th:nth-child(4)', 'aria-sort'), 'descending');
    await harness.page.click('#copy-before-csv');
    await harness.page.click('#copy-before-markdown');
    await harness.page.waitForFunction(() =>
      /Markdown/.test(document.getElementById('status')?.textContent ?? ''),
    );
    assert.equal(await harness.page.textContent('#status'), 'Copied the before statistics as Markdown.');
    assert.match(harness.copied[0], /^column,count,missing,mean,std,min,q25,median,q75,max,p1,p5,p95,p99\n/);
    assert.match(harness.copied[1], /^\| column \| count \|/);
    await pickChoice(harness.page.locator('#code-language'), 'sklearn');
    await harness.page.click('#copy-code');
    await harness.page.waitForFunction(() =>
      /scikit|sklearn/.test(document.getElementById('status')?.textContent ?? ''),
    );
    assert.match(harness.copied[2], /scaler = RobustScaler\(quantile_range=\(25, 75\), unit_variance=True\)/);
    await pickChoice(harness.page.locator('#method'), 'quantile');
    await harness.page.waitForSelector('#option-nQuantiles');
    await fillField(harness.page.locator('#option-nQuantiles'), '0');
    await harness.page.waitForFunction(() => document.getElementById('status')?.classList.contains('error'));
    assert.match(
      (await harness.page.textContent('#status')) ?? '',
      /nQuantiles \(0\) must be a positive integer/,
    );
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

test('the statistics tables are ARIA grids walked by keyboard: one tab stop, arrows, Home/End, Enter sorts', async () => {
  const harness = await fileHarness('samples/housing.csv');
  try {
    const page = harness.page;
    const loaded = await loadDataFile(fileSource('samples/housing.csv'), {});
    assert.equal(loaded.dataset.kind, 'table');
    if (loaded.dataset.kind !== 'table') return;
    const numeric = loaded.dataset.columns.filter((c) => c.kind === 'numeric');
    const active = () =>
      page.evaluate(() => {
        const node = document.activeElement as HTMLElement | null;
        const cell = node?.closest('td, th');
        const row = cell?.parentElement;
        const rows = [...(cell?.closest('table')?.querySelectorAll('tr') ?? [])];
        return {
          table: cell?.closest('table')?.id ?? null,
          row: row ? rows.indexOf(row as HTMLTableRowElement) : -1,
          cell: cell && row ? [...row.children].indexOf(cell) : -1,
          tag: node?.tagName ?? '',
          text: cell?.textContent ?? '',
        };
      });
    assert.equal(await page.getAttribute('#stats-before', 'role'), 'grid');
    assert.equal(
      await page.$$eval('#stats-before [tabindex="0"]', (nodes) => nodes.length),
      1,
      'one tab stop in the grid',
    );
    await page.focus('#copy-before-markdown');
    await page.keyboard.press('Tab');
    assert.deepEqual(await active(), {
      table: 'stats-before',
      row: 0,
      cell: 0,
      tag: 'BUTTON',
      text: 'column',
    });
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await active(), {
      table: 'stats-before',
      row: 1,
      cell: 0,
      tag: 'TH',
      text: numeric[0].name,
    });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const first = describe(numeric[0].values.length, numeric[0].values);
    assert.equal((await active()).text, formatValue(first.mean), 'the mean cell of the first column');
    await page.keyboard.press('ArrowDown');
    const second = describe(numeric[1].values.length, numeric[1].values);
    assert.equal((await active()).text, formatValue(second.mean), 'the mean cell of the second column');
    await page.keyboard.press('Home');
    assert.equal((await active()).text, numeric[1].name);
    await page.keyboard.press('End');
    assert.equal((await active()).cell, 13, 'label, nine statistics and percentiles 1/5/95/99: 14 cells');
    await page.keyboard.press('Control+End');
    assert.deepEqual(
      { row: (await active()).row, cell: (await active()).cell },
      { row: numeric.length, cell: 13 },
    );
    assert.equal(
      await page.$$eval('#stats-before [tabindex="0"]', (nodes) => nodes.length),
      1,
      'still one tab stop after moving',
    );
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    assert.deepEqual(await active(), { table: 'stats-before', row: 0, cell: 3, tag: 'BUTTON', text: 'mean' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('#stats-before th:nth-child(4)')?.getAttribute('aria-sort') === 'ascending',
    );
    assert.deepEqual(
      await active(),
      { table: 'stats-before', row: 0, cell: 3, tag: 'BUTTON', text: 'mean' },
      'focus stays on the sort button after the table is redrawn',
    );
    const means = await page.$$eval('#stats-before tbody tr td:nth-child(4)', (cells) =>
      cells.map((c) => Number(c.textContent)),
    );
    assert.deepEqual(
      means,
      [...means].sort((a, b) => a - b),
    );
    // Tab leaves the grid in one step.
    await page.keyboard.press('Tab');
    assert.notEqual((await active()).table, 'stats-before');
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

test('the panel exports the normalized CSV and saves parameters to new files', async () => {
  const { dir, cleanup } = scratchDir();
  const harness = await fileHarness('samples/housing.csv', false, dir);
  try {
    await harness.page.click('#export-csv');
    await harness.page.waitForFunction(() =>
      /Exported/.test(document.getElementById('status')?.textContent ?? ''),
    );
    const exported = readFileSync(harness.written[0], 'utf8').split('\n');
    assert.equal(exported[0], 'id,city,area_m2,rooms,age_years,distance_km,household_income,price_eur');
    assert.equal(
      exported[1].split(',')[1],
      readFileSync('samples/housing.csv', 'utf8').split('\n')[1].split(',')[1],
      'text column kept',
    );
    await harness.page.click('#save-params');
    await harness.page.waitForFunction(() =>
      /Saved/.test(document.getElementById('status')?.textContent ?? ''),
    );
    const params = JSON.parse(readFileSync(harness.written[1], 'utf8')) as {
      format: string;
      method: string;
      columns: string[];
    };
    assert.deepEqual(
      [params.format, params.method, params.columns.length],
      ['normscope/params', 'zscore', 7],
    );
  } finally {
    await harness.close();
    cleanup();
  }
});

test('the panel on an [8, 4, 6, 6] tensor highlights reduced axes and switches presets', async () => {
  const loaded = await loadDataFile(fileSource('samples/activations.npy'), {});
  const init = panelInit(loaded.dataset, {
    source: 'file',
    settings: SETTINGS,
    statisticsOnly: false,
    trusted: true,
  });
  const harness = await openPanel({ kind: 'file', dataset: loaded.dataset, file: loaded.file, init });
  try {
    await waitForView(harness);
    const pressed = () =>
      harness.page.$$eval('#axes vscode-button', (buttons) =>
        buttons.map((b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`),
      );
    assert.deepEqual(await pressed(), ['N=8:true', 'C=4:false', 'H=6:true', 'W=6:true']);
    await harness.page.screenshot({ path: join(screenshots, 'panel-tensor.png'), fullPage: false });
    assert.deepEqual(Object.keys(await tableCells(harness, 'after')), ['C=0', 'C=1', 'C=2', 'C=3']);
    const after = await tableCells(harness, 'after');
    assert.ok(
      Object.values(after).every(
        (cells) => Math.abs(Number(cells[2])) < 1e-6 && Math.abs(Number(cells[3]) - 1) < 1e-2,
      ),
      'per-channel mean 0, std ≈ 1',
    );
    await harness.page.click('text=LayerNorm (per sample)');
    await harness.page.waitForFunction(
      () => document.querySelector('#stats-after tbody th')?.textContent === 'N=0',
    );
    assert.deepEqual(await pressed(), ['N=8:false', 'C=4:true', 'H=6:true', 'W=6:true']);
    await harness.page.click('#axes vscode-button:nth-of-type(2)');
    await harness.page.waitForFunction(
      () => document.querySelector('#stats-after tbody th')?.textContent === 'N=0 C=0',
    );
    assert.equal((await tableCells(harness, 'after'))['N=7 C=3'].length, 9);
    // GroupNorm with 2 groups: the panel's output is the engine's groupNorm
    await fillField(harness.page.locator('#groups'), '2');
    await harness.page.click('text=GroupNorm');
    await harness.page.waitForFunction(
      () => document.querySelector('#stats-after tbody th')?.textContent === 'C=0',
    );
    const output = harness.controller.current?.output;
    assert.equal(output?.kind, 'tensor');
    if (output?.kind === 'tensor' && loaded.dataset.kind === 'tensor') {
      assert.deepEqual(
        Array.from(output.tensor.data),
        Array.from(groupNorm(loaded.dataset.tensor, { numGroups: 2 }).data),
      );
    }
    // unticking Normalize shows statistics only: after equals before
    await harness.page.click('#normalize');
    await harness.page.waitForFunction(
      () =>
        document.querySelector('#stats-after tbody td:nth-child(4)')?.textContent ===
        document.querySelector('#stats-before tbody td:nth-child(4)')?.textContent,
    );
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

test('the panel on a selection replaces it in the same literal style and copies the result', async () => {
  const literal = parseArrayLiteral('np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])');
  const dataset = datasetFromArray('selection', literal.data, literal.shape);
  const init = panelInit(dataset, {
    source: 'selection',
    settings: { defaultMethod: 'minmax', bins: 10 },
    statisticsOnly: false,
    trusted: false,
  });
  const harness = await openPanel({
    kind: 'selection',
    dataset,
    style: literal.style,
    shape: literal.shape,
    init,
  });
  try {
    await waitForView(harness);
    assert.match((await harness.page.textContent('.untrusted')) ?? '', /Untrusted workspace/);
    await harness.page.click('#replace-selection');
    await harness.page.waitForFunction(() =>
      /Replaced/.test(document.getElementById('status')?.textContent ?? ''),
    );
    assert.equal(harness.copied[0], 'replace:np.array([[0, 0], [0.5, 0.5], [1, 1]])');
    await harness.page.click('#copy-result');
    await harness.page.waitForFunction(() =>
      /Copied the normalized/.test(document.getElementById('status')?.textContent ?? ''),
    );
    assert.equal(harness.copied[1], 'np.array([[0, 0], [0.5, 0.5], [1, 1]])');
  } finally {
    await harness.close();
  }
});

test('the panel is legible in light, dark and high contrast: screenshots of the expected size, background and drawn charts', async () => {
  const harness = await fileHarness('samples/sensors.tsv');
  try {
    const luminance: Record<string, number> = {};
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await harness.setTheme(theme);
      await waitForView(harness);
      await harness.page.waitForTimeout(100);
      const png = await harness.page.screenshot({
        path: join(screenshots, `panel-${theme}.png`),
        fullPage: false,
      });
      assert.deepEqual(pngSize(png), [1100, 1400]);
      luminance[theme] = backgroundLuminance(png);
      assert.ok((await drawnPixels(harness, 'chart-after')) > 1000, `${theme}: chart redrawn`);
      const tick = await harness.page.evaluate(() =>
        getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim(),
      );
      assert.ok(tick.length > 0);
    }
    assert.ok(luminance.light > 200, `light background ${luminance.light}`);
    assert.ok(luminance.dark < 60, `dark background ${luminance.dark}`);
    assert.ok(luminance['high-contrast'] < 10, `high-contrast background ${luminance['high-contrast']}`);
    // keyboard: Tab reaches the method picker, and the first button is focusable
    await harness.page.focus('#method');
    await harness.page.keyboard.press('Tab');
    assert.equal(await harness.page.evaluate(() => document.activeElement?.id), 'focus');
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});

test('the vscode-elements controls work by keyboard, show focus in high contrast, and axe-core checks inside their shadow roots', async () => {
  const harness = await fileHarness('samples/housing.csv');
  try {
    const page = harness.page;
    await harness.setTheme('high-contrast');
    assert.deepEqual(await axeViolations(harness), [], 'high contrast');
    // Focusing the method picker focuses its combobox face, named and outlined in the focus colour.
    await page.focus('#method');
    const face = () =>
      page.evaluate(() => {
        const host = document.activeElement as HTMLElement;
        const inner = host.shadowRoot?.activeElement as HTMLElement | null;
        const style = inner ? getComputedStyle(inner) : undefined;
        return {
          host: host.id,
          role: inner?.getAttribute('role'),
          name: inner?.getAttribute('aria-label'),
          border: style?.borderColor,
        };
      });
    assert.deepEqual(
      await face(),
      {
        host: 'method',
        role: 'combobox',
        name: 'Method',
        border: 'rgb(243, 133, 24)',
      },
      'the focused select shows the high-contrast focus border (#f38518)',
    );
    // Enter opens the list, ArrowDown moves, Enter picks: Min-max follows Z-score in the method table.
    const before = await choiceValue(page.locator('#method'));
    assert.equal(before, 'zscore');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === '');
    const picked = await choiceValue(page.locator('#method'));
    assert.notEqual(picked, before);
    assert.equal(harness.controller.current?.fitted?.scaler.method, picked);
    // Space ticks a checkbox; Tab moves between the option controls.
    await page.focus('#log-y');
    await page.keyboard.press('Space');
    assert.equal(await isTicked(page.locator('#log-y')), true);
    await page.keyboard.press('Space');
    assert.equal(await isTicked(page.locator('#log-y')), false);
    // Enter and Space press a button.
    await page.focus('#copy-before-csv');
    await page.keyboard.press('Enter');
    await page.focus('#copy-before-markdown');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => /Markdown/.test(document.getElementById('status')?.textContent ?? ''));
    assert.match(harness.copied[0], /^column,count,/);
    assert.match(harness.copied[1], /^\| column \|/);
    // axe-core reads the open shadow roots: the method picker without its accessible name is caught.
    await page.evaluate(() => {
      (document.getElementById('method') as HTMLElement & { label: string }).label = '';
    });
    await page.waitForTimeout(50);
    const unnamed = await axeViolations(harness);
    assert.ok(
      unnamed.some((line) => /aria-input-field-name|label/.test(line) && line.includes('#method')),
      unnamed.join('\n'),
    );
    assert.deepEqual(await harness.violations(), []);
  } finally {
    await harness.close();
  }
});
