// Every table format out of a CSV input (DuckDB reads back what we wrote; our readers give the same
// stats as the CSV output), and fit/transform by passes over a large file giving exactly the whole-file
// params and output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CLI_PATH, runCli, scratchDir } from '../../helpers/cli';
import { realSplits, SKLEARN_DATA, VEGA_DATA } from '../../helpers/real-datasets';
import { tableFromIPC } from 'apache-arrow';
import { duckdb, duckdbRows, python, REAL_TABLES } from '../io/formats/fixtures';

/** Every table output; the aliases (.feather, .ndjson) once, on normalize. */
const TABLE_OUTPUTS = {
  normalize: ['parquet', 'arrow', 'feather', 'jsonl', 'ndjson', 'xlsx'],
  transform: ['parquet', 'arrow', 'jsonl', 'xlsx'],
};

function ok(args: string[]): string {
  const result = runCli(args);
  assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const isJsonLines = (file: string) => /\.(jsonl|ndjson)$/.test(file);

/** DuckDB's reader of a file: CSV, JSON Lines or Parquet. */
const duckdbReader = (file: string) =>
  file.endsWith('.csv')
    ? `read_csv('${file}', header=true)`
    : isJsonLines(file)
      ? `read_json('${file}', format='newline_delimited')`
      : `'${file}'`;

/**
 * The rows of a file as an independent reader sees them, columns `names` in order: DuckDB (CSV,
 * JSON Lines, Parquet), apache-arrow (Arrow / Feather; DuckDB has no offline Arrow reader), openpyxl (.xlsx).
 */
async function readBack(file: string, names: readonly string[]): Promise<unknown[][]> {
  if (/\.(arrow|feather)$/.test(file)) {
    const table = tableFromIPC(readFileSync(file));
    const columns = names.map((n) => table.getChild(n)!.toArray() as ArrayLike<unknown>);
    return Array.from({ length: table.numRows }, (_, i) => columns.map((c) => c[i]));
  }
  if (file.endsWith('.xlsx'))
    return JSON.parse(
      python(`
import json, math, openpyxl
sheet = openpyxl.load_workbook(${JSON.stringify(file)}, read_only=True).worksheets[0]
rows = [list(r) for r in sheet.iter_rows(values_only=True)]
assert rows[0] == ${JSON.stringify(names)}, rows[0]
print(json.dumps(rows[1:]))
`),
    ) as unknown[][];
  return duckdbRows(`select ${names.map((n) => `"${n}"`).join(', ')} from ${duckdbReader(file)}`);
}

/** Numbers compare as float64 (missing as null or NaN), everything else as text. */
function cellsEqual(a: unknown, b: unknown): boolean {
  const number = (v: unknown) =>
    v === null || v === undefined
      ? NaN
      : typeof v === 'number' || typeof v === 'bigint'
        ? Number(v)
        : undefined;
  const [x, y] = [number(a), number(b)];
  if (x !== undefined && y !== undefined) return Object.is(x, y);
  return String(a) === String(b);
}

function assertSameRows(actual: unknown[][], expected: unknown[][], where: string): void {
  assert.equal(actual.length, expected.length, `${where}: rows`);
  expected.forEach((row, i) =>
    row.forEach((cell, j) =>
      assert.ok(
        cellsEqual(actual[i][j], cell),
        `${where}: row ${i} column ${j}: ${String(actual[i][j])} ≠ ${String(cell)}`,
      ),
    ),
  );
}

test('normscope normalize and transform of a CSV write .parquet, .arrow, .feather, .jsonl, .ndjson and .xlsx: independent readers and our stats read the values of the --out o.csv output', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const splits = realSplits(dir).filter((s) => ['penguins', 'wine'].includes(s.name));
    assert.ok(splits.length >= 2);
    for (const split of splits) {
      const params = join(dir, `${split.name}.json`);
      ok(['fit', split.train, '--method', 'robust', '--out', params]);
      for (const [command, flags] of [
        ['normalize', ['--method', 'zscore']],
        ['transform', ['--params', params]],
      ] as const) {
        const out = (ext: string) => join(dir, `${split.name}-${command}.${ext}`);
        const input = command === 'normalize' ? split.train : split.test;
        ok([command, input, ...flags, '--out', out('csv')]);
        const csvStats = ok(['stats', out('csv'), '--json']);
        const header = (JSON.parse(csvStats) as { columns: { name: string; kind: string }[] }).columns;
        const names = header.map((c) => c.name);
        const expected = await readBack(out('csv'), names);
        for (const ext of TABLE_OUTPUTS[command]) {
          ok([command, input, ...flags, '--out', out(ext)]);
          const where = `${split.name} ${command} .${ext}`;
          assert.equal(ok(['stats', out(ext), '--json']), csvStats, where);
          assertSameRows(await readBack(out(ext), names), expected, where);
          if (ext === 'parquet') {
            const kinds = await duckdbRows(
              `select column_name, column_type from (describe select * from '${out(ext)}')`,
            );
            assert.deepEqual(
              kinds,
              header.map((c) => [c.name, c.kind === 'numeric' ? 'DOUBLE' : 'VARCHAR']),
              `${where}: the CSV's names in order, numbers as DOUBLE, text as VARCHAR`,
            );
          }
          if (ext === 'arrow') {
            const fields = tableFromIPC(readFileSync(out(ext))).schema.fields;
            assert.deepEqual(
              fields.map((f) => [f.name, String(f.type)]),
              header.map((c) => [c.name, c.kind === 'numeric' ? 'Float64' : 'Utf8']),
              where,
            );
          }
        }
      }
    }
  } finally {
    cleanup();
  }
});

