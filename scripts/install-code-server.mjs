// Installs code-server (a real VS Code workbench served to a browser) into .vscode-test/code-server/,
// the verified route of ../shared/vscode-e2e.md: seed @vscode/ripgrep's download cache with the system
// `rg` (no internet here), then let code-server's own postinstall build its native modules.
// Not a package.json dependency (`npm ci` would run that postinstall). Idempotent: a complete install
// is reused. Needs the Debian packages listed in scripts/install-system-packages.sh.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const root = fileURLToPath(new URL('..', import.meta.url));
export const codeServerDir = resolve(root, '.vscode-test/code-server');
export const codeServerBin = join(codeServerDir, 'node_modules/code-server/out/node/entry.js');
const marker = join(codeServerDir, `.complete-${CODE_SERVER_VERSION}`);

// The README links into docs/; vsce makes relative links absolute against the repository's address.
const contentUrl = 'https://example.invalid/normscope/blob/main';

/** Packages the extension (dist/ must be built) as `out`, the .vsix a profile installs. */
export function packageVsix(out = join(root, 'dist', 'normscope.vsix')) {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/@vscode/vsce/vsce'),
      'package',
      '--no-dependencies',
      '--baseContentUrl',
      contentUrl,
      '--baseImagesUrl',
      contentUrl,
      '--out',
      out,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return out;
}

/**
 * A code-server profile under `home` (what `npm start` and the e2e tests both run): user settings
 * written and the packaged .vsix installed. Returns the profile's folders.
 */
export function prepareProfile(home, settings, vsix) {
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  execFileSync(
    process.execPath,
    [
      codeServerBin,
      '--extensions-dir',
      extensions,
      '--user-data-dir',
      userData,
      '--install-extension',
      vsix,
      '--force',
    ],
    { stdio: 'ignore' },
  );
  return { userData, extensions };
}

/** code-server's arguments to serve `folder` from a profile on 127.0.0.1:`port`: no auth, telemetry or update checks. */
export function serveArgs({ port, userData, extensions, folder, extra = [] }) {
  return [
    codeServerBin,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...extra,
    folder,
  ];
}

export function installCodeServer() {
  if (existsSync(marker) && existsSync(codeServerBin)) return codeServerBin;
  const started = Date.now();
  mkdirSync(codeServerDir, { recursive: true });
  const temp = process.env.TMPDIR ?? tmpdir();
  const cache = join(temp, RIPGREP_CACHE);
  mkdirSync(cache, { recursive: true });
  if (!existsSync(join(cache, RIPGREP_TARBALL))) {
    execFileSync('tar', ['czf', join(cache, RIPGREP_TARBALL), '-C', '/usr/bin', 'rg'], { stdio: 'inherit' });
  }
  if (!existsSync(join(codeServerDir, 'package.json'))) {
    writeFileSync(
      join(codeServerDir, 'package.json'),
      JSON.stringify({ name: 'code-server-cache', private: true }) + '\n',
    );
  }
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: codeServerDir,
      stdio: 'inherit',
      env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', TMPDIR: temp },
    },
  );
  if (!existsSync(codeServerBin))
    throw new Error(`code-server install incomplete: ${codeServerBin} is missing`);
  writeFileSync(marker, new Date().toISOString() + '\n');
  process.stderr.write(
    `code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  return codeServerBin;
}

if (import.meta.url === `file://${process.argv[1]}`) installCodeServer();
