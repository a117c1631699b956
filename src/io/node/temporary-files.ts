/**
 * The temporary files outputs are written to before they move into place (atomic-output.ts): named
 * `.<target>.<pid>.<8 hex>.tmp` beside the target, known to this process while they exist, removed
 * synchronously when the process is interrupted (SIGINT, SIGTERM), and removed by a later run when the
 * process that wrote one is gone (killed before it could clean up).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const live = new Set<string>();

const OURS = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function temporaryPathFor(target: string): string {
  return join(
    dirname(resolve(target)),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Marks `path` as this process's until `release`: an interrupt removes it. */
export function holdTemporary(path: string): void {
  live.add(path);
}

export function releaseTemporary(path: string): void {
  live.delete(path);
}

/** Removes every temporary file this process holds, now (signal handlers cannot wait). */
export function removeHeldTemporaries(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // never created, or already gone
    }
  }
  live.clear();
}

function processIsGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

/** Removes our temporary files in `dir` whose writing process no longer exists; returns their names. */
export function removeStaleTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = OURS.exec(name);
    if (!match || !processIsGone(Number(match[1]))) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // another run removed it first, or it is not ours to remove
    }
  }
  return removed;
}

/**
 * On SIGINT or SIGTERM: removes the temporary files held, says so in one line on stderr and exits
 * (130 for Ctrl-C, 143 for SIGTERM, as shells report them). For command-line hosts.
 */
export function exitCleanlyOnInterrupt(program: string): void {
  const onSignal = (signal: 'SIGINT' | 'SIGTERM', status: number) => () => {
    removeHeldTemporaries();
    const what = signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
    process.stderr.write(`${program}: interrupted: ${what}; no output was written\n`);
    process.exit(status);
  };
  process.on('SIGINT', onSignal('SIGINT', 130));
  process.on('SIGTERM', onSignal('SIGTERM', 143));
}
