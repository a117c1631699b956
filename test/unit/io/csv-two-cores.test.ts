// readCsvTable on two cores (a worker reads the file's last part) gives exactly the one-thread table,
// and exactly its errors: for quoted fields, embedded line ends, missing values, text columns, CRLF,
// and splits that land inside a quoted field (this thread then reads on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readCsvTable } from '../../../src/io/node/csv-file';
import { useWorkerBundle } from '../../../src/io/node/worker-bundle';
import type { CsvTable } from '../../../src/io/csv/table';
import { testWorkerBundle } from '../../helpers/worker-bundle';

const dir = mkdtempSync(join(tmpdir(), 'normscope-two-cores-'));
let files = 0;

/** The table (or error message) read on one thread and on two; the worker part starts at any size. */
async function bothWays(text: string, keepRows = 2): Promise<[CsvTable | string, CsvTable | string]> {
  const file = join(dir, `t${files++}.csv`);
  writeFileSync(file, text);
  const read = async (twoCores: boolean): Promise<CsvTable | string> => {
    useWorkerBundle(twoCores ? testWorkerBundle() : undefined);
    try {
      return await readCsvTable(file, { keepRows, twoCoresFromBytes: 0 });
    } catch (error) {
      return (error as Error).message;
    } finally {
      useWorkerBundle(undefined);
    }
  };
  return [await read(false), await read(true)];
}

/** Tables compared field by field, numbers by their bits (NaN, −0). */
function assertSameTable(one: CsvTable | string, two: CsvTable | string): void {
  if (typeof one === 'string' || typeof two === 'string') {
    assert.equal(two, one);
    return;
  }
  assert.deepEqual([two.rowCount, two.dialect, two.firstRows], [one.rowCount, one.dialect, one.firstRows]);
  assert.equal(two.columns.length, one.columns.length);
  one.columns.forEach((column, j) => {
    const other = two.columns[j];
    assert.deepEqual(
      [other.name, other.kind, other.count, other.missing, other.values.length],
      [column.name, column.kind, column.count, column.missing, column.values.length],
    );
    column.values.forEach((v, i) => assert.ok(Object.is(v, other.values[i]), `column ${j} row ${i}`));
  });
}

test('two cores read the same table as one, for any mix of numbers, missing, quoted and text fields (fast-check)', async () => {
  const field = fc.oneof(
    { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
    { weight: 2, arbitrary: fc.integer({ min: -999, max: 999 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', 'NA', '"1.5"', '"a,\nb"', 'text', '-0', 'inf') },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 80 }),
      fc.constantFrom('\n', '\r\n'),
      async (rows, newline) => {
        const text = ['a,b,c', ...rows.map((r) => r.join(','))].join(newline) + newline;
        const [one, two] = await bothWays(text);
        assertSameTable(one, two);
      },
    ),
    { numRuns: 60 },
  );
});

test('a split inside a quoted field with line ends falls back to one thread, same table', async () => {
  const quoted = `"${'line\n'.repeat(2000)}"`;
  const text = `x,note\n1,short\n2,${quoted}\n3,end\n`;
  const [one, two] = await bothWays(text);
  assert.equal(typeof one, 'object');
  assertSameTable(one, two);
  assert.equal((two as CsvTable).rowCount, 3);
});

test('errors in the worker’s part are reported as one thread reports them (file, line, column)', async () => {
  const good = Array.from({ length: 500 }, (_, i) => `${i},${i / 3}`).join('\n');
  for (const bad of ['1,2,3', '4,"unterminated', '5,"a"b']) {
    const [one, two] = await bothWays(`a,b\n${good}\n${bad}\n6,7\n`);
    assert.equal(typeof one, 'string', bad);
    assert.match(one as string, /t\d+\.csv:502:\d+/, 'the line of the bad row, counted from the file start');
    assert.equal(two, one);
  }
});
