// In a real VS Code (code-server + Chromium): open a real CSV, see the overview with advice, Apply advice,
// export, and read the exported file back; it equals `normscope advise --write-plan` + `fit --plan` +
// `transform` on the same file. Screenshots in test-results/vscode/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { cliPlanRoundTrip } from '../helpers/plan-round-trip';
import { answerFileDialog, prepare, startWorkbench, type Workbench } from './code-server';

let workbench: Workbench;

before(async () => {
  prepare();
  workbench = await startWorkbench();
});

after(async () => {
  await workbench?.close();
});

test('Normalize CSV File… on samples/housing.csv: overview with advice, Apply advice, Export CSV… writes what fit --plan gives', async () => {
  try {
    const input = join(workbench.folder, 'housing.csv');
    await workbench.runCommand('NormScope: Normalize CSV File…');
    await answerFileDialog(workbench.page, input, 'Normalize');
    const view = workbench.webview();
    await view.locator('#overview-grid tbody tr').first().waitFor({ timeout: 30000 });
    const idBadges = await view.locator('#overview-grid tr[data-column="id"] .badge').allTextContents();
    assert.deepEqual(idBadges, ['id-like']);
    // The detail opens on the first numeric column advice keeps (past the id).
    const advice = JSON.parse(runCli(['advise', input, '--json']).stdout) as {
      columns: { name: string; kind: string; method: string }[];
    };
    const first = advice.columns.find(
      (c) => c.kind === 'numeric' && c.method !== 'drop' && c.method !== 'exclude',
    )!;
    assert.equal(first.name, 'area_m2');
    await view.locator('#focus-title', { hasText: `Distribution of ${first.name}` }).waitFor();
    await workbench.screenshot('advice-overview');
    await view.locator('#apply-advice').click();
    await view.locator('#method vscode-option[value="plan"]').waitFor({ state: 'attached' });
    await view.locator('#status:text-is("")').waitFor();
    await workbench.screenshot('advice-applied');
    const exported = join(workbench.folder, 'housing.advised.csv');
    await view.locator('#export-csv').click();
    await answerFileDialog(workbench.page, exported);
    await view.locator('#status', { hasText: 'Exported' }).waitFor({ timeout: 30000 });
    assert.ok(existsSync(exported));
    const expected = cliPlanRoundTrip(input, workbench.folder).output;
    assert.equal(readFileSync(exported, 'utf8'), readFileSync(expected, 'utf8'));
    assert.deepEqual(workbench.cspErrors, []);
  } catch (error) {
    await workbench.screenshot('failed-advice');
    throw error;
  }
});
