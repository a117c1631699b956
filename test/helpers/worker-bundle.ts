/** The worker bundle (src/io/node/worker.ts) built the way esbuild.mjs builds dist/worker.cjs, into a temp dir. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

let built: string | undefined;

export function testWorkerBundle(): string {
  if (built) return built;
  const outfile = join(mkdtempSync(join(tmpdir(), 'normscope-worker-')), 'worker.cjs');
  buildSync({
    entryPoints: [join(import.meta.dirname, '..', '..', 'src', 'io', 'node', 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  return (built = outfile);
}
