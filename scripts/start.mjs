// `npm start`: the main job. Packages the extension, installs it into code-server (a real VS Code served
// to the browser) and opens samples/ in it; prints the URL. Ctrl+C stops it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { packageVsix, prepareProfile, serveArgs } from './install-code-server.mjs';

const port = Number(process.env.PORT ?? 8080);
const home = resolve('.vscode-test/start');
const { userData, extensions } = prepareProfile(
  home,
  {
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'workbench.tips.enabled': false,
  },
  packageVsix(),
);

const server = spawn(
  process.execPath,
  serveArgs({ port, userData, extensions, folder: resolve('samples') }),
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
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
