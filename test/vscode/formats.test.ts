// Every format in a real VS Code (code-server + Chromium): a Parquet twin of samples/housing.csv opens
// from the palette's file picker and from the explorer's context menu with the CSV's numbers, and an
// image folder's (PNG, JPEG and WebP) Show Statistics opens the image panel with the per-channel numbers
// and the Normalize line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { answerFileDialog, prepare, startWorkbench, type Workbench } from './code-server';
import { hasPython, python } from '../unit/io/formats/fixtures';
import { pickChoice } from '../helpers/elements';

let workbench: Workbench;
/** Pillow's per-channel mean of the pets folder's pixels / 255. */
let imageFolderMean: number[] = [];

before(async () => {
  prepare();
  workbench = await startWorkbench();
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const folder = workbench.folder;
  await connection.run(
    `copy (select * from read_csv('${join(folder, 'housing.csv')}')) to '${join(folder, 'housing.parquet')}' (format parquet, row_group_size 64)`,
  );
  connection.closeSync();
  if (hasPython('PIL'))
    imageFolderMean = JSON.parse(
      python(`
from PIL import Image
import os, json, numpy as np
pixels = []
for cls, colour in [('cat', (200, 100, 50)), ('dog', (20, 60, 240))]:
    os.makedirs('${folder}/pets/' + cls, exist_ok=True)
    for i in range(3):
        # the dogs as PNG, JPEG and WebP: the .vsix's WebAssembly decoders read the last two
        path = '${folder}/pets/%s/%d.%s' % (cls, i, 'png' if cls == 'cat' else ['png', 'jpg', 'webp'][i])
        Image.new('RGB', (16 + i, 12), colour).save(path)
        pixels.append(np.asarray(Image.open(path).convert('RGB'), dtype=np.float64).reshape(-1, 3) / 255)
print(json.dumps(np.concatenate(pixels).mean(0).tolist()))
`),
    ) as number[];
});

after(async () => {
  await workbench?.close();
});

function e2e(name: string, body: () => Promise<void>, skip = false): void {
  test(name, { skip }, async () => {
    try {
      await body();
    } catch (error) {
      await workbench.screenshot(`failed-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`);
      throw error;
    }
  });
}

async function statsRow(label: string): Promise<string[]> {
  const row = workbench
    .webview()
    .locator('#stats-before tbody tr', { has: workbench.page.locator(`th:text-is("${label}")`) });
  return row.locator('td').allTextContents();
}

async function closeEditors(): Promise<void> {
  await workbench.runCommand('View: Close All Editors');
  await workbench.page.waitForTimeout(500);
}

/** Opens the explorer's context menu on an entry and runs the item titled `item`. */
async function explorerMenu(entry: string, item: string): Promise<void> {
  const page = workbench.page;
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${entry}"]`).first();
  await row.waitFor({ timeout: 15000 });
  await row.click({ button: 'right' });
  const action = page.locator('.context-view .action-label', { hasText: item }).first();
  await action.waitFor({ timeout: 10000 });
  // A click can land while the menu is still laying itself out; the hovered item also runs on Enter.
  await action.hover();
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  if (await action.isVisible().catch(() => false)) await action.click();
}

let csvRooms: string[] = [];

e2e(
  'NormScope: Show Statistics opens housing.parquet from the file picker with the numbers of housing.csv',
  async () => {
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(workbench.page, join(workbench.folder, 'housing.csv'), 'Show statistics of');
    await workbench.webview().locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    csvRooms = await statsRow('rooms');
    await closeEditors();
    await workbench.runCommand('NormScope: Show Statistics');
    await answerFileDialog(workbench.page, join(workbench.folder, 'housing.parquet'), 'Show statistics of');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    assert.equal(await view.locator('h1').textContent(), 'housing.parquet');
    assert.ok(csvRooms.length > 3);
    assert.deepEqual(await statsRow('rooms'), csvRooms);
    await workbench.screenshot('show-statistics-parquet');
    assert.deepEqual(workbench.cspErrors, []);
    await closeEditors();
  },
);