test('normscope normalize of a CSV over --stream-above writes .parquet by passes, a row group per batch, equal to the file read whole', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const csv = join(dir, 'cancer.csv');
    // scikit-learn's breast-cancer table repeated to 70,556 rows: two batches, so two row groups
    await duckdb([
      `copy (select t.* from read_csv('${SKLEARN_DATA}/breast_cancer.csv', skip=1, header=false) t, range(124)) to '${csv}' (header true)`,
    ]);
    for (const method of ['zscore', 'robust']) {
      const whole = join(dir, `${method}-whole.parquet`);
      const passes = join(dir, `${method}-passes.parquet`);
      ok(['normalize', csv, '--method', method, '--out', whole]);
      ok(['normalize', csv, '--method', method, '--out', passes, '--stream-above', '0']);
      const groups = await duckdbRows(
        `select count(distinct row_group_id) from parquet_metadata('${passes}')`,
      );
      assert.ok(Number(groups[0][0]) >= 2, `${method}: ${String(groups[0][0])} row groups`);
      assert.equal(ok(['stats', passes, '--json']), ok(['stats', whole, '--json']), method);
    }
  } finally {
    cleanup();
  }
});

test('normscope normalize of a CSV to .parquet refuses a non-table --out and leaves nothing behind', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const csv = join(VEGA_DATA, 'seattle-weather.csv');
    for (const flags of [[], ['--stream-above', '0']]) {
      const result = runCli(['normalize', csv, '--method', 'zscore', '--out', join(dir, 'o.npy'), ...flags]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /o\.npy: write a table format \(\.csv, .*\) for a table input/);
    }
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    cleanup();
  }
});

