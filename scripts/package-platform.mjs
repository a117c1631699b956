// `node scripts/package-platform.mjs <target>`: a platform-specific .vsix (vsce package --target) that
// carries DuckDB's native module for that platform, as VS Code extensions ship native code. The
// bindings for the target are fetched with `npm pack` (the ordinary npm client) unless installed.
// Targets: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];
const target = process.argv[2];
if (!TARGETS.includes(target)) {
  process.stderr.write(
    `usage: node scripts/package-platform.mjs <${TARGETS.join('|')}> (got '${target ?? ''}')\n`,
  );
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const version = JSON.parse(readFileSync('node_modules/@duckdb/node-bindings/package.json', 'utf8')).version;
const into = 'dist/node_modules/@duckdb';
rmSync('dist/node_modules', { recursive: true, force: true });
mkdirSync(into, { recursive: true });
execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
for (const name of ['node-api', 'node-bindings'])
  cpSync(`node_modules/@duckdb/${name}`, `${into}/${name}`, { recursive: true });
const binding = `node-bindings-${target}`;
if (existsSync(`node_modules/@duckdb/${binding}`)) {
  cpSync(`node_modules/@duckdb/${binding}`, `${into}/${binding}`, { recursive: true });
} else {
  const scratch = mkdtempSync(join(tmpdir(), 'normscope-pack-'));
  const tarball = execFileSync(
    npm,
    ['pack', `@duckdb/${binding}@${version}`, '--pack-destination', scratch],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop();
  mkdirSync(`${into}/${binding}`, { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(scratch, tarball),
    '-C',
    `${into}/${binding}`,
    '--strip-components',
    '1',
  ]);
  rmSync(scratch, { recursive: true, force: true });
}
// detect-libc is node-bindings' one dependency.
cpSync('node_modules/detect-libc', 'dist/node_modules/detect-libc', { recursive: true });
// The generic .vscodeignore keeps dist/node_modules out; this package's own ignore file lets it in.
const ignoreFile = 'dist/.vscodeignore-platform';
writeFileSync(ignoreFile, `${readFileSync('.vscodeignore', 'utf8').trimEnd()}\n!dist/node_modules/**\n`);
try {
  execFileSync(
    'npx',
    [
      'vsce',
      'package',
      '--no-dependencies',
      '--ignoreFile',
      ignoreFile,
      '--target',
      target,
      '--out',
      `dist/normscope-${target}.vsix`,
    ],
    { stdio: 'inherit' },
  );
} finally {
  // The copies are for the package only; the extension run from the repository finds node_modules.
  rmSync('dist/node_modules', { recursive: true, force: true });
  rmSync(ignoreFile, { force: true });
}
