// Hovers on norms as modern model code builds them, in a real VS Code (code-server + Chromium):
// samples/modern_model.py's `norm_layer(planes)` factory call and its custom `RMSNorm(…)` construction,
// a `self.bn1(x)` use, and an edit typed into the file (re-read incrementally). Screenshots in
// test-results/vscode/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, startWorkbench, type Workbench } from './code-server';

let workbench: Workbench;

before(async () => {
  prepare();
  workbench = await startWorkbench();
});

after(async () => {
  await workbench?.close();
});

/**
 * Moves the cursor to line:column (Go to Line accepts both) and shows the hover there. The first hover
 * in a file can come before the file's first analysis (the parser's WebAssembly loading on a busy
 * machine) and show only the editor's own hover; it is asked again, up to three times.
 */
async function hoverAt(line: number, column: number): Promise<string> {
  const page = workbench.page;
  const hover = page.locator('.monaco-hover:visible', { hasText: 'NormScope' });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await workbench.runCommand('Show or Focus Hover');
    try {
      await hover.waitFor({ timeout: 10000 });
      return (await hover.textContent()) ?? '';
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

test('hovers on a norm_layer(planes) factory, a custom RMSNorm(…) and a self.bn1(x) use say what each builds', async () => {
  try {
    const page = workbench.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('modern_model.py');
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'modern_model.py' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page
      .locator('.monaco-editor .view-line', { hasText: 'norm_layer(planes)' })
      .first()
      .waitFor({ timeout: 15000 });

    const factory = await hoverAt(25, 20);
    assert.match(factory, /NormScope — BatchNorm/);
    assert.match(
      factory,
      /norm_layer\(…\) builds torch\.nn\.BatchNorm2d \(bound at line 23\), unless norm_layer is given/,
    );
    assert.match(factory, /statistics over N, H, W/);
    assert.match(factory, /Copy as Keras/);
    await workbench.screenshot('hover-norm-layer-factory');

    const custom = await hoverAt(34, 21);
    assert.match(custom, /NormScope — RMSNorm/);
    assert.match(
      custom,
      /custom RMSNorm RMSNorm \(defined at line 8\): mean of squares over the last axis, no mean subtraction; γ shape \(dim,\)/,
    );
    await workbench.screenshot('hover-custom-rmsnorm');

    const use = await hoverAt(28, 32);
    assert.match(use, /Calls the BatchNorm built at line 25/);

    // The inlay hint after the custom construction.
    await page
      .locator('.monaco-editor .view-line span', { hasText: /^over\sC$/ })
      .first()
      .waitFor({ timeout: 10000 });

    // Type an edit inside the class: the hover follows it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('25:37');
    await page.keyboard.press('Enter');
    await page.keyboard.type(', momentum=0.01');
    await page.waitForTimeout(500);
    const edited = await hoverAt(25, 20);
    assert.match(edited, /0\.01 weights the new batch/);
    await workbench.screenshot('hover-after-edit');
    assert.deepEqual(workbench.cspErrors, []);
  } catch (error) {
    await workbench.screenshot('failed-recognizer-hovers');
    throw error;
  }
});
