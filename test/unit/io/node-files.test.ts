import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvTable, sniffCsvFile } from '../../../src/io/node/csv-file';
import { AtomicOutput, writeFileAtomic } from '../../../src/io/node/atomic-output';
import { InputError } from '../../../src/io/errors';
import { scratchDir } from '../../helpers/cli';

test('readCsvTable streams a 3 MB file whose quoted fields straddle the 1 MiB chunk boundaries', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'big.csv');
    const rows = 60000;
    const lines = ['label,value,note'];
    for (let i = 0; i < rows; i++) lines.push(`"row ${i}, quoted",${i * 0.5},"line one\nline two é"`);
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    const table = await readCsvTable(file, { keepRows: 1 });
    assert.equal(table.rowCount, rows);
    assert.deepEqual(table.firstRows[0], ['row 0, quoted', '0', 'line one\nline two é']);
    const value = table.columns[1];
    assert.equal(value.kind, 'numeric');
    assert.equal(value.values[rows - 1], (rows - 1) * 0.5);
    assert.equal(
      value.values.reduce((s, v) => s + v, 0),
      (0.5 * rows * (rows - 1)) / 2,
    );
  } finally {
    cleanup();
  }
});

test('sniffCsvFile prefers tab for .tsv, finds semicolons, and calls an empty file empty by name', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    writeFileSync(join(dir, 'a.tsv'), 'x\ty\n1\t2\n');
    writeFileSync(join(dir, 'b.csv'), 'x;y\n1,5;2\n3;4\n');
    writeFileSync(join(dir, 'empty.csv'), '');
    const tsv = (await sniffCsvFile(join(dir, 'a.tsv'))).dialect;
    assert.deepEqual([tsv.delimiter, tsv.header], ['\t', true]);
    const semicolons = (await sniffCsvFile(join(dir, 'b.csv'))).dialect;
    assert.deepEqual([semicolons.delimiter, semicolons.header, semicolons.decimal], [';', true, ',']);
    await assert.rejects(
      sniffCsvFile(join(dir, 'empty.csv')),
      (e: unknown) => e instanceof InputError && /empty\.csv: empty file/.test(e.message),
    );
    await assert.rejects(
      sniffCsvFile(join(dir, 'nope.csv')),
      (e: unknown) => e instanceof InputError && /nope\.csv: no such file/.test(e.message),
    );
  } finally {
    cleanup();
  }
});

test('writeFileAtomic refuses the input and an existing file without force, and leaves no temporary file', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(input, 'keep');
    await assert.rejects(
      writeFileAtomic(input, 'x', { force: true, inputs: [input] }),
      /in\.csv: is an input/,
    );
    await writeFileAtomic(output, 'first');
    await assert.rejects(writeFileAtomic(output, 'second'), /out\.csv: already exists; pass --force/);
    await writeFileAtomic(output, 'third', { force: true });
    assert.equal(readFileSync(output, 'utf8'), 'third');
    assert.equal(readFileSync(input, 'utf8'), 'keep');
    assert.deepEqual(readdirSync(dir).sort(), ['in.csv', 'out.csv']);
  } finally {
    cleanup();
  }
});

test('AtomicOutput shows nothing at the target until commit, and abort removes every trace', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const target = join(dir, 'streamed.csv');
    const output = new AtomicOutput(target);
    await output.write('a,b\n');
    await output.write('1,2\n');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f === 'streamed.csv'),
      [],
    );
    await output.commit();
    assert.equal(readFileSync(target, 'utf8'), 'a,b\n1,2\n');
    const discarded = new AtomicOutput(join(dir, 'discarded.csv'));
    await discarded.write('partial');
    await discarded.abort();
    assert.deepEqual(readdirSync(dir), ['streamed.csv']);
  } finally {
    cleanup();
  }
});