e2e("the explorer's context menu offers Show Statistics on a .parquet file and opens its panel", async () => {
  await workbench.page.keyboard.press('Control+Shift+E');
  await explorerMenu('housing.parquet', 'Show Statistics');
  const view = workbench.webview();
  await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
  assert.equal(await view.locator('h1').textContent(), 'housing.parquet');
  assert.deepEqual(await statsRow('rooms'), csvRooms);
  await workbench.screenshot('explorer-parquet');
  await closeEditors();
});

e2e(
  'Show Statistics on an image folder from the explorer opens the image panel with the per-channel numbers, class counts and the Normalize line',
  async () => {
    await workbench.page.keyboard.press('Control+Shift+E');
    await explorerMenu('pets', 'Show Statistics');
    const view = workbench.webview();
    await view.locator('#stats-before tbody tr').first().waitFor({ timeout: 30000 });
    // 3 cat PNGs of (200, 100, 50) and 3 dogs of (20, 60, 240) as PNG, JPEG and WebP, as Pillow decodes them
    const means = imageFolderMean;
    // the .vsix's own WebAssembly decoders read the JPEG and the WebP
    assert.match((await view.locator('#image-summary').textContent())!, /libjpeg-turbo \(WebAssembly\)/);
    const cells = await Promise.all(
      ['R', 'G', 'B'].map((name) =>
        view
          .locator('#stats-before tbody tr', { has: workbench.page.locator(`th:text-is("${name}")`) })
          .locator('td')
          .first()
          .textContent(),
      ),
    );
    assert.deepEqual(
      cells.map(Number),
      means.map((m) => Number(m.toPrecision(6))),
    );
    assert.equal(await view.locator('h1').textContent(), 'pets');
    assert.equal(
      await view.locator('#image-classes').textContent(),
      'Classes (ImageFolder layout): cat 3, dog 3',
    );
    // Normalize, the picker's default: mean 0 and std 1 in every channel
    const after = await view.locator('#stats-after tbody td:nth-of-type(-n+2)').allTextContents();
    assert.deepEqual(after, ['0', '1', '0', '1', '0', '1']);
    const rounded = means.map((v) => Number(v.toFixed(4)));
    assert.ok(
      (await view.locator('#line-torchvision').textContent())!.startsWith(
        `transforms.Normalize(mean=[${rounded.join(', ')}]`,
      ),
    );
    await workbench.screenshot('image-folder-panel');
    // the transform select, picked as a user does: [-1, 1] maps each channel's mean m to 2m − 1
    await pickChoice(view.locator('#transform'), 'symmetric');
    await view.locator('#stats-after caption', { hasText: '[-1, 1]' }).waitFor({ timeout: 30000 });
    const symmetric = await view.locator('#stats-after tbody td:nth-of-type(1)').allTextContents();
    assert.deepEqual(
      symmetric.map(Number),
      means.map((m) => Number((2 * m - 1).toPrecision(6))),
    );
    // the Markdown report is one click away
    await view.locator('#open-markdown').click();
    const editor = workbench.page
      .locator('.monaco-editor .view-lines', { hasText: 'transforms.Normalize' })
      .first();
    await editor.waitFor({ timeout: 30000 });
    const text = (await editor.textContent())!.replace(/\u00a0/g, ' ');
    assert.ok(text.includes(`transforms.Normalize(mean=[${rounded.join(', ')}]`), text);
    assert.match(text, /Classes: cat 3, dog 3/);
    await workbench.screenshot('image-folder-statistics');
    assert.deepEqual(workbench.cspErrors, []);
    await workbench.runCommand('View: Revert and Close Editor'); // the untitled statistics document
    // Focus returns into the panel's frame; a click on the status bar gives it back to the workbench.
    await workbench.page.locator('.statusbar').click({ position: { x: 600, y: 10 } });
    await closeEditors();
  },
  !hasPython('PIL'),
);
