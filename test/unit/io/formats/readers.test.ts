// The pure readers on bytes: JSON Lines round trips (fast-check), and every reader given arbitrary or
// cut bytes either reads them or throws an InputError — never another exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../../../src/io/errors';
import { JsonLinesReader, readJsonLines } from '../../../../src/io/formats/json-lines';
import { readArrow } from '../../../../src/io/formats/arrow';
import { readNpz } from '../../../../src/io/formats/npz';
import { readParquetTable } from '../../../../src/io/formats/parquet';
import { readXlsx } from '../../../../src/io/formats/xlsx';
import { decodePngImage } from '../../../../src/io/images/png';
import { decodeImageBytes } from '../../../../src/io/node/image-files';
import { asyncBuffer, WRITTEN_ARROW, WRITTEN_LABELS, WRITTEN_PARQUET, WRITTEN_X } from './written-tables';

const encoder = new TextEncoder();

const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(null));
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !k.includes('.') && k !== '__proto__');

test('readJsonLines reads back every number of flat numeric objects, split into chunks anywhere', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(key, { minLength: 1, maxLength: 5 }),
      fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 1, max: 50 }),
      (keys, rows, chunk) => {
        const text =
          rows.map((row) => JSON.stringify(Object.fromEntries(keys.map((k, j) => [k, row[j]])))).join('\n') +
          '\n';
        const bytes = encoder.encode(text);
        const reader = new JsonLinesReader();
        for (let at = 0; at < bytes.length; at += chunk) reader.push(bytes.subarray(at, at + chunk));
        const table = reader.finish();
        assert.equal(table.rowCount, rows.length);
        // JSON.stringify writes integer-like keys first, so that is the order of the text
        const written = Object.keys(Object.fromEntries(keys.map((k) => [k, 0])));
        assert.deepEqual(
          table.columns.map((c) => c.name),
          written,
        );
        table.columns.forEach((column) => {
          const j = keys.indexOf(column.name);
          assert.equal(column.kind, 'numeric');
          rows.forEach((row, i) => {
            const expected = row[j] === null ? NaN : Object.is(row[j], -0) ? 0 : row[j];
            assert.ok(
              Object.is(column.values[i], expected) || (column.values[i] === 0 && expected === 0),
              `${column.values[i]} vs ${expected}`,
            );
          });
          assert.equal(column.missing, rows.filter((row) => row[j] === null).length);
        });
      },
    ),
  );
});

test('readJsonLines keeps the columns in the order of the text, integer-like keys included', () => {
  const table = readJsonLines(
    encoder.encode('{"b": 1, "0": 2, "a": {"1": 3, "z": [4, {"9": 5}]}, "10": "t"}\n'),
  );
  assert.deepEqual(
    table.columns.map((c) => c.name),
    ['b', '0', 'a.1', 'a.z', '10'],
  );
  assert.deepEqual(table.columns[3].texts, ['[4,{"9":5}]']);
});

test('readJsonLines on arbitrary text reads it or throws an InputError naming the line', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (text) => {
      try {
        readJsonLines(encoder.encode(text), { file: 'x.jsonl' });
      } catch (error) {
        assert.ok(error instanceof InputError, String(error));
        assert.match(error.message, /^x\.jsonl(:\d+)?(:\d+)?: /);
      }
    }),
  );
});

const parquet = WRITTEN_PARQUET;
const arrow = WRITTEN_ARROW;

async function throwsOnlyInputErrors(read: () => unknown): Promise<void> {
  try {
    await read();
  } catch (error) {
    assert.ok(error instanceof InputError, `${String(error)}`);
  }
}

test('each reader given its file cut short at any length, or with bytes flipped, reads or throws an InputError', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 255 }),
      async (cut, flip) => {
        for (const [bytes, read] of [
          [parquet, (b: Uint8Array) => readParquetTable(asyncBuffer(b))],
          [arrow, (b: Uint8Array) => readArrow(b)],
          [new Uint8Array(0), (b: Uint8Array) => readNpz(b)],
          [encoder.encode('PK\x03\x04 not really a zip'), (b: Uint8Array) => readXlsx(b)],
          [encoder.encode('\x89PNG\r\n\x1a\n...'), (b: Uint8Array) => decodePngImage(b)],
          [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), (b: Uint8Array) => decodeImageBytes(b)],
          [
            encoder.encode('RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10'),
            (b: Uint8Array) => decodeImageBytes(b),
          ],
        ] as const) {
          const short = bytes.slice(0, Math.floor(bytes.length * cut));
          await throwsOnlyInputErrors(() => read(short));
          const flipped = bytes.slice();
          if (flipped.length > 0) flipped[Math.floor(cut * (flipped.length - 1))] ^= flip;
          await throwsOnlyInputErrors(() => read(flipped));
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('readParquetTable and readArrow read back what the writers wrote: numbers, text and missing cells', async () => {
  for (const { table } of [await readParquetTable(asyncBuffer(parquet)), readArrow(arrow)]) {
    assert.equal(table.rowCount, 300);
    assert.deepEqual(Array.from(table.columns[0].values), Array.from(WRITTEN_X));
    assert.deepEqual(table.columns[1].texts, WRITTEN_LABELS);
    assert.equal(table.columns[1].missing, 43);
  }
});
