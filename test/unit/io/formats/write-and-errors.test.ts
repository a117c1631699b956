// normalize writes the input's format (Parquet keeps its schema's names, order and non-numeric columns),
// converts when --out names another format, and a corrupt or truncated file of any format is exit 2
// with one line naming the file and the problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir } from '../../../helpers/cli';
import { duckdb, duckdbRows, hasPython, python, REAL_TABLES, VEGA_DATA } from './fixtures';

test("normalize x.parquet --out y.parquet keeps column names, order and types of the columns passed through; DuckDB reads back the CSV twin's numbers", async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const parquet = join(dir, 'seattle.parquet');
    const csv = join(dir, 'seattle.csv');
    await duckdb([
      `create table t as ${REAL_TABLES.seattle}`,
      `copy t to '${parquet}' (format parquet, row_group_size 100)`,
      `copy t to '${csv}' (header true)`,
    ]);
    const out = join(dir, 'out.parquet');
    const outCsv = join(dir, 'out.csv');
    for (const [input, output] of [
      [parquet, out],
      [csv, outCsv],
    ]) {
      const result = runCli([
        'normalize',
        input,
        '--method',
        'zscore',
        '--columns',
        'precipitation,wind',
        '--out',
        output,
      ]);
      assert.equal(result.status, 0, result.stderr);
    }
    const describe = (file: string) =>
      duckdbRows(`select column_name, column_type from (describe select * from '${file}')`);
    const before = await describe(parquet);
    const after = await describe(out);
    assert.deepEqual(
      after,
      before.map(([name, type]) => [name, name === 'precipitation' || name === 'wind' ? 'DOUBLE' : type]),
    );
    const rows = (file: string) => duckdbRows(`select * from '${file}' order by all`);
    const fromParquet = await rows(out);
    const fromCsv = await rows(outCsv);
    assert.equal(fromParquet.length, 1461);
    assert.deepEqual(
      fromParquet.map((r) => r.map(String)),
      fromCsv.map((r) => r.map(String)),
    );
    assert.deepEqual(await rows(`${out}`).then((r) => r[0][0]), (await rows(parquet))[0][0]); // dates kept as dates
  } finally {
    cleanup();
  }
});

test('normalize converts between formats by the --out extension: Parquet to CSV, JSON Lines and Arrow, read back by DuckDB and by stats', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const parquet = join(dir, 'cars.parquet');
    await duckdb([`copy (${REAL_TABLES.cars}) to '${parquet}' (format parquet)`]);
    const outputs = ['cars.csv', 'cars.jsonl', 'cars.arrow', 'cars.xlsx'].map((name) =>
      join(dir, `z-${name}`),
    );
    for (const output of outputs) {
      const result = runCli(['normalize', parquet, '--method', 'minmax', '--out', output]);
      assert.equal(result.status, 0, result.stderr);
    }
    const reports = outputs.map((file) => {
      const result = runCli(['stats', file, '--json']);
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as {
        rows: number;
        columns: { name: string; min: number | null; max: number | null }[];
      };
    });
    for (const report of reports) {
      assert.equal(report.rows, 406);
      const mpg = report.columns.find((c) => c.name === 'Miles_per_Gallon')!;
      assert.equal(mpg.min, 0);
      assert.ok(Math.abs(mpg.max! - 1) < 1e-15, String(mpg.max)); // X·scale + min, as scikit-learn computes it
    }
    assert.deepEqual(reports[1], reports[0]);
    const fromDuck = await duckdbRows(
      `select count(*), min(Horsepower), max(Horsepower) from read_csv('${outputs[0]}')`,
    );
    const [count, min, max] = fromDuck[0].map(Number);
    assert.deepEqual([count, min], [406, 0]);
    assert.ok(Math.abs(max - 1) < 1e-15);
  } finally {
    cleanup();
  }
});

