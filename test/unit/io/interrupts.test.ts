import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { CLI_PATH, scratchDir } from '../../helpers/cli';
import { readDataFile, selectColumns, writeLike } from '../../../src/io/node/data-files';
import { removeStaleTemporaries } from '../../../src/io/node/temporary-files';
import { matrix } from '../../../src/engine/scale/matrix';

/** A numeric CSV of about `megabytes` MB (header a..d). */
async function bigCsv(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('a,b,c,d\n');
  const line = (i: number) => `${i * 0.001},${(i % 997) / 7},${-i},${Math.sqrt(i)}\n`;
  for (let written = 0, i = 0; written < megabytes * 1e6;) {
    let chunk = '';
    for (let k = 0; k < 2000; k++) chunk += line(i++);
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Starts a CLI normalize, waits until its temporary output exists, sends `signal`; returns the exit. */
async function interruptMidWrite(
  dir: string,
  input: string,
  signal: NodeJS.Signals,
  flags: string[],
  output = 'out.csv',
) {
  const child = spawn(
    process.execPath,
    [CLI_PATH, 'normalize', input, '--method', 'zscore', '--out', join(dir, output), ...flags],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  let sawTemporary = false;
  for (let waited = 0; waited < 60000 && child.exitCode === null; waited += 20) {
    if (readdirSync(dir).some((name) => name.endsWith('.tmp'))) {
      sawTemporary = true;
      break;
    }
    await sleep(20);
  }
  child.kill(signal);
  const [status] = await exited;
  return { status, stderr, sawTemporary };
}

test('normscope normalize interrupted by SIGINT or SIGTERM mid-write leaves only the input, in memory and by passes', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(dir, 'big.csv');
    await bigCsv(input, 40);
    for (const [signal, status, word] of [
      ['SIGINT', 130, 'Ctrl-C'],
      ['SIGTERM', 143, 'SIGTERM'],
    ] as const) {
      for (const flags of [[], ['--stream-above', '0']]) {
        const run = await interruptMidWrite(dir, input, signal, flags);
        const where = `${signal} ${flags.join(' ')}: ${run.stderr}`;
        assert.ok(run.sawTemporary, `no temporary output appeared (${where})`);
        assert.equal(run.status, status, where);
        assert.match(run.stderr, new RegExp(`interrupted: ${word}; no output was written`), where);
        assert.deepEqual(readdirSync(dir), ['big.csv'], where);
      }
    }
  } finally {
    cleanup();
  }
});

test('normscope normalize of a CSV to .parquet and .jsonl interrupted mid-write leaves only the input, in memory and by passes', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(dir, 'big.csv');
    await bigCsv(input, 40);
    for (const output of ['out.parquet', 'out.jsonl'])
      for (const flags of [[], ['--stream-above', '0']]) {
        const run = await interruptMidWrite(dir, input, 'SIGINT', flags, output);
        const where = `${output} ${flags.join(' ')}: ${run.stderr}`;
        assert.ok(run.sawTemporary, `no temporary output appeared (${where})`);
        assert.equal(run.status, 130, where);
        assert.match(run.stderr, /interrupted: Ctrl-C; no output was written/, where);
        assert.deepEqual(readdirSync(dir), ['big.csv'], where);
      }
  } finally {
    cleanup();
  }
});

test('normscope normalize of a JSON Lines file by passes, interrupted mid-write, leaves only the input', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(dir, 'big.jsonl');
    const out = createWriteStream(input);
    for (let written = 0, i = 0; written < 40e6;) {
      let chunk = '';
      for (let k = 0; k < 2000; k++, i++)
        chunk += `{"a":${i * 0.001},"b":${(i % 997) / 7},"label":"row ${i % 13}"}\n`;
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    for (const output of ['out.jsonl', 'out.parquet']) {
      const run = await interruptMidWrite(dir, input, 'SIGINT', ['--stream-above', '0'], output);
      const where = `${output}: ${run.stderr}`;
      assert.ok(run.sawTemporary, `no temporary output appeared (${where})`);
      assert.equal(run.status, 130, where);
      assert.match(run.stderr, /interrupted: Ctrl-C; no output was written/, where);
      assert.deepEqual(readdirSync(dir), ['big.jsonl'], where);
    }
  } finally {
    cleanup();
  }
});

test('removeStaleTemporaries removes our temporary files whose process is gone, and keeps live and foreign ones', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const names = [
      `.out.csv.${gone}.0123abcd.tmp`, // killed before it could clean up
      `.out.csv.${process.pid}.89abcdef.tmp`, // this process: live
      '.notes.tmp', // not ours
      'data.csv',
    ];
    for (const name of names) writeFileSync(join(dir, name), 'x');
    assert.deepEqual(removeStaleTemporaries(dir), [names[0]]);
    assert.deepEqual(readdirSync(dir).sort(), names.slice(1).sort());
    // and a CLI write into the folder clears it too
    writeFileSync(join(dir, names[0]), 'x');
    writeFileSync(join(dir, 'in.csv'), 'a\n1\n2\n');
    const result = spawnSync(process.execPath, [
      CLI_PATH,
      'normalize',
      join(dir, 'in.csv'),
      '--method',
      'minmax',
      '--out',
      join(dir, 'o.csv'),
    ]);
    assert.equal(result.status, 0, String(result.stderr));
    assert.equal(existsSync(join(dir, names[0])), false);
  } finally {
    cleanup();
  }
});

test("writeLike stops when its signal aborts mid-write (the extension's Cancel) and leaves no temporary file", async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(dir, 'mid.csv');
    await bigCsv(input, 6);
    const data = await readDataFile(input);
    const selection = selectColumns(data);
    const controller = new AbortController();
    let chunks = 0;
    const result = matrix(
      new Float64Array(selection.matrix.data),
      selection.matrix.rows,
      selection.matrix.cols,
    );
    const aborting = new Proxy(result, {
      get(target, key, receiver) {
        if (key === 'data' && ++chunks === 2) controller.abort(new Error('cancelled'));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    await assert.rejects(
      writeLike(data, selection, aborting, join(dir, 'out.csv'), { signal: controller.signal }),
      /cancelled/,
    );
    assert.ok(chunks >= 2, 'the output was cancelled before it started');
    assert.deepEqual(readdirSync(dir), ['mid.csv']);
  } finally {
    cleanup();
  }
});
