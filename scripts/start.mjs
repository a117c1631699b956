// `npm start`: the main job. Packages the extension, installs it into code-server (a real VS Code served
// to the browser) and opens samples/ in it; prints the URL. Ctrl+C stops it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeServerBin } from './install-code-server.mjs';

const port = Number(process.env.PORT ?? 8080);
const home = resolve('.vscode-test/start');
const userData = join(home, 'user-data');
const extensions = join(home, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'workbench.tips.enabled': false,
    },
    null,
    2,
  ),
);

execFileSync(
  process.execPath,
  ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', 'dist/normscope.vsix'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
execFileSync(
  process.execPath,
  [
    codeServerBin,
    '--extensions-dir',
    extensions,
    '--user-data-dir',
    userData,
    '--install-extension',
    'dist/normscope.vsix',
    '--force',
  ],
  {
    stdio: 'ignore',
  },
);

const server = spawn(
  process.execPath,
  [
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
    resolve('samples'),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve('samples'))}`;
console.log(`\nNormScope is installed in VS Code (code-server) on samples/:\n\n  ${url}\n`);
console.log(
  'Try: right-click housing.csv → "Normalize CSV File…"; in arrays.py select a literal → "Normalize Selection".',
);
console.log('Ctrl+C stops the server. (The CLI: node dist/cli.cjs --help)\n');
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
