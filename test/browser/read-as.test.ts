// The panel's "Read as …" line in Chromium against the real host controller: the summary shown, the
// controls set to the chosen dialect, and "Read again" re-reading the file with what they fix.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSource } from '../helpers/file-source';
import { scratchDir } from '../helpers/cli';
import { closeBrowser, openPanel } from './harness';

const screenshots = join(import.meta.dirname, '..', '..', 'test-results', 'browser');
mkdirSync(screenshots, { recursive: true });

after(() => closeBrowser());


test('the Read as line shows how the file was read and Read again re-reads it with the controls', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const path = join(dir, 'export.csv');
    writeFileSync(path, 'Device 7;;\nOrt;Wert;N\nCafé – Süd;1,5;3\nStraße;2,5;4\nX;3,5;5\n');
    const harness = await openPanel(await fileSource(path));
    try {
      const page = harness.page;
      await page.waitForSelector('#read-as summary');
      assert.equal(
        await page.textContent('#read-as summary'),
        'Read as: `;`-delimited, decimal comma, header on line 2, 1 preamble line skipped',
      );
      await page.click('#read-as summary');
      assert.equal(await page.inputValue('#read-as-delimiter'), ';');
      assert.equal(await page.inputValue('#read-as-decimal'), ',');
      assert.equal(await page.inputValue('#read-as-header'), '2');
      await page.screenshot({ path: join(screenshots, 'read-as.png') });
      // no header: the header line becomes data; a missing token: 3,5 reads as missing
      await page.fill('#read-as-header', '0');
      await page.fill('#read-as-skip', '1');
      await page.fill('#read-as-missing', '3,5');
      await page.click('#read-as-apply');
      await page.waitForFunction(() => document.querySelector('.shape')?.textContent?.startsWith('4 rows'));
      assert.match((await page.textContent('#read-as summary')) ?? '', /no header/);
      assert.deepEqual(await harness.violations(), []);
    } finally {
      await harness.close();
    }
  } finally {
    cleanup();
  }
});
