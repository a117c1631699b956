// NormScope as a web extension in VS Code for the Web (the browser workbench of vscode.dev/github.dev,
// served offline): every command from the palette with its files read through workspace.fs, the
// panel's numbers read from its iframe, an export written and read back, hovers and inlay hints from
// tree-sitter's wasm in the worker, the notebook renderer; screenshots in test-results/web/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerFileDialog, waitForQuickInput } from '../vscode/code-server';
import { hoverText, notebookOutputFrame, statsRowOf } from '../helpers/workbench-page';
import { CHROMIUM, startWebWorkbench, type WebWorkbench } from './web-workbench';
import { duckdb, python } from '../unit/io/formats/fixtures';
import { runCli } from '../helpers/cli';
import { pickChoice } from '../helpers/elements';

let workbench: WebWorkbench;
const EXPORT_CSV = 'Gerät 7;;\r\nOrt;Wert;N\r\nCafé;1,5;3\r\nStraße;2,5;4\r\nX;3,5;5\r\n';
// A PNG Debian ships (python-matplotlib-data, which scripts/install-system-packages.sh installs),
// decoded by fast-png in the worker.
const MATPLOTLIB_LOGO = '/usr/share/matplotlib/mpl-data/sample_data/logo2.png';
// A JPEG photo Debian ships (python-matplotlib-data), and a WebP with alpha Pillow writes from it: both
// decoded in the worker by libjpeg-turbo and libwebp in WebAssembly, as the CLI decodes them.
const GRACE_HOPPER = '/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg';
// PyTorch's own transformer.py: from the recognizer's corpus (fetched from Debian's archive by the
// pretest step), or from an installed python3-torch.
const TORCH_TRANSFORMER =
  [
    join(
      import.meta.dirname,
      '..',
      '..',
      '.cache/public-models/usr/lib/python3/dist-packages/torch/nn/modules/transformer.py',
    ),
    '/usr/lib/python3/dist-packages/torch/nn/modules/transformer.py',
  ].find((path) => existsSync(path)) ?? '';
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`;

before(async () => {
  if (skip) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  // samples/housing.csv as DuckDB writes it in Parquet (zstd, row groups of 50 rows)
  const parquet = join(tmpdir(), `normscope-web-${process.pid}.parquet`);
  await duckdb([
    `copy (select * from read_csv('samples/housing.csv')) to '${parquet}' (format parquet, compression zstd, row_group_size 50)`,
  ]);
  workbench = await startWebWorkbench((folder) => {
    copyFileSync(parquet, join(folder, 'housing.parquet'));
    if (existsSync(MATPLOTLIB_LOGO)) copyFileSync(MATPLOTLIB_LOGO, join(folder, 'logo2.png'));
    if (existsSync(GRACE_HOPPER)) {
      copyFileSync(GRACE_HOPPER, join(folder, 'grace_hopper.jpg'));
      python(`
from PIL import Image
img = Image.open('${GRACE_HOPPER}').convert('RGBA')
img.putalpha(Image.linear_gradient('L').resize(img.size))
img.save('${join(folder, 'hopper-alpha.webp')}', quality=80)
`);
    }
    rmSync(parquet);
    // A spreadsheet export as Excel writes it in Germany: Windows-1252, a preamble line, `;` and decimal commas.
    writeFileSync(join(folder, 'export.csv'), Buffer.from(EXPORT_CSV, 'latin1'));
    // python3-torch's own transformer.py, in its package folders: its LayerNorm is a relative import.
    if (!TORCH_TRANSFORMER) return; // the hover test below says what is missing
    const target = join(folder, 'torch', 'nn', 'modules');
    mkdirSync(target, { recursive: true });
    copyFileSync(TORCH_TRANSFORMER, join(target, 'transformer.py'));
    for (const dir of ['torch', 'torch/nn', 'torch/nn/modules'])
      writeFileSync(join(folder, dir, '__init__.py'), '');
  });
  console.log(
    `web workbench: NormScope's commands in the palette ${workbench.readyAfter} ms after opening the page`,
  );
});

after(async () => {
  await workbench?.close();
});

