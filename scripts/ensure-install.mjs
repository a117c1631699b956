// Runs before `npm start` and `npm test`: on a fresh clone node_modules is missing, so install it first.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const installed = existsSync('node_modules/.package-lock.json') && existsSync('node_modules/esbuild');
if (!installed) {
  console.log('normscope: node_modules is missing; running npm ci');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
