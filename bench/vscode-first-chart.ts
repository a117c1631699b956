// Time from "NormScope: Normalize CSV File…" to the first chart (from the file's first 4 MB) and to the
// charts of every row, in a real VS Code (code-server), on the seeded 100 MB numeric CSV of bench/run.mjs. Run: node --import tsx bench/vscode-first-chart.ts
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateNumericCsv } from './generate-csv.mjs';
import { answerFileDialog, prepare, startWorkbench } from '../test/vscode/code-server';

const source = join(tmpdir(), 'normscope-bench', 'numeric-100mb.csv');
const bytes = await generateNumericCsv(source, 100);
prepare();
const workbench = await startWorkbench();
try {
  const target = join(workbench.folder, 'numeric-100mb.csv');
  copyFileSync(source, target);
  const runs: number[] = [];
  const complete: number[] = [];
  for (let run = 0; run < 3; run++) {
    await workbench.runCommand('NormScope: Normalize CSV File…');
    let started = 0; // the moment Enter submits the path: from there on it is NormScope's time
    await answerFileDialog(workbench.page, target, 'Normalize', () => (started = Date.now()));
    const view = workbench.webview();
    // Playwright polls (up to a second apart): the page's own timestamp of the drawing is exact.
    const drawnAt = async () => Number(await view.locator('#app').getAttribute('data-drawn-at'));
    await view.locator('#app[data-charts="4"]').waitFor({ timeout: 120000 });
    const firstDrawn = await drawnAt();
    const first = firstDrawn - started;
    // the whole file: the prefix note goes and the charts are drawn again on every row
    await view
      .locator('.note', { hasText: 'while the whole file loads' })
      .waitFor({ state: 'detached', timeout: 120000 });
    await view.locator('#app[data-charts="4"]').waitFor({ timeout: 120000 });
    while ((await drawnAt()) === firstDrawn) await workbench.page.waitForTimeout(20); // the redraw on all rows
    runs.push(first);
    complete.push((await drawnAt()) - started);
    await workbench.screenshot(`first-chart-100mb-${run}`);
    await workbench.runCommand('View: Close All Editors');
    await workbench.page.waitForTimeout(1000);
  }
  console.log(
    `${(bytes / 1e6).toFixed(0)} MB CSV in code-server, after the file dialog: first chart (its first 4 MB) ${runs.map((ms) => (ms / 1000).toFixed(2)).join(' s, ')} s; every row ${complete.map((ms) => (ms / 1000).toFixed(2)).join(' s, ')} s`,
  );
} finally {
  await workbench.close();
}