/** A test whose failure leaves a screenshot; every test ends with no CSP violation and no extension error. */
function web(name: string, body: () => Promise<void>): void {
  test(name, { skip }, async () => {
    try {
      await body();
      assert.deepEqual(workbench.cspErrors, []);
      assert.deepEqual(workbench.extensionErrors, []);
    } catch (error) {
      await workbench.screenshot(`failed-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`);
      throw error;
    }
  });
}

const statsRow = (which: 'before' | 'after', label: string) =>
  statsRowOf(workbench.webview(), workbench.page, which, label);

async function closeEditors(): Promise<void> {
  await workbench.runCommand('View: Close All Editors');
  await workbench.page.waitForTimeout(500);
}

/** Opens a file from the explorer (the web workbench has no file search for Quick Open to use). */
async function openFile(name: string): Promise<void> {
  const page = workbench.page;
  await page.locator('.explorer-folders-view').waitFor();
  await page
    .locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`)
    .dblclick({ timeout: 15000 });
  await page.locator('.monaco-editor .view-lines, .notebookOverlay').first().waitFor();
}

const hoverAt = (line: number, column: number) => hoverText(workbench.page, line, column);

/** The lines the CLI (Node, on disk) writes for `normscope <command> samples/<file> --method <method> --out …`. */
function cliOutput(command: 'normalize' | 'fit', file: string, method: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'normscope-web-cli-'));
  try {
    const out = join(dir, 'out');
    execFileSync(process.execPath, [
      'dist/cli.cjs',
      command,
      join('samples', file),
      '--method',
      method,
      '--out',
      out,
    ]);
    return readFileSync(out, 'utf8').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the active editor's rendered lines (Monaco draws spaces as no-break spaces). */
async function editorLines(): Promise<string[]> {
  const lines = await workbench.page.locator('.monaco-editor .view-line').allTextContents();
  return lines.map((line) => line.replace(/\u00a0/g, ' '));
}

web(
  'NormScope: Show Statistics reads samples/housing.csv through workspace.fs and shows its columns',
  async () => {
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(workbench.page, '/housing.csv', 'Show statistics of');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.equal(await view.locator('h1').textContent(), 'housing.csv');
    assert.deepEqual((await statsRow('before', 'rooms')).slice(0, 3), ['240', '0', '3.125']);
    await workbench.screenshot('show-statistics');
    await closeEditors();
  },
);

web(
  'the Read as line says how export.csv was read through workspace.fs, and Read again re-reads it with the controls',
  async () => {
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(workbench.page, '/export.csv', 'Show statistics of');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.equal(
      await view.locator('#read-as summary').textContent(),
      'Read as: `;`-delimited, windows-1252, decimal comma, header on line 2, 1 preamble line skipped',
    );
    assert.deepEqual((await statsRow('before', 'Wert')).slice(0, 3), ['3', '0', '2.5']);
    await view.locator('#read-as summary').click();
    assert.equal(await view.locator('#read-as-delimiter').inputValue(), ';');
    assert.equal(await view.locator('#read-as-decimal').inputValue(), ',');
    assert.equal(await view.locator('#read-as-header').inputValue(), '2');
    // 4 read as a missing value (the tokens are comma-separated): N keeps 3 and 5
    await view.locator('#read-as-missing').fill('4');
    await view.locator('#read-as-apply').click();
    await view
      .locator('#stats-before tbody tr', { has: workbench.page.locator('th:text-is("N")') })
      .locator('td')
      .first()
      .filter({ hasText: /^2$/ })
      .waitFor({ timeout: 30000 });
    assert.deepEqual((await statsRow('before', 'N')).slice(0, 3), ['2', '1', '4']);
    assert.deepEqual((await statsRow('before', 'Wert')).slice(0, 3), ['3', '0', '2.5']);
    assert.equal(await view.locator('.shape').textContent(), '3 rows × 3 columns');
    await workbench.screenshot('read-as');
    await closeEditors();
  },
);

web(
  'NormScope: Show Statistics reads a Parquet file written by DuckDB from its workspace.fs bytes, as its CSV twin',
  async () => {
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(workbench.page, '/housing.parquet', 'Show statistics of');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.equal(await view.locator('h1').textContent(), 'housing.parquet');
    assert.deepEqual((await statsRow('before', 'rooms')).slice(0, 3), ['240', '0', '3.125']);
    await workbench.screenshot('show-statistics-parquet');
    await closeEditors();
  },
);

web(
  "NormScope: Show Statistics on a PNG decodes it in the worker and opens the image panel with the CLI's Normalize line",
  async () => {
    assert.ok(existsSync(MATPLOTLIB_LOGO), `${MATPLOTLIB_LOGO}: apt-get install python-matplotlib-data`);
    const cli = runCli(['stats', MATPLOTLIB_LOGO]);
    assert.equal(cli.status, 0, cli.stderr);
    const expected = /transforms\.Normalize\([^)]*\)/.exec(cli.stdout)![0];
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(workbench.page, '/logo2.png', 'Show statistics of');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.equal(await view.locator('#line-torchvision').textContent(), expected);
    assert.match((await view.locator('#image-summary').textContent())!, /^Images: 1 · pixels: 67200 · /);
    await workbench.screenshot('show-statistics-png-panel');
    // the transform select, picked as a user does: ToTensor leaves the pixels / 255 as they are
    await pickChoice(view.locator('#transform'), 'unit');
    await view.locator('#stats-after caption', { hasText: 'ToTensor' }).waitFor({ timeout: 30000 });
    assert.deepEqual(
      await view.locator('#stats-after tbody td').allTextContents(),
      await view.locator('#stats-before tbody td').allTextContents(),
    );
    // the Markdown report, one click away
    await view.locator('#open-markdown').click();
    await workbench.page
      .locator('.monaco-editor .view-line', { hasText: 'transforms.Normalize' })
      .first()
      .waitFor({ timeout: 30000 });
    // The report opens beside the panel, where long lines wrap: joined, the rendered lines give them back.
    const text = (await editorLines()).join('');
    assert.ok(text.includes(expected) && text.includes('1 image(s), 67200 pixels'), text);
    await workbench.screenshot('show-statistics-png');
    await workbench.runCommand('View: Revert and Close Editor'); // the untitled statistics document
    // Focus returns into the panel's frame; a click on the status bar gives it back to the workbench.
    await workbench.page.locator('.statusbar').click({ position: { x: 600, y: 10 } });
    await closeEditors();
  },
);

/**
 * Show Statistics on `name` in the workspace opens the image panel, whose per-channel mean and std (the
 * float64 each cell carries in data-value) equal the CLI's on the same file on disk, alpha apart.
 */
async function imageStatisticsEqualTheCli(name: string, onDisk: string): Promise<void> {
  const cli = runCli(['stats', onDisk, '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  const report = JSON.parse(cli.stdout) as {
    pixels: number;
    channels: { name: string; mean: number; std: number }[];
    alpha?: { name: string; mean: number; std: number };
  };
  await workbench.runCommand('NormScope: Show Statistics');
  await answerFileDialog(workbench.page, `/${name}`, 'Show statistics of');
  const view = workbench.webview();
  await view
    .locator('#stats-before tbody tr')
    .first()
    .waitFor({ timeout: 30000 })
    .catch((error: Error) => {
      throw new Error(`${error.message}\nextension errors: ${workbench.extensionErrors.join('; ')}`);
    });
  assert.equal(await view.locator('h1').textContent(), name);
  assert.match(
    (await view.locator('#image-summary').textContent())!,
    new RegExp(`^Images: 1 · pixels: ${report.pixels} · .*libjpeg-turbo \\(WebAssembly\\)`),
  );
  const meanAndStd = async (table: string, channel: string) => {
    const cells = view
      .locator(`#${table} tbody tr`, { has: workbench.page.locator(`th:text-is("${channel}")`) })
      .locator('td');
    return [
      Number(await cells.nth(0).getAttribute('data-value')),
      Number(await cells.nth(1).getAttribute('data-value')),
    ];
  };
  for (const c of report.channels)
    assert.deepEqual(await meanAndStd('stats-before', c.name), [c.mean, c.std], c.name);
  if (report.alpha)
    assert.deepEqual(await meanAndStd('stats-alpha', report.alpha.name), [
      report.alpha.mean,
      report.alpha.std,
    ]);
}

