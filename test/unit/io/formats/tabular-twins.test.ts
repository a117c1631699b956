// Each tabular format's statistics equal its CSV twin's: the same real tables written by DuckDB as
// CSV, Parquet (several codecs and row-group sizes) and JSON Lines, by pandas/openpyxl as .xlsx, by
// NumPy as .npz; Arrow from vega-datasets' own IPC file against the same data as JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir } from '../../../helpers/cli';
import {
  duckdb,
  hasPython,
  PARQUET_VARIANTS,
  python,
  REAL_TABLES,
  SKLEARN_DATA,
  VEGA_DATA,
} from './fixtures';

type Report = { rows: number; columns: Record<string, unknown>[] };

function statsJson(file: string, ...flags: string[]): Report {
  const result = runCli(['stats', file, '--json', ...flags]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Report;
}

test('stats --json on Parquet (every codec, row groups of 7 to 122880 rows, read whole or by passes) and JSON Lines prints exactly the JSON of the CSV twin', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    for (const [name, select] of Object.entries(REAL_TABLES)) {
      const sql = [`create table t as ${select}`, `copy t to '${join(dir, `${name}.csv`)}' (header true)`];
      sql.push(`copy t to '${join(dir, `${name}.jsonl`)}' (format json)`);
      for (const { codec, rowGroupSize } of PARQUET_VARIANTS)
        sql.push(
          `copy t to '${join(dir, `${name}-${codec}.parquet`)}' (format parquet, compression ${codec}, row_group_size ${rowGroupSize})`,
        );
      await duckdb(sql);
      const twin = statsJson(join(dir, `${name}.csv`));
      assert.ok(twin.rows > 100 && twin.columns.some((c) => c.kind === 'numeric'), name);
      for (const { codec } of PARQUET_VARIANTS)
        assert.deepEqual(
          statsJson(join(dir, `${name}-${codec}.parquet`)),
          twin,
          `${name} as ${codec} Parquet`,
        );
      // By passes over the row groups (as a file over --stream-above is read): the same numbers, bit for bit.
      assert.deepEqual(
        statsJson(join(dir, `${name}-brotli.parquet`), '--stream-above', '0'),
        twin,
        `${name} by passes`,
      );
      assert.deepEqual(statsJson(join(dir, `${name}.jsonl`)), twin, `${name} as JSON Lines`);
    }
  } finally {
    cleanup();
  }
});

test('stats --columns on a Parquet file reads only those columns, in the order asked', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'seattle.parquet');
    await duckdb([`copy (${REAL_TABLES.seattle}) to '${file}' (format parquet)`]);
    const all = statsJson(file);
    const some = statsJson(file, '--columns', 'wind,weather');
    assert.deepEqual(
      some.columns.map((c) => c.name),
      ['wind', 'weather'],
    );
    assert.deepEqual(
      some.columns[0],
      all.columns.find((c) => c.name === 'wind'),
    );
    assert.equal(some.columns[1].kind, 'text');
    const missing = runCli(['stats', file, '--columns', 'nope']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /seattle\.parquet.*'nope' is not a column/);
  } finally {
    cleanup();
  }
});

test('stats on vega-datasets flights-200k.arrow (Arrow IPC by another writer) matches the same flights as JSON Lines', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const jsonl = join(dir, 'flights.jsonl');
    await duckdb([
      `copy (select * from read_json('${VEGA_DATA}flights-200k.json')) to '${jsonl}' (format json)`,
    ]);
    const arrow = statsJson(join(VEGA_DATA, 'flights-200k.arrow'));
    const twin = statsJson(jsonl);
    assert.equal(arrow.rows, 200000);
    assert.deepEqual(
      arrow.columns.map((c) => c.name),
      ['delay', 'distance', 'time'],
    );
    // delay and distance are Int16: identical; time is Float32 in the IPC file, decimal text in JSON.
    assert.deepEqual(arrow.columns.slice(0, 2), twin.columns.slice(0, 2));
    for (const field of ['mean', 'std', 'min', 'median', 'max'])
      assert.ok(
        Math.abs((arrow.columns[2][field] as number) - (twin.columns[2][field] as number)) < 1e-6,
        `time ${field}`,
      );
  } finally {
    cleanup();
  }
});

