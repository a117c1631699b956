// NormScope in a real VS Code (code-server + Chromium): every command from the palette, the panel's
// numbers read from its iframe, screenshots in test-results/vscode/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNumericCsv } from '../../bench/generate-csv.mjs';
import { answerFileDialog, prepare, startWorkbench, waitForQuickInput, type Workbench } from './code-server';
import { hoverText, notebookOutputFrame, statsRowOf } from '../helpers/workbench-page';
import { choiceValue, fillField, isTicked, pickChoice } from '../helpers/elements';

let workbench: Workbench;

before(async () => {
  prepare();
  workbench = await startWorkbench();
});

after(async () => {
  await workbench?.close();
});

const statsRow = (which: 'before' | 'after', label: string) =>
  statsRowOf(workbench.webview(), workbench.page, which, label);

/** A test whose failure leaves a screenshot of the workbench behind. */
function e2e(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      await workbench.screenshot(`failed-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`);
      throw error;
    }
  });
}

async function closeEditors(): Promise<void> {
  await workbench.runCommand('View: Close All Editors');
  await workbench.page.waitForTimeout(500);
}

e2e(
  'NormScope: Normalize CSV File… opens the panel on samples/housing.csv with z-scored statistics',
  async () => {
    const started = Date.now();
    await workbench.runCommand('NormScope: Normalize CSV File…');
    await answerFileDialog(workbench.page, join(workbench.folder, 'housing.csv'), 'Normalize');
    const view = workbench.webview();
    await view.locator('#stats-after tbody tr').first().waitFor({ timeout: 30000 });
    await view.locator('#app[data-charts="4"]').waitFor();
    const elapsed = Date.now() - started;
    assert.ok(elapsed > 0);
    assert.equal(await view.locator('h1').textContent(), 'housing.csv');
    const before = await statsRow('before', 'rooms');
    assert.deepEqual(before.slice(0, 3), ['240', '0', '3.125']);
    const after = await statsRow('after', 'rooms');
    assert.equal(
      after[2].startsWith('-') || Math.abs(Number(after[2])) < 1e-12 ? 'mean≈0' : after[2],
      'mean≈0',
    );
    assert.equal(after[3], '1.00209', 'std (ddof 1) of a population z-score over 240 rows is √(240/239)');
    await pickChoice(view.locator('#method'), 'minmax');
    await view.locator('#option-featureRange-0').waitFor();
    await view.locator('#stats-after tbody tr td:nth-child(6)', { hasText: /^0$/ }).first().waitFor();
    assert.deepEqual(
      (await statsRow('after', 'price_eur')).slice(4, 9).filter((_, i) => i === 0 || i === 4),
      ['0', '1'],
    );
    await workbench.screenshot('normalize-csv');
    assert.deepEqual(workbench.cspErrors, []);
    await closeEditors();
  },
);

e2e(
  'NormScope: Normalize CSV File… on a 150 MB CSV charts its first rows at once, then all of them',
  async () => {
    const file = join(workbench.folder, 'large.csv');
    // Large enough that the whole file takes seconds to arrive after the first chart (60 MB did, until
    // reading got faster: then the refinement could land between the test's reads of the first view).
    await generateNumericCsv(file, 150);
    const rows = readFileSync(file, 'utf8').split('\n').length - 2; // header and the final newline
    const started = Date.now();
    await workbench.runCommand('NormScope: Normalize CSV File…');
    await answerFileDialog(workbench.page, file, 'Normalize');
    const view = workbench.webview();
    const note = view.locator('.note', { hasText: 'while the whole file loads' });
    await note.waitFor({ timeout: 30000 });
    await view.locator('#app[data-charts="4"]').waitFor();
    const firstChart = Date.now() - started;
    const prefixRows = Number((await statsRow('before', 'f0'))[0]);
    assert.ok(prefixRows > 1000 && prefixRows < rows, `prefix of ${prefixRows} of ${rows} rows`);
    assert.match(
      (await note.textContent()) ?? '',
      new RegExp(`^The first ${prefixRows} rows \\(4\\.0 MB of 150 MB\\)`),
    );
    await pickChoice(view.locator('#method'), 'minmax'); // kept when the whole file arrives
    await note.waitFor({ state: 'detached', timeout: 60000 });
    await view
      .locator('#stats-before tbody tr td', { hasText: String(rows) })
      .first()
      .waitFor({ timeout: 30000 });
    assert.equal((await statsRow('before', 'f0'))[0], String(rows));
    assert.equal(await choiceValue(view.locator('#method')), 'minmax');
    console.log(
      `150 MB CSV: first chart after ${firstChart} ms (prefix of ${prefixRows} rows), then all ${rows} rows`,
    );
    await workbench.screenshot('normalize-large-csv');
    assert.deepEqual(workbench.cspErrors, []);
    await closeEditors();
  },
);