web(
  "NormScope: Show Statistics on a JPEG photo decodes it in the worker (libjpeg-turbo in WebAssembly) to the CLI's statistics",
  async () => {
    assert.ok(existsSync(GRACE_HOPPER), `${GRACE_HOPPER}: apt-get install python-matplotlib-data`);
    await imageStatisticsEqualTheCli('grace_hopper.jpg', GRACE_HOPPER);
    await workbench.screenshot('show-statistics-jpeg-panel');
    await closeEditors();
  },
);

web(
  "NormScope: Show Statistics on a WebP with alpha decodes it in the worker (libwebp in WebAssembly) to the CLI's statistics, alpha apart",
  async () => {
    assert.ok(existsSync(GRACE_HOPPER), `${GRACE_HOPPER}: apt-get install python-matplotlib-data`);
    // the CLI reads the workspace's own copy on disk
    await imageStatisticsEqualTheCli('hopper-alpha.webp', join(workbench.folder, 'hopper-alpha.webp'));
    await workbench.screenshot('show-statistics-webp-panel');
    await closeEditors();
  },
);

web('NormScope: Show Statistics shows a .npy tensor per channel (N, C, H, W)', async () => {
  await workbench.runCommand('NormScope: Show Statistics');
  await answerFileDialog(workbench.page, '/activations.npy', 'Show statistics of');
  const view = workbench.webview();
  await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
  assert.deepEqual(await view.locator('#axes vscode-button').allTextContents(), ['N=8', 'C=4', 'H=6', 'W=6']);
  assert.deepEqual(await view.locator('#stats-before tbody th').allTextContents(), [
    'C=0',
    'C=1',
    'C=2',
    'C=3',
  ]);
  await workbench.screenshot('show-statistics-npy');
  await closeEditors();
});

