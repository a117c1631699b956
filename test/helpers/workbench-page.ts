/**
 * Driving a VS Code workbench page (code-server or VS Code for the Web) through its command palette and
 * reading its webviews: the selectors held on VS Code 1.91 and 1.100.
 */
import type { FrameLocator, Page } from 'playwright-core';

const PALETTE_INPUT = '.quick-input-widget .quick-input-box input';
const row = (page: Page, label: string) =>
  page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${label}"]`).first();

/**
 * Waits until commands titled `prefix…` are in the palette: an extension's commands arrive once its
 * extension host has loaded it, seconds after the workbench on a cold start. Each attempt may fail on a
 * busy machine (the palette slow to take input) and is retried.
 */
export async function waitForCommands(page: Page, prefix: string): Promise<void> {
  const input = page.locator(PALETTE_INPUT);
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    const found = await (async () => {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${prefix}`, { timeout: 5000 });
      await row(page, prefix).waitFor({ timeout: 2000 });
      return true;
    })().catch(() => false);
    await page.keyboard.press('Escape');
    if (found) return;
    if (attempt === 30) throw new Error(`${prefix} commands never reached the command palette`);
  }
}

/** Runs a command from the palette by its title. */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(PALETTE_INPUT);
  await input.waitFor({ state: 'visible' });
  // The palette's filter does not match a typed '…'; the title up to it is unambiguous.
  const typed = title.replace(/…$/, '');
  await input.fill(`>${typed}`);
  await row(page, typed).waitFor();
  await page.keyboard.press('Enter');
}

/** The newest ready webview's content frame. */
export function newestWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** The cells of the statistics table row labelled `label` (`which`: before or after normalizing). */
export async function statsRowOf(
  view: FrameLocator,
  page: Page,
  which: 'before' | 'after',
  label: string,
): Promise<string[]> {
  const row = view.locator(`#stats-${which} tbody tr`, { has: page.locator(`th:text-is("${label}")`) });
  return row.locator('td').allTextContents();
}

/** The frame of a notebook's output webview that holds NormScope's outputs. */
export async function notebookOutputFrame(page: Page) {
  for (let i = 0; i < 100; i++) {
    for (const frame of page.frames()) {
      const count = await frame
        .locator('.normscope-output #stats-after tbody tr')
        .count()
        .catch(() => 0);
      if (count > 0) return frame;
    }
    await page.waitForTimeout(300);
  }
  throw new Error('no NormScope output rendered in the notebook');
}

/** The NormScope hover at line:column of the active editor (the cursor put there, then the hover asked for). */
export async function hoverText(page: Page, line: number, column: number): Promise<string> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await runPaletteCommand(page, 'Show or Focus Hover');
  const hover = page.locator('.monaco-hover:visible', { hasText: 'NormScope' });
  await hover.waitFor({ timeout: 20000 });
  return (await hover.textContent()) ?? '';
}
