// The overview in Chromium against the real host controller, on scikit-learn's breast-cancer table
// written by pandas with its row index as an `id` column: every column at a glance, advice badges, the
// detail opening past the id, Apply advice → export and saved parameters equal to `normscope fit
// --plan`, a keyboard-only walk, and axe-core with 0 violations in light, dark and high contrast.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { loadDataFile, panelInit, type PanelSettings } from '../../src/extension/load';
import { fileSource } from '../../src/io/node/file-source';
import { freedmanDiaconisBins } from '../../src/engine/stats/bin-rule';
import { formatSignificant } from '../../src/engine/report/number-format';
import { runCli, scratchDir } from '../helpers/cli';
import { cliPlanRoundTrip } from '../helpers/plan-round-trip';
import { choiceLabels, isTicked, pickChoice } from '../helpers/elements';
import { axeViolations } from './axe';
import { closeBrowser, openPanel, type PanelHarness } from './harness';

const SETTINGS: PanelSettings = { defaultMethod: 'zscore', bins: 30 };
const screenshots = join(import.meta.dirname, '..', '..', 'test-results', 'browser');
mkdirSync(screenshots, { recursive: true });
const PYTHON =
  process.env.NORMSCOPE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

const scratch = scratchDir('normscope-overview-');
const table = join(scratch.dir, 'breast_cancer_with_id.csv');
let havePandas = false;

before(() => {
  const script = [
    'import sys',
    'from sklearn.datasets import load_breast_cancer',
    'frame = load_breast_cancer(as_frame=True).frame',
    "frame.to_csv(sys.argv[1], index=True, index_label='id')",
  ].join('\n');
  havePandas = spawnSync(PYTHON, ['-c', script, table], { encoding: 'utf8' }).status === 0;
});

after(async () => {
  await closeBrowser();
  scratch.cleanup();
});

async function overviewHarness(
  saveTo?: string,
  width = 1100,
  displayLanguage?: string,
): Promise<PanelHarness> {
  const loaded = await loadDataFile(fileSource(table), {});
  const init = panelInit(loaded.dataset, {
    source: 'file',
    settings: { ...SETTINGS, displayLanguage },
    statisticsOnly: false,
    trusted: true,
  });
  const harness = await openPanel(
    { kind: 'file', dataset: loaded.dataset, file: loaded.file, init },
    { saveTo },
  );
  if (width !== 1100) await harness.page.setViewportSize({ width, height: 1400 });
  await harness.page.waitForSelector('#overview-grid tbody tr');
  return harness;
}

async function focusTitle(harness: PanelHarness): Promise<string> {
  return harness.page.evaluate(() => document.getElementById('focus-title')?.textContent ?? '');
}

/**
 * A half-width editor group (560 to 640 px): the page itself never scrolls sideways (the overview
 * grid scrolls inside its own container); a screenshot of each width.
 */
async function assertNoSidewaysScroll(harness: PanelHarness, language: string): Promise<void> {
  for (const width of [560, 600, 640]) {
    await harness.page.setViewportSize({ width, height: 1400 });
    await harness.page.waitForTimeout(150);
    await harness.page.screenshot({
      path: join(screenshots, `half-width-${language}-${width}.png`),
      fullPage: false,
    });
    const { scrollWidth, innerWidth } = await harness.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    assert.equal(innerWidth, width);
    assert.ok(
      scrollWidth <= innerWidth,
      `${language}: the page scrolls sideways at ${width}px (${scrollWidth}px wide)`,
    );
  }
}

const skip = () => !havePandas && 'python3 with scikit-learn and pandas is not installed';

