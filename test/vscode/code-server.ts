/**
 * A real VS Code for tests: code-server (installed by scripts/install-code-server.mjs, see
 * ../shared/vscode-e2e.md) with our packaged .vsix, on a copy of samples/, driven by playwright-core in
 * Debian's Chromium. One server per test file; its whole process group is ended afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { packageVsix, prepareProfile, serveArgs } from '../../scripts/install-code-server.mjs';
import { newestWebview, runPaletteCommand, waitForCommands } from '../helpers/workbench-page';

const root = resolve(import.meta.dirname, '..', '..');
export const VSIX = join(root, 'dist', 'normscope.vsix');

/** Installs code-server when missing and packages the extension (both idempotent, both fast when done). */
export function prepare(): void {
  execFileSync(process.execPath, ['scripts/install-code-server.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  packageVsix(VSIX);
}

export async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface Workbench {
  page: Page;
  folder: string;
  cspErrors: string[];
  /** Runs a command from the palette by its title. */
  runCommand(title: string): Promise<void>;
  /** The newest ready webview's content frame. */
  webview(): FrameLocator;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkbench(options: { trusted?: boolean } = {}): Promise<Workbench> {
  const scratch = mkdtempSync(join(tmpdir(), 'normscope-e2e-'));
  const folder = join(scratch, 'samples');
  cpSync(join(root, 'samples'), folder, { recursive: true });
  const { userData, extensions } = prepareProfile(
    scratch,
    {
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': options.trusted === false,
      'workbench.tips.enabled': false,
      'extensions.autoCheckUpdates': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'files.simpleDialog.enable': true,
    },
    VSIX,
  );
  const port = await freePort();
  const extra = options.trusted === false ? [] : ['--disable-workspace-trust'];
  const server: ChildProcess = spawn(
    process.execPath,
    serveArgs({ port, userData, extensions, folder, extra }),
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (
      /Content Security Policy/i.test(message.text()) &&
      /normscope|webview\.js|panel\.css/i.test(message.text())
    )
      cspErrors.push(message.text());
  });
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.statusbar', { timeout: 60000 });
  await page.waitForTimeout(1500);
  await waitForCommands(page, 'NormScope:');
  const results = join(root, 'test-results', 'vscode');
  mkdirSync(results, { recursive: true });
  return {
    page,
    folder,
    cspErrors,
    runCommand: (title: string) => runPaletteCommand(page, title),
    webview: () => newestWebview(page),
    async screenshot(name: string) {
      await page.screenshot({ path: join(results, `${name}.png`) });
    },
    async close() {
      await browser.close();
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Waits for the quick input titled `title` (a file dialog or a quick pick). */
export async function waitForQuickInput(page: Page, title: string): Promise<void> {
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: title })
    .waitFor({ state: 'visible' });
}

/**
 * Answers VS Code's simple file dialog (a quick input) with a path; `onEnter` runs just before each
 * Enter that submits it (benchmarks start their clocks there).
 */
export async function answerFileDialog(
  page: Page,
  path: string,
  title?: string,
  onEnter?: () => void,
): Promise<void> {
  if (title) await waitForQuickInput(page, title);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  // The simple file dialog fills in its starting folder and then lists it, a moment after it opens; text
  // typed before the listing arrives is overwritten. So wait for the listing, type the path, and if the
  // dialog is still open after Enter (the path was reset under us), type it again.
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 15000 });
  for (let attempt = 0; attempt < 5; attempt++) {
    await input.fill(path);
    await page.waitForTimeout(300);
    if ((await input.inputValue()) !== path) continue;
    onEnter?.();
    await page.keyboard.press('Enter');
    const closed = await input.waitFor({ state: 'hidden', timeout: 2000 }).then(
      () => true,
      () => false,
    );
    if (closed || !(await input.isVisible())) return;
    // a following quick input (another dialog or a quick pick) may already have replaced this one
    if (
      title &&
      !(await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).isVisible())
    )
      return;
  }
}