test('normscope fit and transform over --stream-above read a multi-row-group Parquet by row groups: byte-identical params, equal output, one output row group per input row group', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const parquet = join(dir, 'cars.parquet');
    // vega's cars repeated 12 times: 4,872 rows in DuckDB's row groups of 2,048
    await duckdb([
      `copy (select t.* from (${REAL_TABLES.cars}) t, range(12)) to '${parquet}' (format parquet, row_group_size 2048)`,
    ]);
    const inputGroups = await duckdbRows(
      `select count(distinct row_group_id) from parquet_metadata('${parquet}')`,
    );
    assert.equal(Number(inputGroups[0][0]), 3);
    for (const method of ['minmax', 'zscore', 'maxabs', 'robust', 'l1', 'scale']) {
      const flags = method === 'scale' ? ['--divisor', '255'] : [];
      const params = (kind: string) => join(dir, `${method}-${kind}.json`);
      ok(['fit', parquet, '--method', method, ...flags, '--out', params('whole')]);
      ok(['fit', parquet, '--method', method, ...flags, '--out', params('passes'), '--stream-above', '0']);
      assert.equal(readFileSync(params('passes'), 'utf8'), readFileSync(params('whole'), 'utf8'), method);
      for (const inverse of method === 'l1' ? [[]] : [[], ['--inverse']]) {
        const out = (kind: string) =>
          join(dir, `${method}-${kind}${inverse.length ? '-inverse' : ''}.parquet`);
        ok(['transform', parquet, '--params', params('whole'), ...inverse, '--out', out('whole')]);
        ok([
          'transform',
          parquet,
          '--params',
          params('whole'),
          ...inverse,
          '--out',
          out('passes'),
          '--stream-above',
          '0',
        ]);
        const rows = (file: string) => duckdbRows(`select * from '${file}'`);
        assert.deepEqual(
          await rows(out('passes')),
          await rows(out('whole')),
          `${method} ${inverse.join('')}`,
        );
        const groups = await duckdbRows(
          `select count(distinct row_group_id) from parquet_metadata('${out('passes')}')`,
        );
        assert.equal(Number(groups[0][0]), 3);
        const describe = (file: string) =>
          duckdbRows(`select column_name, column_type from (describe select * from '${file}')`);
        assert.deepEqual(
          await describe(out('passes')),
          await describe(parquet).then((d) =>
            d.map(([name, type]) => [
              name,
              [
                'Miles_per_Gallon',
                'Cylinders',
                'Displacement',
                'Horsepower',
                'Weight_in_lbs',
                'Acceleration',
              ].includes(String(name))
                ? 'DOUBLE'
                : type,
            ]),
          ),
        );
      }
    }
    const refused = runCli([
      'fit',
      parquet,
      '--method',
      'yeo-johnson',
      '--out',
      join(dir, 'y.json'),
      '--stream-above',
      '0',
    ]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--method: yeo-johnson needs every value in memory at once/);
    const missing = runCli([
      'fit',
      parquet,
      '--method',
      'zscore',
      '--columns',
      'nope',
      '--out',
      join(dir, 'n.json'),
      '--stream-above',
      '0',
    ]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--columns: nope is not a column of .*cars\.parquet/);
  } finally {
    cleanup();
  }
});

const RSS_HOOK = fileURLToPath(new URL('../../../bench/rss-hook.cjs', import.meta.url));

/** Runs the CLI with the peak-RSS hook; returns the peak in MB. */
function peakRssMb(args: string[]): number {
  const result = spawnSync(process.execPath, ['--require', RSS_HOOK, CLI_PATH, ...args], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return Number(/peak-rss-kb=(\d+)/.exec(result.stderr)?.[1]) / 1024;
}

test('normscope fit and transform by row groups, a CSV normalized to .parquet and a JSON Lines file normalized by passes hold one row group or batch in memory: peak RSS of 1.5 M rows near that of 0.3 M', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const select = (rows: number) =>
      `select (i * 7919 % 1000003) / 1000.0 as a, sin(i::double) * 1e6 as b, (i % 97)::integer as k,
         case when i % 10 = 0 then null else 'row ' || (i % 13) end as label from range(${rows}) t(i)`;
    const sizes = { big: 1_500_000, small: 300_000 } as const;
    for (const [name, rows] of Object.entries(sizes))
      await duckdb([
        `copy (${select(rows)}) to '${join(dir, `${name}.parquet`)}' (format parquet, row_group_size 25000)`,
        `copy (${select(rows)}) to '${join(dir, `${name}.csv`)}' (header true)`,
        `copy (${select(rows)}) to '${join(dir, `${name}.jsonl`)}' (format json)`,
      ]);
    const peaks = Object.keys(sizes).map((name) => {
      const file = (ext: string) => join(dir, `${name}.${ext}`);
      const passes = ['--stream-above', '0'];
      const fit = peakRssMb(['fit', file('parquet'), '--method', 'zscore', '--out', file('json'), ...passes]);
      const transform = peakRssMb([
        'transform',
        file('parquet'),
        '--params',
        file('json'),
        '--out',
        join(dir, `${name}-out.parquet`),
        ...passes,
      ]);
      const fromCsv = peakRssMb([
        'normalize',
        file('csv'),
        '--method',
        'zscore',
        '--out',
        join(dir, `${name}-csv.parquet`),
        ...passes,
      ]);
      const jsonLines = peakRssMb([
        'normalize',
        file('jsonl'),
        '--method',
        'robust',
        '--out',
        join(dir, `${name}-out.jsonl`),
        ...passes,
      ]);
      return { fit, transform, fromCsv, jsonLines };
    });
    const [big, small] = peaks;
    const mb = (n: number) => n.toFixed(0);
    console.log(
      `peak RSS, 1.5 M rows (${(statSync(join(dir, 'big.parquet')).size / 1e6).toFixed(1)} MB Parquet, 60 row groups; ${(statSync(join(dir, 'big.csv')).size / 1e6).toFixed(1)} MB CSV) vs 0.3 M rows: ` +
        `fit ${mb(big.fit)} vs ${mb(small.fit)} MB, transform ${mb(big.transform)} vs ${mb(small.transform)} MB, CSV → Parquet ${mb(big.fromCsv)} vs ${mb(small.fromCsv)} MB, JSON Lines robust ${mb(big.jsonLines)} vs ${mb(small.jsonLines)} MB`,
    );
    // Five times the rows, well under twice the memory: held in full, the table's ~70 MB above the
    // process's ~100 MB baseline at 0.3 M rows would grow to ~350 MB at 1.5 M.
    for (const step of ['fit', 'transform', 'fromCsv', 'jsonLines'] as const)
      assert.ok(big[step] < small[step] * 2, `${step}: ${big[step]} MB vs ${small[step]} MB`);
    assert.equal(
      ok(['stats', join(dir, 'big-csv.parquet'), '--json']),
      ok(['stats', join(dir, 'big-out.parquet'), '--json']),
      'the CSV and the Parquet input give the same normalized table',
    );
  } finally {
    cleanup();
  }
});