test(
  'the overview lists every column with advice badges and opens the detail past the id column',
  { skip: skip() },
  async () => {
    const harness = await overviewHarness();
    try {
      const rows = await harness.page.evaluate(() =>
        Array.from(document.querySelectorAll('#overview-grid tbody tr')).map((tr) => ({
          name: tr.getAttribute('data-column'),
          badges: Array.from(tr.querySelectorAll('.badge')).map((b) => b.textContent),
          minis: tr.querySelectorAll('svg.mini').length,
          method: tr.querySelector<HTMLElement & { value: string }>('vscode-single-select.column-method')
            ?.value,
          advised: tr.querySelector('.advised')?.textContent,
        })),
      );
      const cli = JSON.parse(runCli(['advise', table, '--json']).stdout) as {
        columns: { name: string; diagnoses: string[]; method: string }[];
      };
      assert.deepEqual(
        rows.map((r) => [r.name, r.badges, r.advised]),
        cli.columns.map((c) => [c.name, c.diagnoses, `Advice: ${c.method}`]),
      );
      assert.deepEqual(rows[0].badges, ['id-like']);
      assert.equal(rows[0].minis, 2);
      assert.equal(await focusTitle(harness), 'Distribution of mean radius');
      // The bins default to Freedman–Diaconis on the focused column; each chart's bins are in a table.
      const loaded = await loadDataFile(fileSource(table), {});
      const radius =
        loaded.dataset.kind === 'table'
          ? loaded.dataset.columns.find((c) => c.name === 'mean radius')
          : undefined;
      const fd = freedmanDiaconisBins(radius!.values);
      assert.equal((await choiceLabels(harness.page.locator('#bins'))).fd, `Freedman–Diaconis (${fd})`);
      const binRows = await harness.page.$$eval('#bins-table-before tbody tr td', (cells) =>
        cells.map((c) => Number(c.textContent)),
      );
      assert.equal(binRows.length, fd);
      assert.equal(
        binRows.reduce((a, b) => a + b, 0),
        569,
      );
      await pickChoice(harness.page.locator('#bins'), '10');
      await harness.page.waitForFunction(
        () => document.querySelectorAll('#bins-table-before tbody tr').length === 10,
      );
      await harness.page.click('#log-y');
      assert.equal(await isTicked(harness.page.locator('#log-y')), true, 'log y ticked by a click');
      // Why normalize: κ(XᵀX) of the z-scored columns, before and after, as the engine computes it.
      const report = harness.controller.current!;
      const why = report.why!;
      assert.ok(why.before.condition > 1e6 * why.after.condition, 'scaling tames the conditioning');
      const text = (await harness.page.textContent('#why-condition')) ?? '';
      assert.ok(text.includes(`κ = ${formatSignificant(why.before.condition, 3)} before`), text);
      assert.ok(text.includes(`κ = ${formatSignificant(why.after.condition, 3)} after`), text);
      assert.equal(await harness.page.locator('svg.contours').count(), 2);
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

test(
  'Apply advice, export and save parameters give what `normscope fit --plan` and `transform` give',
  { skip: skip() },
  async () => {
    const out = scratchDir('normscope-overview-out-');
    const harness = await overviewHarness(out.dir);
    try {
      await harness.page.click('#apply-advice');
      await harness.page.waitForFunction(
        () => document.querySelector<HTMLElement & { value: string }>('#method')?.value === 'plan',
      );
      await harness.page.waitForFunction(() => !document.getElementById('status')?.textContent);
      const afterLabels = await harness.page.evaluate(() =>
        Array.from(document.querySelectorAll('#stats-after tbody th')).map((th) => th.textContent),
      );
      assert.ok(!afterLabels.includes('id'), 'the id column is left out of the scaling');
      await harness.page.click('#export-csv');
      await harness.page.waitForFunction(() =>
        /Exported/.test(document.getElementById('status')?.textContent ?? ''),
      );
      await harness.page.click('#save-params');
      await harness.page.waitForFunction(() =>
        /Saved/.test(document.getElementById('status')?.textContent ?? ''),
      );
      const files = readdirSync(out.dir);
      const exported = join(
        out.dir,
        files.find((f) => f.endsWith('.csv'))!,
      );
      const params = join(
        out.dir,
        files.find((f) => f.endsWith('.json'))!,
      );
      // The same through the CLI.
      const cli = cliPlanRoundTrip(table, out.dir);
      assert.deepEqual(
        JSON.parse(readFileSync(params, 'utf8')),
        JSON.parse(readFileSync(cli.params, 'utf8')),
      );
      assert.equal(readFileSync(exported, 'utf8'), readFileSync(cli.output, 'utf8'));
      const [header, first] = Papa.parse<string[]>(readFileSync(exported, 'utf8').trimEnd()).data;
      assert.equal(header[0], 'id');
      assert.equal(first[0], '0', 'the id column is kept as it was');
      // Copy as code gives the plan as a ColumnTransformer.
      await harness.page.click('#copy-code');
      await harness.page.waitForFunction(() =>
        /plan/.test(document.getElementById('status')?.textContent ?? ''),
      );
      assert.match(harness.copied.at(-1) ?? '', /ColumnTransformer\(\[/);
    } finally {
      await harness.close();
      out.cleanup();
    }
  },
);

test(
  'the overview grid is walked by keyboard alone: Tab in, arrows move, Enter opens a row',
  { skip: skip() },
  async () => {
    const harness = await overviewHarness();
    try {
      const page = harness.page;
      await page.focus('#apply-advice');
      await page.keyboard.press('Tab');
      const active = () =>
        page.evaluate(() => {
          const cell = document.activeElement?.closest('td, th');
          return {
            column: cell?.parentElement?.getAttribute('data-column'),
            index: cell ? [...cell.parentElement!.children].indexOf(cell) : -1,
          };
        });
      // The grid's one tab stop is the selected row's name cell.
      assert.deepEqual(await active(), { column: 'mean radius', index: 0 });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await active(), { column: 'mean perimeter', index: 0 });
      await page.keyboard.press('End');
      assert.equal((await active()).index, 9);
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.getElementById('focus-title')?.textContent === 'Distribution of mean perimeter',
      );
      assert.deepEqual(
        await active(),
        { column: 'mean perimeter', index: 0 },
        'focus stays on the opened row',
      );
      // A method picker is reached from its cell with Enter and changes the plan.
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'VSCODE-SINGLE-SELECT');
    } finally {
      await harness.close();
    }
  },
);

test(
  'the overview and detail have 0 axe-core violations in light, dark and high contrast, without page scrolling at half width',
  { skip: skip() },
  async () => {
    const harness = await overviewHarness(undefined, 640);
    try {
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        await harness.setTheme(theme);
        await harness.page.waitForTimeout(150);
        await harness.page.screenshot({ path: join(screenshots, `overview-${theme}.png`), fullPage: false });
        assert.deepEqual(await axeViolations(harness), [], theme);
      }
      await assertNoSidewaysScroll(harness, 'en');
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);

test(
  'in Simplified Chinese (VS Code display language zh-cn) the overview, detail and advice speak Chinese, with 0 axe-core violations',
  { skip: skip() },
  async () => {
    const harness = await overviewHarness(undefined, 900, 'zh-cn');
    try {
      const page = harness.page;
      assert.equal(await page.textContent('#overview-title'), '列');
      assert.equal(await page.textContent('#apply-advice'), '应用建议');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.textContent('#focus-title'), 'mean radius 的分布');
      assert.match((await page.textContent('#focus-advice')) ?? '', /^建议：/);
      // Method titles, statuses and actions speak Chinese too.
      assert.equal((await choiceLabels(page.locator('#method'))).zscore, 'Z 分数（标准化）');
      assert.equal(await page.textContent('#export-csv'), '导出 CSV…');
      assert.equal(
        await page.getAttribute('#stats-before th:nth-child(4) button', 'aria-label'),
        '按 mean 排序',
      );
      assert.match((await page.textContent('#counts-before')) ?? '', /^\d+ 个值 · NaN 0/);
      await page.click('#overview-grid tr[data-column="id"] th');
      await page.waitForFunction(() => document.getElementById('focus-title')?.textContent === 'id 的分布');
      assert.match((await page.textContent('#focus-advice')) ?? '', /互不相同的整数/);
      assert.deepEqual(
        await page
          .$$eval('#overview-grid thead th', (cells) => cells.map((c) => c.textContent))
          .then((h) => h.slice(0, 3)),
        ['列', '类型', '缺失'],
      );
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        await harness.setTheme(theme);
        await page.waitForTimeout(150);
        await page.screenshot({ path: join(screenshots, `overview-zh-cn-${theme}.png`), fullPage: false });
        assert.deepEqual(await axeViolations(harness), [], theme);
      }
      await assertNoSidewaysScroll(harness, 'zh-cn');
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  },
);
