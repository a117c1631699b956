// Time from "NormScope: Normalize CSV File…" to the first chart in a real VS Code (code-server), on the
// seeded 100 MB numeric CSV of bench/run.mjs. Run: node --import tsx bench/vscode-first-chart.ts
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
  for (let run = 0; run < 3; run++) {
    await workbench.runCommand('NormScope: Normalize CSV File…');
    const started = Date.now();
    await answerFileDialog(workbench.page, target, 'Normalize');
    await workbench.webview().locator('#app[data-charts="4"]').waitFor({ timeout: 120000 });
    runs.push(Date.now() - started);
    await workbench.screenshot(`first-chart-100mb-${run}`);
    await workbench.runCommand('View: Close All Editors');
    await workbench.page.waitForTimeout(1000);
  }
  console.log(
    `${(bytes / 1e6).toFixed(0)} MB CSV, command to first chart in code-server: ${runs.map((ms) => (ms / 1000).toFixed(2)).join(' s, ')} s`,
  );
} finally {
  await workbench.close();
}
