// Printing a normalized CSV on two cores gives the same text as on one: the worker (bundled here from
// its source as esbuild.mjs bundles dist/worker.cjs) prints the second half of each batch, this
// thread the first; a worker that cannot start costs speed, not output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatNumericLines } from '../../../src/io/csv/writer';
import { LineFormatter, useWorkerBundle } from '../../../src/io/node/line-formatter';

/** The printed parts (this thread's text, the worker's UTF-8 bytes) as one text. */
const joined = (parts: (string | Uint8Array)[]) =>
  parts.map((part) => (typeof part === 'string' ? part : new TextDecoder().decode(part))).join('');
import { testWorkerBundle } from '../../helpers/worker-bundle';

const scratch = mkdtempSync(join(tmpdir(), 'normscope-format-'));

test('LineFormatter on two cores prints exactly formatNumericLines, for any numbers and column order (fast-check)', async () => {
  useWorkerBundle(testWorkerBundle());
  const formatter = new LineFormatter();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 5e-324)), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.integer({ min: 512, max: 3000 }),
        fc.constantFrom(',', ';', '\t'),
        async (seeds, rows, delimiter) => {
          const cols = 3;
          const data = Float64Array.from({ length: rows * cols }, (_, i) => seeds[i % 3] * (1 + (i % 7)));
          const slots = Int32Array.from([2, 0, 1]);
          const expected = formatNumericLines(data, rows, cols, slots, delimiter);
          const text = joined(await formatter.format({ data, rows, cols, slots, delimiter }));
          assert.equal(text, expected);
          assert.equal(text.split('\n').length, rows + 1);
        },
      ),
      { numRuns: 20 },
    );
    assert.ok(formatter.workerBatches >= 20, 'batches of 512+ rows went through the worker');
  } finally {
    await formatter.close();
    useWorkerBundle(undefined);
  }
});

test('without a worker (none enabled, or a batch under 512 rows) everything is printed on this thread', async () => {
  const formatter = new LineFormatter();
  const data = Float64Array.from([0.1, -2, NaN, 1e21, -0, Infinity]);
  const text = joined(
    await formatter.format({
      data,
      rows: 2,
      cols: 3,
      slots: Int32Array.from([0, 1, 2]),
      delimiter: ',',
    }),
  );
  assert.equal(text, '0.1,-2,\n1e+21,0,inf\n');
  assert.equal(formatter.workerBatches, 0);
  await formatter.close();
});

test('a worker that fails to start (here: a file that throws) leaves the output whole, printed on this thread', async () => {
  const broken = join(scratch, 'broken-worker.cjs');
  writeFileSync(broken, 'throw new Error("no");\n');
  useWorkerBundle(broken);
  const formatter = new LineFormatter();
  try {
    const data = Float64Array.from({ length: 2000 }, (_, i) => i / 7);
    const slots = Int32Array.from([0, 1]);
    for (let round = 0; round < 2; round++) {
      const text = joined(await formatter.format({ data, rows: 1000, cols: 2, slots, delimiter: ',' }));
      assert.equal(text, formatNumericLines(data, 1000, 2, slots, ','));
    }
    assert.equal(formatter.workerBatches, 0);
  } finally {
    await formatter.close();
    useWorkerBundle(undefined);
  }
});
