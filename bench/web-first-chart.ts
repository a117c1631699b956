// NormScope as a web extension in the browser workbench (VS Code for the Web, offline): the browser
// bundle's size, the time from opening the page to NormScope's commands in the palette, and the time
// from "NormScope: Normalize CSV File…" (the moment Enter submits the path, as bench/vscode-first-chart.ts
// clocks code-server) to the first chart and to the charts of every row, on the seeded 10 MB and 100 MB
// numeric CSVs, files read through workspace.fs. Run: node --import tsx bench/web-first-chart.ts
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { generateNumericCsv } from './generate-csv.mjs';
import { answerFileDialog } from '../test/vscode/code-server';
import { startWebWorkbench } from '../test/web/web-workbench';

const SIZES_MB = [10, 100];
const RUNS = Number(process.env.RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
const bundle = 'dist/web/extension.js';
const bytes = statSync(bundle).size;
console.log(
  `browser bundle ${bundle}: ${(bytes / 1024).toFixed(0)} KiB (${(gzipSync(readFileSync(bundle)).length / 1024).toFixed(0)} KiB gzipped), plus ${(
    (statSync('dist/tree-sitter.wasm').size + statSync('dist/tree-sitter-python.wasm').size) /
    1024
  ).toFixed(0)} KiB of tree-sitter wasm read on the first Python hover`,
);

const sources = await Promise.all(
  SIZES_MB.map(async (mb) => {
    const file = join(tmpdir(), 'normscope-bench', `numeric-${mb}mb.csv`);
    return { mb, file, bytes: await generateNumericCsv(file, mb) };
  }),
);
const workbench = await startWebWorkbench((folder) => {
  for (const { file, mb } of sources) copyFileSync(file, join(folder, `numeric-${mb}mb.csv`));
});
try {
  console.log(`page opened → NormScope's commands in the palette: ${seconds(workbench.readyAfter)}`);
  const rows: { mb: number; first: number; all: number }[] = [];
  for (const { mb, bytes: size } of sources) {
    const first: number[] = [];
    const all: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await workbench.runCommand('NormScope: Normalize CSV File…');
      let started = 0;
      await answerFileDialog(
        workbench.page,
        `/numeric-${mb}mb.csv`,
        'Normalize',
        () => (started = Date.now()),
      );
      const view = workbench.webview();
      const drawnAt = async () => Number(await view.locator('#app').getAttribute('data-drawn-at'));
      await view.locator('#app[data-charts="4"]').waitFor({ timeout: 300000 });
      const firstDrawn = await drawnAt();
      first.push(firstDrawn - started);
      const note = view.locator('.note', { hasText: 'while the whole file loads' });
      if ((await note.count()) > 0) {
        // a prefix first: wait for the redraw on every row
        await note.waitFor({ state: 'detached', timeout: 300000 });
        await view.locator('#app[data-charts="4"]').waitFor({ timeout: 300000 });
        while ((await drawnAt()) === firstDrawn) await workbench.page.waitForTimeout(20);
      }
      all.push((await drawnAt()) - started);
      await workbench.screenshot(`bench-first-chart-${mb}mb-${run}`);
      await workbench.runCommand('View: Close All Editors');
      await workbench.page.waitForTimeout(1000);
    }
    console.log(
      `${(size / 1e6).toFixed(0)} MB CSV in the web workbench, after the file dialog: first chart ${first.map(seconds).join(', ')}; every row ${all.map(seconds).join(', ')}`,
    );
    rows.push({ mb, first: median(first), all: median(all) });
  }
  const [small, large] = rows;
  console.log(
    `medians: 10 MB first chart ${seconds(small.first)}, 100 MB first chart ${seconds(large.first)} (${(large.first / small.first).toFixed(1)}× for 10× the bytes); 100 MB every row ${seconds(large.all)}`,
  );
} finally {
  await workbench.close();
}
