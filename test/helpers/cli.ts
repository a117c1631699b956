// Runs the built CLI (dist/cli.cjs, built by `npm test` before the suites) as a separate process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in an English locale (its messages follow LC_ALL / LC_MESSAGES / LANG), unless `locale`
 * sets those variables otherwise.
 */
export function runCli(
  args: string[],
  cwd?: string,
  locale: { LC_ALL?: string; LC_MESSAGES?: string; LANG?: string } = {},
): CliResult {
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...locale };
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function scratchDir(prefix = 'normscope-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