test('normscope fit, transform and normalize over --stream-above read a DuckDB-written JSON Lines file by passes: byte-identical params and outputs to the file read whole', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const jsonl = join(dir, 'cars.jsonl');
    // vega's cars repeated to 73,080 lines (two output batches), with nulls, text and a date column
    await duckdb([`copy (select t.* from (${REAL_TABLES.cars}) t, range(180)) to '${jsonl}' (format json)`]);
    const passes = ['--stream-above', '0'];
    for (const method of ['zscore', 'robust', 'maxabs']) {
      const file = (name: string) => join(dir, `${method}-${name}`);
      ok(['fit', jsonl, '--method', method, '--out', file('whole.json')]);
      ok(['fit', jsonl, '--method', method, '--out', file('passes.json'), ...passes]);
      assert.equal(
        readFileSync(file('passes.json'), 'utf8'),
        readFileSync(file('whole.json'), 'utf8'),
        method,
      );
      for (const ext of ['jsonl', 'csv', 'parquet', 'arrow']) {
        for (const [command, flags] of [
          ['normalize', ['--method', method]],
          ['transform', ['--params', file('whole.json')]],
        ] as const) {
          const whole = file(`${command}-whole.${ext}`);
          const streamed = file(`${command}-passes.${ext}`);
          ok([command, jsonl, ...flags, '--out', whole]);
          ok([command, jsonl, ...flags, '--out', streamed, ...passes]);
          const where = `${method} ${command} .${ext}`;
          if (ext === 'parquet' || ext === 'arrow') {
            // row groups and record batches differ (one per batch); the table read back does not
            assert.equal(ok(['stats', streamed, '--json']), ok(['stats', whole, '--json']), where);
            if (ext === 'arrow') assert.equal(tableFromIPC(readFileSync(streamed)).batches.length, 2, where);
            assertSameRows(
              await readBack(streamed, ['Name', 'Horsepower', 'Year']),
              await readBack(whole, ['Name', 'Horsepower', 'Year']),
              where,
            );
          } else assert.ok(readFileSync(streamed).equals(readFileSync(whole)), where);
        }
      }
    }
    const refused = runCli([
      'normalize',
      jsonl,
      '--method',
      'quantile',
      '--out',
      join(dir, 'q.jsonl'),
      ...passes,
    ]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--method: quantile needs every value in memory at once/);
    assert.equal(
      readdirSync(dir).some((name) => name.startsWith('q.') || name.endsWith('.tmp')),
      false,
    );
  } finally {
    cleanup();
  }
});