test('a truncated or corrupt file of every format is exit 2 with one line naming the file and what is wrong', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const parquet = join(dir, 'whole.parquet');
    const jsonl = join(dir, 'whole.jsonl');
    await duckdb([
      `create table t as ${REAL_TABLES.wine}`,
      `copy t to '${parquet}' (format parquet)`,
      `copy t to '${jsonl}' (format json)`,
    ]);
    copyFileSync(join(VEGA_DATA, 'flights-200k.arrow'), join(dir, 'whole.arrow'));
    const wholes = [parquet, jsonl, join(dir, 'whole.arrow')];
    if (hasPython('numpy, openpyxl, PIL')) {
      python(`
import numpy as np, openpyxl
from PIL import Image
np.savez_compressed('${dir}/whole.npz', x=np.arange(1000.0).reshape(100, 10))
wb = openpyxl.Workbook(); ws = wb.active
for i in range(200): ws.append([i, i * 2])
wb.save('${dir}/whole.xlsx')
img = Image.frombytes('RGB', (64, 64), bytes(range(256)) * 48)
img.save('${dir}/whole.png'); img.save('${dir}/whole.jpg', quality=90); img.save('${dir}/whole.webp')
`);
      wholes.push(...['npz', 'xlsx', 'png', 'jpg', 'webp'].map((ext) => join(dir, `whole.${ext}`)));
    }
    const expected: Record<string, RegExp> = {
      parquet: /truncated: (footer length \d+ > file size \d+|no PAR1 magic at the end)/,
      jsonl: /:\d+(:\d+)?: not valid JSON/,
      arrow: /corrupt or truncated Arrow IPC/,
      npz: /corrupt or truncated \.npz/,
      xlsx: /corrupt or truncated \.xlsx/,
      png: /corrupt or truncated PNG/,
      jpg: /corrupt or truncated JPEG/,
      webp: /corrupt or truncated WebP/,
    };
    for (const whole of wholes) {
      const ext = whole.slice(whole.lastIndexOf('.') + 1);
      const bytes = readFileSync(whole);
      const truncated = join(dir, `truncated.${ext}`);
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const result = runCli(['stats', truncated, '--json']);
      assert.equal(result.status, 2, `${ext}: ${result.stderr}`);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${ext}: ${result.stderr}`);
      assert.ok(lines[0].startsWith(`normscope: ${truncated}`), lines[0]);
      assert.match(lines[0], expected[ext], lines[0]);
      assert.equal(result.stdout, '');
    }
    // A Parquet footer that claims more than the file holds.
    const bytes = readFileSync(parquet);
    const lying = Buffer.from(bytes);
    lying.writeUInt32LE(bytes.length * 2, bytes.length - 8);
    writeFileSync(join(dir, 'lying.parquet'), lying);
    const result = runCli(['stats', join(dir, 'lying.parquet')]);
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      `normscope: ${join(dir, 'lying.parquet')}: truncated: footer length ${bytes.length * 2} > file size ${bytes.length}\n`,
    );
    // no output left behind by a failed normalize
    const failed = runCli([
      'normalize',
      join(dir, 'truncated.parquet'),
      '--method',
      'zscore',
      '--out',
      join(dir, 'never.parquet'),
    ]);
    assert.equal(failed.status, 2);
    assert.ok(!existsSync(join(dir, 'never.parquet')));
    assert.ok(!readdirSync(dir).some((name) => name.includes('never')));
  } finally {
    cleanup();
  }
});

test('normalize on a Parquet file over --stream-above fits by passes over its row groups and writes row group by row group: the same file as read whole', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const parquet = join(dir, 'cars.parquet');
    await duckdb([`copy (${REAL_TABLES.cars}) to '${parquet}' (format parquet, row_group_size 50)`]);
    for (const method of ['zscore', 'robust', 'minmax']) {
      const whole = join(dir, `${method}-whole.parquet`);
      const streamed = join(dir, `${method}-streamed.parquet`);
      for (const [output, flags] of [
        [whole, []],
        [streamed, ['--stream-above', '0']],
      ] as const) {
        const result = runCli(['normalize', parquet, '--method', method, '--out', output, ...flags]);
        assert.equal(result.status, 0, result.stderr);
      }
      const rows = (file: string) => duckdbRows(`select * from '${file}'`);
      const [a, b] = [await rows(whole), await rows(streamed)];
      assert.equal(b.length, 406);
      a.forEach((row, i) =>
        row.forEach((value, j) => {
          if (typeof value === 'number')
            assert.ok(Math.abs(value - (b[i][j] as number)) <= 1e-12, `${method} row ${i} column ${j}`);
          else assert.deepEqual(b[i][j], value);
        }),
      );
      const describe = (file: string) =>
        duckdbRows(`select column_name, column_type from (describe select * from '${file}')`);
      assert.deepEqual(await describe(streamed), await describe(whole));
    }
    const refused = runCli([
      'normalize',
      parquet,
      '--method',
      'quantile',
      '--out',
      join(dir, 'q.parquet'),
      '--stream-above',
      '0',
    ]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--method: quantile needs every value in memory at once/);
  } finally {
    cleanup();
  }
});
