/**
 * VS Code for the Web for tests: the offline browser workbench of scripts/web-workbench.mjs on a copy of
 * samples/, with NormScope loaded from its `browser` entry into the web worker extension host, driven by
 * playwright-core in Debian's Chromium. Records CSP violations and the console errors that name the
 * extension; one workbench per test file, closed afterwards.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { serveWebWorkbench } from '../../scripts/web-workbench.mjs';

const root = resolve(import.meta.dirname, '..', '..');
export const RESULTS = join(root, 'test-results', 'web');
/** Debian's Chromium, as the browser tests use it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface WebWorkbench {
  page: Page;
  /** The folder on disk the workbench shows (its root is `/` in the workbench's file dialogs). */
  folder: string;
  /** Milliseconds from opening the page to NormScope's commands in the palette (activation-ready). */
  readyAfter: number;
  cspErrors: string[];
  /** Console errors that mention the extension (its bundle, its webviews, its name). */
  extensionErrors: string[];
  runCommand(title: string): Promise<void>;
  /** The newest ready webview's content frame. */
  webview(): FrameLocator;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
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
  // The extension's commands reach the palette once the worker extension host has loaded it; on a busy
  // machine the palette itself can be slow to take input, so each attempt may fail and is retried.
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    const found = await (async () => {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill('>NormScope:', { timeout: 5000 });
      await page
        .locator('.quick-input-widget .monaco-list-row[aria-label^="NormScope:"]')
        .first()
        .waitFor({ timeout: 2000 });
      return true;
    })().catch(() => false);
    await page.keyboard.press('Escape');
    if (found) break;
    if (attempt === 30) throw new Error('NormScope commands never reached the command palette');
  }
  const readyAfter = Date.now() - opened;
  mkdirSync(RESULTS, { recursive: true });
  return {
    page,
    folder,
    readyAfter,
    cspErrors,
    extensionErrors,
    async runCommand(title: string) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible' });
      const typed = title.replace(/…$/, '');
      await input.fill(`>${typed}`);
      await page
        .locator('.quick-input-widget .monaco-list-row[aria-label^="' + typed + '"]')
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
    },
    webview() {
      return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    },
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
