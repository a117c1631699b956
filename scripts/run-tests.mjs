// Runs every test file with node's own runner (TypeScript through tsx); CI reads its summary lines.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function testFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return testFiles(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

const roots =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : ['test/unit', 'test/browser', 'test/vscode', 'test/web'].filter((dir) => existsSync(dir));
const files = roots.flatMap((root) => (statSync(root).isDirectory() ? testFiles(root) : [root]));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
