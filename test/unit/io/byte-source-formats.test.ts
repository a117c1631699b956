// The web extension's reader (readDataSource over bytes, as workspace.fs hands them) against the Node
// hosts' (readDataFile on disk) on files other writers made: DuckDB's Parquet (several codecs and
// row-group sizes) and JSON Lines of scikit-learn's wine and vega's Seattle weather, vega-datasets' own
// Arrow IPC file, NumPy's .npz. Every selected column is the same, bit for bit; formats whose reader
// needs Node are refused with the file named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesSource, type OutputSink } from '../../../src/io/byte-source';
import { checkSameKind, readDataSource, selectColumns, writeLikeTo } from '../../../src/io/data-file';
import { readNpz } from '../../../src/io/formats/npz';
import { readDataFile, writeLike } from '../../../src/io/node/data-files';
import { InputError } from '../../../src/io/errors';
import { scratchDir } from '../../helpers/cli';
import { duckdb, hasPython, PARQUET_VARIANTS, python, REAL_TABLES, VEGA_DATA } from './formats/fixtures';

const fromBytes = (file: string, options = {}) =>
  readDataSource(bytesSource(file, new Uint8Array(readFileSync(file))), options);

function assertSameSelection(
  web: Awaited<ReturnType<typeof readDataSource>>,
  node: Awaited<ReturnType<typeof readDataFile>>,
  label: string,
) {
  const a = selectColumns(web);
  const b = selectColumns(node);
  assert.deepEqual(a.names, b.names, label);
  assert.ok(a.matrix.rows > 100, `${label}: ${a.matrix.rows} rows`);
  assert.deepEqual(a.matrix, b.matrix, label);
}

test('Parquet (every codec) and JSON Lines written by DuckDB read from bytes as the Node reader reads them from disk', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    for (const name of ['wine', 'seattle']) {
      const sql = [`create table t as ${REAL_TABLES[name]}`];
      sql.push(`copy t to '${join(dir, `${name}.jsonl`)}' (format json)`);
      sql.push(`copy t to '${join(dir, `${name}.csv`)}' (header true)`);
      for (const { codec, rowGroupSize } of PARQUET_VARIANTS)
        sql.push(
          `copy t to '${join(dir, `${name}-${codec}.parquet`)}' (format parquet, compression ${codec}, row_group_size ${rowGroupSize})`,
        );
      await duckdb(sql);
      const csv = await readDataFile(join(dir, `${name}.csv`));
      for (const { codec } of PARQUET_VARIANTS) {
        const file = join(dir, `${name}-${codec}.parquet`);
        const web = await fromBytes(file);
        assert.equal(web.kind, 'table');
        assertSameSelection(web, await readDataFile(file), `${name} ${codec}`);
        assertSameSelection(web, csv, `${name} ${codec} against its CSV twin`);
      }
      const jsonl = join(dir, `${name}.jsonl`);
      assertSameSelection(await fromBytes(jsonl), await readDataFile(jsonl), `${name} JSON Lines`);
    }
  } finally {
    cleanup();
  }
});

test("vega-datasets' flights-200k.arrow reads from bytes as from disk (200,000 rows)", async () => {
  const file = join(VEGA_DATA, 'flights-200k.arrow');
  const web = await fromBytes(file);
  assert.equal(web.kind === 'table' && web.data.table.rowCount, 200000);
  assertSameSelection(web, await readDataFile(file), 'flights-200k.arrow');
});

test(
  'an .npz written by NumPy reads from bytes, its array chosen by name; writeLikeTo replaces that array only',
  { skip: !hasPython('numpy') },
  async () => {
    const { dir, cleanup } = scratchDir();
    try {
      python(`
import numpy as np
from sklearn.datasets import load_wine
x = load_wine().data
np.savez_compressed('${dir}/wine.npz', labels=load_wine().target.astype(np.int64), features=x)
`);
      const file = join(dir, 'wine.npz');
      const web = await fromBytes(file, { array: 'features' });
      assert.equal(web.kind === 'npz' && web.name, 'features');
      assertSameSelection(web, await readDataFile(file, { array: 'features' }), 'wine.npz features');
      const selection = selectColumns(web);
      const doubled = { ...selection.matrix, data: selection.matrix.data.map((v) => 2 * v) };
      const parts: Uint8Array[] = [];
      const sink: OutputSink = {
        write: (part) => Promise.resolve(void parts.push(part as Uint8Array)),
        commit: () => Promise.resolve(),
        abort: () => Promise.resolve(),
      };
      await writeLikeTo(web, selection, doubled, bytesSource(file, new Uint8Array()), sink, {
        target: join(dir, 'out.npz'),
      });
      const written = readNpz(parts[0], 'features');
      assert.deepEqual(written.names.sort(), ['features', 'labels']);
      assert.equal(written.array.data[0], 2 * selection.matrix.data[0]);
      assert.deepEqual(readNpz(parts[0], 'labels').array, readNpz(readFileSync(file), 'labels').array);
    } finally {
      cleanup();
    }
  },
);

test('formats whose reader needs Node are refused from bytes with the file named; table outputs say where they are written', async () => {
  await assert.rejects(
    readDataSource(bytesSource('book.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))),
    (error: unknown) =>
      error instanceof InputError &&
      /book\.xlsx/.test(error.message) &&
      /VS Code desktop/.test(error.message),
  );
  await assert.rejects(
    readDataSource(bytesSource('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))),
    (error: unknown) => error instanceof InputError && /photo\.png/.test(error.message),
  );
  const web = await fromBytes(join(VEGA_DATA, 'flights-200k.arrow'));
  assert.throws(() => checkSameKind(web, 'out.arrow'), /written by VS Code desktop/);
});

test("a table's export as CSV from bytes equals the Node writer's, text columns included (vega's flights-200k.arrow)", async () => {
  const file = join(VEGA_DATA, 'flights-200k.arrow');
  const web = await fromBytes(file);
  const selection = selectColumns(web);
  const halved = { ...selection.matrix, data: selection.matrix.data.map((v) => v / 2) };
  let text = '';
  let committed = false;
  const sink: OutputSink = {
    write: (part) => Promise.resolve(void (text += part as string)),
    commit: () => Promise.resolve(void (committed = true)),
    abort: () => Promise.resolve(),
  };
  await writeLikeTo(web, selection, halved, bytesSource(file, new Uint8Array()), sink, { target: 'out.csv' });
  assert.ok(committed);
  const { dir, cleanup } = scratchDir();
  try {
    const target = join(dir, 'out.csv');
    await writeLike(await readDataFile(file), selection, halved, target, {});
    assert.equal(text, readFileSync(target, 'utf8'));
    assert.equal(text.split('\n').length, 200002);
  } finally {
    cleanup();
  }
});