e2e('NormScope: Show Statistics shows statistics only, for a .npy tensor per channel', async () => {
  await workbench.runCommand('NormScope: Show Statistics');
  await answerFileDialog(workbench.page, join(workbench.folder, 'activations.npy'), 'Show statistics of');
  const view = workbench.webview();
  await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
  assert.deepEqual(await view.locator('#axes vscode-button').allTextContents(), ['N=8', 'C=4', 'H=6', 'W=6']);
  assert.deepEqual(await view.locator('#stats-before tbody th').allTextContents(), [
    'C=0',
    'C=1',
    'C=2',
    'C=3',
  ]);
  assert.equal(await isTicked(view.locator('#normalize')), false);
  assert.deepEqual(
    await statsRow('before', 'C=0'),
    await statsRow('after', 'C=0'),
    'statistics only: after equals before',
  );
  await workbench.screenshot('show-statistics');
  await closeEditors();
});

e2e(
  'NormScope: Normalize Selection reads a literal in samples/arrays.py and replaces it as one undoable edit',
  async () => {
    const page = workbench.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('arrays.py');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'arrays.py' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await page.waitForTimeout(800);
    await page.keyboard.press('Control+G');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await workbench.runCommand('NormScope: Normalize Selection');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.deepEqual(await view.locator('#stats-before tbody th').allTextContents(), ['0', '1']);
    assert.deepEqual((await statsRow('before', '1')).slice(0, 3), ['5', '0', '161000']);
    await pickChoice(view.locator('#method'), 'minmax');
    await view.locator('#stats-after tbody tr td:nth-child(6)', { hasText: /^0$/ }).first().waitFor();
    await view.locator('#replace-selection').click();
    await view.locator('#status', { hasText: 'Replaced' }).waitFor();
    await workbench.screenshot('normalize-selection');
    // Monaco renders spaces as no-break spaces, which \s matches.
    const line = page.locator('.monaco-editor .view-line', {
      hasText: /\[\[0\.6666666666666\d*,\s0\.4959677419354\d*\]/,
    });
    await line.first().waitFor({ timeout: 10000 });
    await closeEditors();
  },
);

e2e('NormScope: Fit on File, Apply to Another… fits on the training file and says why', async () => {
  await workbench.runCommand('NormScope: Fit on File, Apply to Another…');
  await answerFileDialog(
    workbench.page,
    join(workbench.folder, 'housing_train.csv'),
    'Fit on (training file)',
  );
  await waitForQuickInput(workbench.page, 'Method to fit on the training file');
  await workbench.page.locator('.quick-input-widget .quick-input-box input').fill('Z-score');
  await workbench.page
    .locator('.quick-input-widget .monaco-list-row', { hasText: 'Z-score' })
    .first()
    .waitFor();
  await workbench.page.keyboard.press('Enter');
  await answerFileDialog(workbench.page, join(workbench.folder, 'housing_test.csv'), 'Apply to (test file)');
  const view = workbench.webview();
  await view.locator('#stats-after tbody tr').first().waitFor({ timeout: 30000 });
  assert.match((await view.locator('.note').textContent()) ?? '', /fitted on the training file only.*leak/i);
  assert.equal(
    await view.locator('#method').evaluate((node) => (node as unknown as { disabled: boolean }).disabled),
    true,
  );
  const before = await statsRow('before', 'rooms');
  assert.equal(before[0], '60');
  const after = await statsRow('after', 'rooms');
  assert.notEqual(after[2], '0', 'test-set mean is not exactly 0 when fitted on train');
  await workbench.screenshot('fit-and-apply');
  assert.deepEqual(workbench.cspErrors, []);
});

e2e('the notebook renderer shows saved outputs of samples/normalization.ipynb without a kernel', async () => {
  const page = workbench.page;
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill('normalization.ipynb');
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: 'normalization.ipynb' })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.notebookOverlay').waitFor({ timeout: 30000 });
  const frame = await notebookOutputFrame(workbench.page);
  await frame.locator('.normscope-output[data-charts="2"]').first().waitFor({ timeout: 30000 });
  assert.equal(await frame.locator('.normscope-output').count(), 2);
  // outputs render in their own order; find each by its title
  const table = frame.locator('.normscope-output', {
    has: frame.locator('h1', { hasText: 'income, rooms' }),
  });
  const tensor = frame.locator('.normscope-output', { has: frame.locator('h1', { hasText: 'activations' }) });
  assert.deepEqual(await table.locator('#stats-before tbody th').allTextContents(), ['0', '1']);
  assert.deepEqual(
    (await table.locator('#stats-before tbody tr').first().locator('td').allTextContents()).slice(0, 2),
    ['300', '0'],
  );
  await tensor.locator('#stats-after tbody tr').first().waitFor();
  assert.deepEqual(await tensor.locator('#axes vscode-button').allTextContents(), [
    'N=4',
    'C=3',
    'H=5',
    'W=5',
  ]);
  assert.deepEqual(await tensor.locator('#stats-after tbody th').allTextContents(), ['C=0', 'C=1', 'C=2']);
  // switch the method in place: computed in the output, no kernel
  await pickChoice(table.locator('#method'), 'minmax');
  await table.locator('#stats-after tbody tr td:nth-child(6)', { hasText: /^0$/ }).first().waitFor();
  await workbench.screenshot('notebook-renderer');
  assert.deepEqual(workbench.cspErrors, []);
});

