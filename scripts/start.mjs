// `npm start`: the main job. For now it runs the CLI on a sample table: statistics before and after
// z-score normalization (the extension issue turns this into opening VS Code on samples/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (...args) => execFileSync(process.execPath, ['dist/cli.cjs', ...args], { stdio: 'inherit' });
const sample = 'samples/housing.csv';
const scratch = mkdtempSync(join(tmpdir(), 'normscope-start-'));
try {
  const normalized = join(scratch, 'housing.zscore.csv');
  console.log(`\n== ${sample}: statistics before ==`);
  cli('stats', sample);
  cli('normalize', sample, '--method', 'zscore', '--out', normalized);
  console.log(`\n== after z-score (written to ${normalized}) ==`);
  cli('stats', normalized);
  console.log('\n== where BatchNorm2d reduces on [32, 64, 56, 56] ==');
  cli('explain', 'batchnorm', '--framework', 'torch', '--shape', '32,64,56,56');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
