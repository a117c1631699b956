// Damaged Parquet and Arrow files end with an InputError, never a loop: every byte of a file flipped in
// turn, and the damages that once sent hyparquet or apache-arrow into a loop without end (a page header
// missing its level lengths; a negative message length; a footer block pointing at the schema; a record
// batch length far beyond its buffers; a schema with phantom fields).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../../src/io/errors';
import { readArrow } from '../../../../src/io/formats/arrow';
import { readParquetTable } from '../../../../src/io/formats/parquet';
import { asyncBuffer, WRITTEN_ARROW, WRITTEN_PARQUET } from './written-tables';

const parquet = WRITTEN_PARQUET;
const arrow = WRITTEN_ARROW;
const readParquet = (bytes: Uint8Array) => readParquetTable(asyncBuffer(bytes));

function flipped(bytes: Uint8Array, at: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] ^= mask;
  return copy;
}

/** The read's error message, or undefined when it reads; anything but an InputError fails the test. */
async function outcome(read: () => unknown): Promise<string | undefined> {
  try {
    await read();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    assert.doesNotMatch(error.message, /\n/);
    return error.message;
  }
}

test('the damages that looped hyparquet and apache-arrow are refused, naming where', async () => {
  assert.match(
    (await outcome(() => readParquet(flipped(parquet, 10, 128))))!,
    /^corrupt Parquet: column x, row group 0: page header at byte 4: a data page \(v2\) header without/,
  );
  assert.match(
    (await outcome(() => readArrow(flipped(arrow, 8, 1))))!,
    /^corrupt or truncated Arrow IPC: message at byte 8: metadata of -2 bytes/,
  );
  assert.match(
    (await outcome(() => readArrow(flipped(arrow, 30, 170))))!,
    /footer at byte \d+: record batch block 0 points at byte 8, where no record batch message starts/,
  );
  assert.match(
    (await outcome(() => readArrow(flipped(arrow, 83, 8))))!,
    /^corrupt or truncated Arrow IPC: column x: a record batch of 134218028 rows with a values buffer for 300$/,
  );
  assert.ok(await outcome(() => readArrow(flipped(arrow, 95, 4))));
  // The undamaged files still read.
  assert.equal((await readParquet(parquet)).table.rowCount, 300);
  assert.equal(readArrow(arrow).table.rowCount, 300);
});

test('every byte of a Parquet and an Arrow file flipped in turn reads or throws an InputError', async () => {
  let refused = 0;
  for (const mask of [0x08, 0x80]) {
    for (let at = 0; at < parquet.length; at++)
      if (await outcome(() => readParquet(flipped(parquet, at, mask)))) refused++;
    for (let at = 0; at < arrow.length; at++)
      if (await outcome(() => readArrow(flipped(arrow, at, mask)))) refused++;
  }
  console.log(`${refused} of ${2 * (parquet.length + arrow.length)} one-byte damages refused, the rest read`);
  assert.ok(refused > 0);
});