web(
  'NormScope: Normalize CSV File… z-scores housing.csv; Export CSV… writes it atomically through workspace.fs and it reads back',
  async () => {
    const page = workbench.page;
    await workbench.runCommand('NormScope: Normalize CSV File…');
    await answerFileDialog(page, '/housing.csv', 'Normalize');
    const view = workbench.webview();
    await view.locator('#stats-after tbody tr').first().waitFor({ timeout: 30000 });
    assert.equal(
      (await statsRow('after', 'rooms'))[3],
      '1.00209',
      'std (ddof 1) of a z-score over 240 rows is √(240/239)',
    );
    await workbench.screenshot('normalize-csv');
    await view.locator('#export-csv').click();
    await answerFileDialog(page, '/housing.normalized.csv');
    await view.locator('#status', { hasText: 'Exported the normalized data to' }).waitFor({ timeout: 15000 });
    assert.match(
      (await view.locator('#status').textContent()) ?? '',
      /Exported the normalized data to vscode-test-web:\/\/mount\/housing\.normalized\.csv\./,
    );
    // Read back 1: the editor shows what the desktop CLI writes for the same file, line for line.
    await closeEditors();
    await openFile('housing.normalized.csv');
    const expected = cliOutput('normalize', 'housing.csv', 'zscore');
    const lines = page.locator('.monaco-editor .view-line');
    await lines.filter({ hasText: expected[1] }).first().waitFor({ timeout: 10000 });
    const shown = await editorLines();
    for (const line of expected.slice(0, 4)) assert.ok(shown.includes(line), `export holds ${line}`);
    // No temporary file is left beside it.
    assert.equal(
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /\.tmp$/ }).count(),
      0,
    );
    await workbench.screenshot('export-read-back');
    // Read back 2: the extension reads its own export: 240 rows, z-scored.
    await closeEditors();
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(page, '/housing.normalized.csv', 'Show statistics of');
    const again = workbench.webview();
    await again.locator('h1', { hasText: 'housing.normalized.csv' }).waitFor({ timeout: 30000 });
    const rooms = await statsRow('before', 'rooms');
    assert.equal(rooms[0], '240');
    assert.equal(rooms[3], '1.00209');
    assert.ok(Math.abs(Number(rooms[2])) < 1e-12, `mean ${rooms[2]}`);
    await closeEditors();
  },
);

