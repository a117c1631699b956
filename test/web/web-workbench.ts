/**
 * VS Code for the Web for tests: the offline browser workbench of scripts/web-workbench.mjs on a copy of
 * samples/, with NormScope loaded from its `browser` entry into the web worker extension host, driven by
 * playwright-core in Debian's Chromium. Records CSP violations and the console errors that name the
 * extension; one workbench per test file, closed afterwards.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { freePort, type Workbench } from '../vscode/code-server';
import { serveWebWorkbench } from '../../scripts/web-workbench.mjs';
import { newestWebview, runPaletteCommand, waitForCommands } from '../helpers/workbench-page';

const root = resolve(import.meta.dirname, '..', '..');
export const RESULTS = join(root, 'test-results', 'web');
/** Debian's Chromium, as the browser tests use it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A workbench like code-server's (test/vscode/code-server.ts), with the web host's own measures. */
export interface WebWorkbench extends Workbench {
  /** Milliseconds from opening the page to NormScope's commands in the palette (activation-ready). */
  readyAfter: number;
  /** Console errors that mention the extension (its bundle, its webviews, its name). */
  extensionErrors: string[];
}

export async function startWebWorkbench(
  prepareFolder?: (folder: string) => void | Promise<void>,
): Promise<WebWorkbench> {
  const scratch = mkdtempSync(join(tmpdir(), 'normscope-web-'));
  const folder = join(scratch, 'samples');
  cpSync(join(root, 'samples'), folder, { recursive: true });
  await prepareFolder?.(folder);
  const port = await freePort();
  const server = await serveWebWorkbench({ folder, extensionPath: root, port });
  // Webviews live on <uuid>.localhost inside the workbench's page: their service worker needs a profile
  // that allows third-party cookies (an incognito-like context refuses it).
  const profile = join(scratch, 'chromium');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  const browser: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox'],
    viewport: { width: 1500, height: 1000 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const cspErrors: string[] = [];
  const extensionErrors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) cspErrors.push(text);
    else if (
      (message.type() === 'error' || /^%c\s*ERR\b/.test(text)) &&
      /normscope|dist\/web\/extension\.js|webview\.js|explainer\.js|renderer\.js|panel\.css/i.test(text)
    )
      extensionErrors.push(text);
  });
  page.on('pageerror', (error) => {
    if (/normscope/i.test(`${error.message}\n${error.stack ?? ''}`)) extensionErrors.push(error.message);
  });
  const opened = Date.now();
  await page.goto(server.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.statusbar', { timeout: 60000 });
  await waitForCommands(page, 'NormScope:');
  const readyAfter = Date.now() - opened;
  mkdirSync(RESULTS, { recursive: true });
  return {
    page,
    folder,
    readyAfter,
    cspErrors,
    extensionErrors,
    runCommand: (title: string) => runPaletteCommand(page, title),
    webview: () => newestWebview(page),
    async screenshot(name: string) {
      await page.screenshot({ path: join(RESULTS, `${name}.png`) });
    },
    async close() {
      await browser.close();
      server.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