e2e(
  'NormScope: Add Notebook Helper writes normscope.py beside the notebook and inserts `import normscope`',
  async () => {
    await workbench.runCommand('NormScope: Add Notebook Helper');
    await workbench.page
      .locator('.notebookOverlay .view-line', { hasText: /^import\snormscope$/ })
      .first()
      .waitFor({ timeout: 15000 });
    const { existsSync, readFileSync } = await import('node:fs');
    for (let i = 0; i < 50 && !existsSync(join(workbench.folder, 'normscope.py')); i++)
      await workbench.page.waitForTimeout(100);
    assert.match(readFileSync(join(workbench.folder, 'normscope.py'), 'utf8'), /^"""NormScope for notebooks/);
    await workbench.screenshot('add-notebook-helper');
  },
);

e2e(
  'hovering BatchNorm2d and LayerNorm in samples/model.py explains the reduced axes, with inlay hints after each',
  async () => {
    const page = workbench.page;
    await workbench.runCommand('View: Close All Editors');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('model.py');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'model.py' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page
      .locator('.monaco-editor .view-line', { hasText: 'BatchNorm2d' })
      .first()
      .waitFor({ timeout: 15000 });
    // Put the cursor on the layer's name (Go to Line accepts line:column), then ask for the hover.
    const hoverAt = (line: number, column: number) => hoverText(page, line, column);
    const batchNorm = await hoverAt(10, 25);
    assert.match(batchNorm, /NormScope — BatchNorm/);
    assert.match(batchNorm, /statistics over N, H, W/);
    assert.match(batchNorm, /0\.1 weights the new batch/);
    await workbench.screenshot('hover-batchnorm');
    const layerNorm = await hoverAt(20, 25);
    assert.match(layerNorm, /layout is not known/);
    assert.match(layerNorm, /BTC: B · T · C — statistics over C/);
    // the inlay hints are drawn as text after each construction (Monaco writes spaces as no-break spaces)
    const hint = (text: RegExp) => page.locator('.monaco-editor .view-line span', { hasText: text }).first();
    await hint(/^over\sN,H,W$/).waitFor({ timeout: 10000 });
    await hint(/^over\sC,H,W$/).waitFor();
    await hint(/^over\sC\s\(BTC\)\s\|\sW\s\(NCHW\)$/).waitFor();
    await workbench.screenshot('inlay-hints');
  },
);

e2e(
  'NormScope: Explain BatchNorm vs LayerNorm draws the four reductions, follows the shape and groups, and says why normalize',
  async () => {
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('NormScope: Explain BatchNorm vs LayerNorm');
    const view = workbench.webview();
    await view.locator('#app[data-ready="1"]').waitFor({ timeout: 30000 });
    const caption = (layer: string) => view.locator(`#panel-${layer} .plan`).textContent();
    assert.equal(await caption('batchnorm'), 'over N, H, W · 128 values per statistic · 6 per batch');
    assert.equal(await caption('layernorm'), 'over C, H, W · 96 values per statistic · 8 per batch');
    assert.equal(await caption('instancenorm'), 'over H, W · 16 values per statistic · 48 per batch');
    assert.equal(await caption('groupnorm'), 'over C, H, W · 48 values per statistic · 16 per batch');
    await fillField(view.locator('#groups'), '3');
    await view.locator('#panel-groupnorm .plan', { hasText: '32 values per statistic' }).waitFor();
    assert.match(
      (await view.locator('#panel-batchnorm .live').textContent()) ?? '',
      /^live: 6 means, first /,
    );
    await pickChoice(view.locator('#framework'), 'keras');
    await view.locator('#conventions td', { hasText: 'keras.layers.BatchNormalization' }).waitFor();
    await workbench.screenshot('explainer');
    await view.locator('vscode-tab-header[data-tab="why"]').click();
    const before = Number(
      /condition number ([\d.e+]+)/.exec((await view.locator('#kappa-before').textContent()) ?? '')?.[1],
    );
    const after = Number(
      /condition number ([\d.e+]+)/.exec((await view.locator('#kappa-after').textContent()) ?? '')?.[1],
    );
    // scaling removes the 10^5 difference in scale; what remains (~30) is the features' correlation
    assert.ok(before > 1e9 && after < 100, `condition numbers ${before} → ${after}`);
    await workbench.screenshot('explainer-why');
    assert.deepEqual(workbench.cspErrors, []);
  },
);

e2e(
  'NormScope: Explain BatchNorm vs LayerNorm on a selected PyTorch tensor computes the live statistics of that array',
  async () => {
    const page = workbench.page;
    await workbench.runCommand('View: Close All Editors');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('arrays.py');
    // Enter only once the filtered list has arrays.py in focus (not the most recently opened file).
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'arrays.py' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'arrays.py' }).waitFor();
    await page.waitForTimeout(800);
    // `activations = torch.tensor([...],\n [...])` on lines 15–16: select from `torch` to the end of line 16
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`15:${'activations = '.length + 1}`); // line:column, just before `torch`
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await workbench.runCommand('NormScope: Explain BatchNorm vs LayerNorm');
    const view = workbench.webview();
    await view.locator('#source', { hasText: 'your selection' }).waitFor({ timeout: 30000 });
    assert.equal(
      await view.locator('#source').textContent(),
      'Live statistics of your selection (arrays.py:15, shape [2, 3, 2, 2]).',
    );
    // BatchNorm: one mean per channel over N, H, W — (0.5+1.5+2.5+3.5+4.5+0.5+1.5+2.5)/8 = 2.125, then 3 and 0.5
    assert.equal(
      await view.locator('#panel-batchnorm .live').textContent(),
      'live: 3 means, first 2.125, 3, 0.5',
    );
    assert.equal(
      await view.locator('#panel-batchnorm .plan').textContent(),
      'over N, H, W · 8 values per statistic · 3 per batch',
    );
    await workbench.screenshot('explainer-selection');
    assert.deepEqual(workbench.cspErrors, []);
  },
);