web(
  'Save parameters… writes the z-score fitted on housing_train.csv through workspace.fs: the JSON the CLI fit writes',
  async () => {
    const page = workbench.page;
    await workbench.runCommand('NormScope: Normalize CSV File…');
    await answerFileDialog(page, '/housing_train.csv', 'Normalize');
    const view = workbench.webview();
    await view.locator('#stats-after tbody tr').first().waitFor({ timeout: 30000 });
    await view.locator('#save-params').click();
    await answerFileDialog(page, '/housing_train.params.json');
    await view.locator('#status', { hasText: 'Saved the fitted parameters to' }).waitFor({ timeout: 15000 });
    await closeEditors();
    await openFile('housing_train.params.json');
    const expected = cliOutput('fit', 'housing_train.csv', 'zscore').filter((line) => line.trim() !== '');
    await page.locator('.monaco-editor .view-line', { hasText: 'normscope/params' }).first().waitFor();
    const shown = await editorLines();
    // the header, the sample counts and the fitted means (what the editor has drawn of the 59 lines)
    assert.ok(expected.length > 40);
    for (const line of expected.slice(0, 38)) assert.ok(shown.includes(line), `params hold ${line}`);
    await workbench.screenshot('save-parameters');
    await closeEditors();
  },
);

web(
  'NormScope: Normalize Selection reads a literal in samples/arrays.py and replaces it as one edit',
  async () => {
    const page = workbench.page;
    await openFile('arrays.py');
    await page.waitForTimeout(800);
    await page.keyboard.press('Control+G');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await workbench.runCommand('NormScope: Normalize Selection');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.deepEqual((await statsRow('before', '1')).slice(0, 3), ['5', '0', '161000']);
    await pickChoice(view.locator('#method'), 'minmax');
    await view.locator('#stats-after tbody tr td:nth-child(6)', { hasText: /^0$/ }).first().waitFor();
    await view.locator('#replace-selection').click();
    await view.locator('#status', { hasText: 'Replaced' }).waitFor();
    await workbench.screenshot('normalize-selection');
    // (3 − 1)/(4 − 1) and (185000 − 62000)/(310000 − 62000); Monaco renders spaces as no-break spaces.
    await page
      .locator('.monaco-editor .view-line', { hasText: /\[\[0\.6666666666666\d*,\s0\.4959677419354\d*\]/ })
      .first()
      .waitFor({ timeout: 10000 });
    await closeEditors();
  },
);

web(
  'NormScope: Fit on File, Apply to Another… fits on the training file and applies it to the test file',
  async () => {
    const page = workbench.page;
    await workbench.runCommand('NormScope: Fit on File, Apply to Another…');
    await answerFileDialog(page, '/housing_train.csv', 'Fit on (training file)');
    await waitForQuickInput(page, 'Method to fit on the training file');
    await page.locator('.quick-input-widget .quick-input-box input').fill('Z-score');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Z-score' }).first().waitFor();
    await page.keyboard.press('Enter');
    await answerFileDialog(page, '/housing_test.csv', 'Apply to (test file)');
    const view = workbench.webview();
    await view.locator('#stats-after tbody tr').first().waitFor({ timeout: 30000 });
    assert.match(
      (await view.locator('.note').textContent()) ?? '',
      /fitted on the training file only.*leak/i,
    );
    assert.equal((await statsRow('before', 'rooms'))[0], '60');
    assert.notEqual(
      (await statsRow('after', 'rooms'))[2],
      '0',
      'the test set is not centred by the training mean',
    );
    await workbench.screenshot('fit-and-apply');
    await closeEditors();
  },
);

web(
  'hovering BatchNorm2d and LayerNorm in samples/model.py explains the reduced axes, with inlay hints',
  async () => {
    const page = workbench.page;
    await openFile('model.py');
    await page
      .locator('.monaco-editor .view-line', { hasText: 'BatchNorm2d' })
      .first()
      .waitFor({ timeout: 15000 });
    const batchNorm = await hoverAt(10, 25);
    assert.match(batchNorm, /NormScope — BatchNorm/);
    assert.match(batchNorm, /statistics over N, H, W/);
    assert.match(batchNorm, /0\.1 weights the new batch/);
    await workbench.screenshot('hover-batchnorm');
    const layerNorm = await hoverAt(20, 25);
    assert.match(layerNorm, /BTC: B · T · C — statistics over C/);
    const hint = (text: RegExp) => page.locator('.monaco-editor .view-line span', { hasText: text }).first();
    await hint(/^over\sN,H,W$/).waitFor({ timeout: 10000 });
    await hint(/^over\sC,H,W$/).waitFor();
    await workbench.screenshot('inlay-hints');
    await closeEditors();
  },
);

web(
  "hovering LayerNorm in python3-torch's own torch/nn/modules/transformer.py resolves its relative import through workspace.fs",
  async () => {
    assert.ok(TORCH_TRANSFORMER, 'torch/nn/modules/transformer.py: run scripts/fetch-public-models.mjs');
    const page = workbench.page;
    await workbench.runCommand('File: Open File...');
    await answerFileDialog(page, '/torch/nn/modules/transformer.py');
    await page
      .locator('.monaco-editor .view-line', { hasText: 'import copy' })
      .first()
      .waitFor({ timeout: 15000 });
    // line 412: `        self.norm1 = LayerNorm(d_model, eps=layer_norm_eps, **factory_kwargs)` (`from .normalization import LayerNorm`)
    const hover = await hoverAt(412, 25);
    assert.match(hover, /NormScope — LayerNorm/);
    assert.match(hover, /torch\.nn\.LayerNorm/);
    await workbench.screenshot('hover-torch-transformer');
    await closeEditors();
  },
);

web('NormScope: Explain BatchNorm vs LayerNorm draws the four reductions of the sample tensor', async () => {
  await workbench.runCommand('NormScope: Explain BatchNorm vs LayerNorm');
  const view = workbench.webview();
  await view.locator('#app[data-ready="1"]').waitFor({ timeout: 30000 });
  const caption = (layer: string) => view.locator(`#panel-${layer} .plan`).textContent();
  assert.equal(await caption('batchnorm'), 'over N, H, W · 128 values per statistic · 6 per batch');
  assert.equal(await caption('layernorm'), 'over C, H, W · 96 values per statistic · 8 per batch');
  assert.equal(await caption('groupnorm'), 'over C, H, W · 48 values per statistic · 16 per batch');
  await workbench.screenshot('explainer');
  await closeEditors();
});

web(
  'the notebook renderer shows the saved outputs of samples/normalization.ipynb and opens one in the panel',
  async () => {
    await openFile('normalization.ipynb');
    await workbench.page.locator('.notebookOverlay').waitFor({ timeout: 30000 });
    const frame = await notebookOutputFrame(workbench.page);
    await frame.locator('.normscope-output[data-charts="2"]').first().waitFor({ timeout: 30000 });
    const table = frame.locator('.normscope-output', {
      has: frame.locator('h1', { hasText: 'income, rooms' }),
    });
    assert.deepEqual(
      (await table.locator('#stats-before tbody tr').first().locator('td').allTextContents()).slice(0, 2),
      ['300', '0'],
    );
    const tensor = frame.locator('.normscope-output', {
      has: frame.locator('h1', { hasText: 'activations' }),
    });
    assert.deepEqual(await tensor.locator('#axes vscode-button').allTextContents(), [
      'N=4',
      'C=3',
      'H=5',
      'W=5',
    ]);
    await pickChoice(table.locator('#method'), 'minmax');
    await table.locator('#stats-after tbody tr td:nth-child(6)', { hasText: /^0$/ }).first().waitFor();
    await workbench.screenshot('notebook-renderer');
    // The renderer's messaging reaches the worker extension host: the output opens in the panel.
    // (the notebook's overlay takes the pointer: the button's own click event is dispatched)
    await table.locator('#open-in-panel').dispatchEvent('click');
    await workbench.page
      .locator('.tabs-container .tab', { hasText: 'NormScope:' })
      .waitFor({ timeout: 30000 });
    const panel = workbench.webview();
    await panel.locator('h1', { hasText: 'income, rooms' }).waitFor({ timeout: 30000 });
    await panel.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.deepEqual(
      (await panel.locator('#stats-before tbody tr').first().locator('td').allTextContents()).slice(0, 2),
      ['300', '0'],
    );
    await workbench.screenshot('notebook-open-in-panel');
    await closeEditors();
  },
);
