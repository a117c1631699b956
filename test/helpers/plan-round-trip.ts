// The command-line path a panel's "Apply advice" must match: advise --write-plan, fit --plan, transform.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from './cli';

/** Runs the three commands on `input` with files in `dir`; returns the plan, params and output paths. */
export function cliPlanRoundTrip(
  input: string,
  dir: string,
  prefix = 'cli',
): { plan: string; params: string; output: string } {
  const plan = join(dir, `${prefix}.plan.json`);
  const params = join(dir, `${prefix}.params.json`);
  const output = join(dir, `${prefix}.out.csv`);
  for (const args of [
    ['advise', input, '--write-plan', plan],
    ['fit', input, '--plan', plan, '--out', params],
    ['transform', input, '--params', params, '--out', output],
  ]) {
    const result = runCli(args);
    assert.equal(result.status, 0, `normscope ${args.join(' ')}: ${result.stderr}`);
  }
  return { plan, params, output };
}