test(
  'stats on an .xlsx written by pandas/openpyxl (--sheet, the first sheet said when not given) matches the CSV twin',
  { skip: !hasPython('pandas, openpyxl') },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const csv = join(dir, 'iris.csv');
      const xlsx = join(dir, 'iris.xlsx');
      python(`
import pandas as pd, openpyxl
df = pd.read_csv('${SKLEARN_DATA}/iris.csv', skiprows=1, header=None, names=['sl','sw','pl','pw','target'])
df.to_csv('${csv}', index=False)
with pd.ExcelWriter('${xlsx}', engine='openpyxl') as w:
    pd.DataFrame({'note': ['other sheet']}).to_excel(w, sheet_name='readme', index=False)
    df.to_excel(w, sheet_name='iris', index=False)
`);
      const twin = statsJson(csv);
      assert.deepEqual(statsJson(xlsx, '--sheet', 'iris'), twin);
      const first = runCli(['stats', xlsx, '--json']);
      assert.equal(first.status, 0);
      assert.match(first.stderr, /read sheet 'readme' of readme, iris; choose another with --sheet NAME/);
      const wrong = runCli(['stats', xlsx, '--sheet', 'nope']);
      assert.equal(wrong.status, 2);
      assert.match(
        wrong.stderr,
        /iris\.xlsx: --sheet: 'nope' is not a sheet of the workbook \(sheets: readme, iris\)/,
      );
    } finally {
      cleanup();
    }
  },
);

test(
  'stats on a formula column of an openpyxl workbook reads its cached values',
  { skip: !hasPython('openpyxl') },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const xlsx = join(dir, 'formula.xlsx');
      // openpyxl writes formulas without cached values; a cached value is added to the XML as Excel does.
      python(`
import openpyxl, zipfile, shutil, re
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'data'
ws.append(['x', 'twice'])
for i in range(1, 5): ws.append([i, f'=A{i+1}*2'])
wb.save('${xlsx}.tmp')
with zipfile.ZipFile('${xlsx}.tmp') as src, zipfile.ZipFile('${xlsx}', 'w') as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == 'xl/worksheets/sheet1.xml':
            text = data.decode()
            text = re.sub(r'<f>A(\\d+)\\*2</f><v></v>|<f>A(\\d+)\\*2</f>', lambda m: '<f>A%s*2</f><v>%d</v>' % (m.group(1) or m.group(2), 2 * (int(m.group(1) or m.group(2)) - 1)), text)
            data = text.encode()
        dst.writestr(item, data)
`);
      const report = statsJson(xlsx);
      assert.deepEqual(
        report.columns.map((c) => [c.name, c.kind, c.mean, c.max]),
        [
          ['x', 'numeric', 2.5, 4],
          ['twice', 'numeric', 5, 8],
        ],
      );
    } finally {
      cleanup();
    }
  },
);

test(
  'stats --array on an .npz written by NumPy (compressed and not) matches the same array as .npy',
  { skip: !hasPython('numpy') },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      python(`
import numpy as np
x = np.loadtxt('${SKLEARN_DATA}/wine_data.csv', delimiter=',', skiprows=1)
np.save('${dir}/wine.npy', x)
np.savez_compressed('${dir}/packed.npz', labels=x[:, -1].astype(np.int64), features=x)
np.savez('${dir}/plain.npz', features=x)
`);
      const twin = statsJson(join(dir, 'wine.npy'));
      assert.deepEqual(statsJson(join(dir, 'packed.npz'), '--array', 'features'), twin);
      assert.deepEqual(statsJson(join(dir, 'plain.npz')), twin);
      const chosen = runCli(['stats', join(dir, 'packed.npz'), '--json']);
      assert.match(
        chosen.stderr,
        /read array 'labels' of labels, features; choose another with --array NAME/,
      );
      const wrong = runCli(['stats', join(dir, 'packed.npz'), '--array', 'nope']);
      assert.equal(wrong.status, 2);
      assert.match(
        wrong.stderr,
        /packed\.npz: --array: 'nope' is not an array of the archive \(arrays: labels, features\)/,
      );
    } finally {
      cleanup();
    }
  },
);

test('stats on JSON Lines with nested objects and ragged keys gives dotted names and missing cells', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'ragged.jsonl');
    writeFileSync(file, '{"a": 1, "p": {"x": 2}}\n\n{"a": 3, "b": "u"}\n{"p": {"x": 4, "y": 5}}\n');
    const report = statsJson(file);
    assert.equal(report.rows, 3);
    assert.deepEqual(
      report.columns.map((c) => [c.name, c.kind, c.count, c.missing, c.mean]),
      [
        ['a', 'numeric', 2, 1, 2],
        ['p.x', 'numeric', 2, 1, 3],
        ['b', 'text', 1, 2, null],
        ['p.y', 'numeric', 1, 2, 5],
      ],
    );
    writeFileSync(file, '{"a": 1}\n{"a": 2,}\n');
    const bad = runCli(['stats', file]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /ragged\.jsonl:2:\d+: not valid JSON/);
  } finally {
    cleanup();
  }
});
