import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesSource, CHUNK_BYTES, writeAll, type OutputSink } from '../../../src/io/byte-source';
import { readCsvSourcePrefix, readCsvSourceTable } from '../../../src/io/csv/csv-source';
import type { CsvTable } from '../../../src/io/csv/table';
import { readDataSource, selectColumns, writeLikeTo } from '../../../src/io/data-file';
import { readCsvTable } from '../../../src/io/node/csv-file';
import { readDataFile, writeLike } from '../../../src/io/node/data-files';
import { createScaler } from '../../../src/engine/scale/registry';
import { generateNumericCsv } from '../../../bench/generate-csv.mjs';
import { scratchDir } from '../../helpers/cli';

const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

/** An output that keeps what it is given in memory, and records how it ended. */
function memorySink(failOn?: 'write' | 'commit') {
  const parts: (string | Uint8Array)[] = [];
  let ended: 'committed' | 'aborted' | undefined;
  const sink: OutputSink = {
    write: (part) =>
      failOn === 'write' ? Promise.reject(new Error('disk full')) : (parts.push(part), Promise.resolve()),
    commit: () =>
      failOn === 'commit'
        ? Promise.reject(new Error('rename failed'))
        : ((ended = 'committed'), Promise.resolve()),
    abort: () => ((ended = 'aborted'), Promise.resolve()),
  };
  const bytes = () => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return { sink, bytes, ended: () => ended };
}

test('bytesSource hands out CHUNK_BYTES views in order and a prefix with the full size', async () => {
  const bytes = new Uint8Array(CHUNK_BYTES * 2 + 5).map((_, i) => i % 251);
  const source = bytesSource('x.bin', bytes);
  const sizes: number[] = [];
  let last = -1;
  await source.chunks((chunk) => {
    sizes.push(chunk.length);
    last = chunk[chunk.length - 1];
  });
  assert.deepEqual(sizes, [CHUNK_BYTES, CHUNK_BYTES, 5]);
  assert.equal(last, (bytes.length - 1) % 251);
  const { prefix, size } = await source.prefix(10);
  assert.deepEqual(Array.from(prefix), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(size, bytes.length);
});

test("readCsvSourceTable over bytes gives readCsvTable's table, or its error, for scikit-learn's bundled CSVs", async (t) => {
  if (!existsSync(SKLEARN_DATA)) return t.skip(`${SKLEARN_DATA} is not installed (python3-sklearn)`);
  const outcome = (read: Promise<CsvTable>) =>
    read.then(
      (table) => ({
        rows: table.rowCount,
        dialect: table.dialect,
        columns: table.columns.map((c) => [c.name, c.kind, Array.from(c.values)]),
      }),
      (error: Error) => ({ error: error.message }),
    );
  const names = readdirSync(SKLEARN_DATA).filter((name) => name.endsWith('.csv'));
  assert.ok(names.length >= 4);
  let tables = 0;
  for (const name of names) {
    const file = join(SKLEARN_DATA, name);
    const fromDisk = await outcome(readCsvTable(file));
    const fromBytes = await outcome(
      readCsvSourceTable(bytesSource(file, new Uint8Array(readFileSync(file)))),
    );
    assert.deepEqual(fromBytes, fromDisk, name);
    if ('rows' in fromDisk) tables++;
  }
  // iris and boston read as tables; wine and breast_cancer start with a short metadata row, refused by line and column
  assert.ok(tables >= 2);
});

test('readCsvSourcePrefix over bytes stops at the last whole record within maxBytes and says how much it read', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'numeric.csv');
    await generateNumericCsv(file, 3);
    const bytes = new Uint8Array(readFileSync(file));
    const prefix = await readCsvSourcePrefix(bytesSource(file, bytes), 1e6);
    assert.equal(prefix.complete, false);
    assert.equal(prefix.totalBytes, bytes.length);
    assert.equal(bytes[prefix.bytesRead - 1], 0x0a);
    const lines = new TextDecoder().decode(bytes.subarray(0, prefix.bytesRead)).split('\n').length - 2;
    assert.equal(prefix.table.rowCount, lines);
    const whole = await readCsvSourceTable(bytesSource(file, bytes));
    assert.deepEqual(
      Array.from(prefix.table.columns[3].values),
      Array.from(whole.columns[3].values.subarray(0, lines)),
    );
  } finally {
    cleanup();
  }
});

test('writeLikeTo into memory writes the bytes writeLike writes to disk (CSV with text columns, and .npy)', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    // a 2-d float32 .npy written by NumPy itself
    const npy = join(dir, 'features.npy');
    execFileSync('python3', [
      '-c',
      `import numpy as np; np.save(${JSON.stringify(npy)}, (np.arange(60, dtype=np.float32).reshape(20, 3) ** 1.5))`,
    ]);
    for (const [input, out] of [
      ['samples/housing.csv', 'housing.out.csv'],
      [npy, 'features.out.npy'],
    ]) {
      const onDisk = await readDataFile(input);
      const selection = selectColumns(onDisk);
      const result = createScaler('zscore').fit(selection.matrix).transform(selection.matrix);
      await writeLike(onDisk, selection, result, join(dir, out), {});
      const bytes = new Uint8Array(readFileSync(input));
      const inMemory = await readDataSource(bytesSource(input, bytes));
      const memory = memorySink();
      await writeLikeTo(inMemory, selectColumns(inMemory), result, bytesSource(input, bytes), memory.sink);
      assert.equal(memory.ended(), 'committed');
      assert.ok(memory.bytes().equals(readFileSync(join(dir, out))), `${input}: same bytes as on disk`);
    }
  } finally {
    cleanup();
  }
});

test('writeAll aborts the output when a write or the commit fails, and rethrows', async () => {
  for (const failOn of ['write', 'commit'] as const) {
    const memory = memorySink(failOn);
    await assert.rejects(writeAll(memory.sink, 'a,b\n'), failOn === 'write' ? /disk full/ : /rename failed/);
    assert.equal(memory.ended(), 'aborted');
  }
});
