// `--engine duckdb` against our engine on the same real files: stats and every method's fit agree to
// 1e-12 (Yeo-Johnson's λ 1e-9), read from CSV, JSON Lines, a glob of CSVs and a hive-partitioned
// Parquet folder written by DuckDB itself; normalize writes the input's format.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createScaler, SCALING_METHODS } from '../../../src/engine/scale/registry';
import type { ScalingMethod } from '../../../src/engine/scale/scaler';
import { withDuckDb } from '../../../src/duckdb/connection';
import { duckDbFit } from '../../../src/duckdb/fit';
import { duckDbSource } from '../../../src/duckdb/source';
import { readDataFile, selectColumns } from '../../../src/io/node/data-files';
import { runCli, scratchDir } from '../../helpers/cli';
import { maxErrorRatio } from '../../helpers/close';
import { openDuckDb, queryColumns } from '../../helpers/duckdb';
import { realSplits, VEGA_DATA, type RealSplit } from '../../helpers/real-datasets';

let scratch: ReturnType<typeof scratchDir>;
let splits: RealSplit[];
let duck: DuckDBConnection;

before(async () => {
  scratch = scratchDir('normscope-duckdb-');
  splits = realSplits(scratch.dir);
  duck = await openDuckDb();
});
after(() => {
  duck.closeSync();
  scratch.cleanup();
});

type Json = Record<string, unknown>;

function cli(args: string[]): string {
  const result = runCli(args);
  assert.equal(result.status, 0, `normscope ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The fitted parameters; without `dialect`, which records how our reader read a CSV (DuckDB sniffs its own). */
function fitParams(input: string, flags: string[], engine: 'ours' | 'duckdb'): Json {
  const out = join(scratch.dir, `params-${engine}-${Math.random().toString(36).slice(2)}.json`);
  cli(['fit', input, ...flags, '--out', out, '--engine', engine]);
  const { dialect: _dialect, ...params } = JSON.parse(readFileSync(out, 'utf8')) as Json;
  return params;
}

/** Numbers (arrays, nested arrays) within tolerance; everything else equal. */
function assertAgree(actual: unknown, expected: unknown, rel: number, path: string): void {
  if (typeof expected === 'number') {
    const ratio = maxErrorRatio([actual as number], [expected], { rel, abs: rel * 1e-6 });
    assert.ok(ratio <= 1, `${path}: ${String(actual)} vs ${expected}`);
  } else if (Array.isArray(expected) || (expected !== null && typeof expected === 'object')) {
    for (const [key, value] of Object.entries(expected))
      assertAgree((actual as Json)[key], value, rel, `${path}.${key}`);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

const FIT_CASES: { method: ScalingMethod; options: Record<string, unknown> }[] = SCALING_METHODS.flatMap(
  (m) => {
    const base = { method: m.method, options: {} };
    if (m.method === 'quantile')
      return [base, { method: m.method, options: { nQuantiles: 100, outputDistribution: 'normal' } }];
    if (m.method === 'robust')
      return [base, { method: m.method, options: { quantileRange: [10, 90], unitVariance: true } }];
    return [base];
  },
);

test('stats --engine duckdb agrees with our engine on real CSVs (count, missing, moments, quartiles, extremes)', () => {
  for (const split of splits) {
    const ours = JSON.parse(cli(['stats', split.train, '--json'])) as { rows: number; columns: Json[] };
    const theirs = JSON.parse(cli(['stats', split.train, '--json', '--engine', 'duckdb'])) as typeof ours;
    assert.equal(theirs.rows, ours.rows, split.name);
    for (const column of ours.columns.filter((c) => c.kind === 'numeric')) {
      const other = theirs.columns.find((c) => c.name === column.name);
      assert.ok(other, `${split.name}: duckdb has column ${String(column.name)}`);
      assertAgree(other, column, 1e-12, `${split.name}.${String(column.name)}`);
    }
  }
});

for (const { method, options } of FIT_CASES) {
  test(`duckDbFit(${method} ${JSON.stringify(options)}) gives our engine's fitted params on real CSVs`, async () => {
    const rel = method === 'yeo-johnson' ? 1e-9 : 1e-12;
    await withDuckDb(async (session) => {
      for (const split of splits) {
        const fitted = await duckDbFit(session, duckDbSource(split.train), method, options, split.columns);
        const selection = selectColumns(await readDataFile(split.train), split.columns);
        assert.deepEqual(fitted.columns, selection.names);
        assertAgree(
          fitted.scaler.toJSON(),
          createScaler(method, options).fit(selection.matrix).toJSON(),
          rel,
          split.name,
        );
      }
    });
  });
}

test('fit --engine duckdb on a JSON Lines file equals our fit on the same rows as CSV', () => {
  const penguins = splits.find((s) => s.name === 'penguins')!;
  const records = JSON.parse(readFileSync(join(VEGA_DATA, 'penguins.json'), 'utf8')) as Json[];
  const jsonl = join(scratch.dir, 'penguins.jsonl');
  writeFileSync(jsonl, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const csv = join(scratch.dir, 'penguins-all.csv');
  const names = Object.keys(records[0]);
  writeFileSync(
    csv,
    [
      names.join(','),
      ...records.map((r) =>
        names.map((n) => (r[n] === null ? '' : JSON.stringify(r[n]).replace(/^"|"$/g, ''))).join(','),
      ),
    ].join('\n') + '\n',
  );
  for (const method of ['zscore', 'robust', 'quantile']) {
    const flags = ['--method', method, '--columns', penguins.columns.join(',')];
    assertAgree(
      fitParams(jsonl, flags, 'duckdb'),
      fitParams(csv, flags, 'ours'),
      1e-12,
      `penguins.jsonl ${method}`,
    );
  }
});

test('fit --engine duckdb on a glob of CSV shards and on a hive-partitioned Parquet folder equals our fit on the whole CSV', async () => {
  const wine = splits.find((s) => s.name === 'wine') ?? splits[0];
  const [header, ...rows] = readFileSync(wine.train, 'utf8').trim().split('\n');
  [0, 1, 2].forEach((k) =>
    writeFileSync(
      join(scratch.dir, `shard-${k}.csv`),
      [header, ...rows.filter((_, i) => i % 3 === k)].join('\n') + '\n',
    ),
  );
  const lake = join(scratch.dir, 'lake');
  await duck.run(
    `COPY (SELECT *, CAST(row_number() OVER () % 4 AS INTEGER) AS part FROM read_csv('${wine.train}', header = true)) TO '${lake}' (FORMAT parquet, PARTITION_BY (part))`,
  );
  for (const method of ['minmax', 'zscore', 'maxabs', 'robust', 'quantile']) {
    const flags = ['--method', method];
    const whole = fitParams(wine.train, [...flags, '--columns', wine.columns.join(',')], 'ours');
    assertAgree(
      fitParams(join(scratch.dir, 'shard-*.csv'), [...flags, '--columns', wine.columns.join(',')], 'duckdb'),
      whole,
      1e-12,
      `glob ${method}`,
    );
    // The partition key `part` is left out of the default columns: the same as the CSV's numeric columns.
    const fromLake = fitParams(lake, flags, 'duckdb');
    const wholeDefault = fitParams(wine.train, flags, 'ours');
    assert.deepEqual(fromLake.columns, wholeDefault.columns, `lake ${method} columns`);
    assertAgree(fromLake, wholeDefault, 1e-12, `lake ${method}`);
  }
});

test('normalize --engine duckdb writes CSV as CSV and Parquet as Parquet, the same numbers as our normalize, text kept', async () => {
  const weather = splits.find((s) => s.name === 'seattle-weather')!;
  const oursOut = join(scratch.dir, 'ours.csv');
  const duckOut = join(scratch.dir, 'duck.csv');
  cli(['normalize', weather.train, '--method', 'robust', '--out', oursOut]);
  cli(['normalize', weather.train, '--method', 'robust', '--out', duckOut, '--engine', 'duckdb']);
  assert.equal(
    readFileSync(duckOut, 'utf8').split('\n')[0],
    readFileSync(weather.train, 'utf8').split('\n')[0],
    'header and column order kept',
  );
  const read = (file: string) =>
    queryColumns(
      duck,
      `SELECT ${weather.columns.map((c) => `"${c}"`).join(', ')} FROM read_csv('${file}', header = true)`,
    );
  const [a, b] = await Promise.all([read(duckOut), read(oursOut)]);
  for (const c of weather.columns)
    assert.ok(maxErrorRatio(a.get(c)!, b.get(c)!, { rel: 1e-12, abs: 1e-15 }) <= 1, c);
  const texts = await duck.runAndReadAll(
    `SELECT count(*) AS n FROM read_csv('${duckOut}') d JOIN read_csv('${weather.train}') t USING (date, weather)`,
  );
  assert.equal(
    Number(texts.getRowObjectsJS()[0].n),
    b.get(weather.columns[0])!.length,
    'date and weather columns unchanged',
  );

  const parquetIn = join(scratch.dir, 'weather.parquet');
  await duck.run(
    `COPY (SELECT * FROM read_csv('${weather.train}', header = true)) TO '${parquetIn}' (FORMAT parquet)`,
  );
  const parquetOut = join(scratch.dir, 'weather-normalized.parquet');
  cli(['normalize', parquetIn, '--method', 'robust', '--out', parquetOut, '--engine', 'duckdb']);
  const fromParquet = await queryColumns(
    duck,
    `SELECT ${weather.columns.map((c) => `"${c}"`).join(', ')} FROM read_parquet('${parquetOut}')`,
  );
  for (const c of weather.columns)
    assert.ok(maxErrorRatio(fromParquet.get(c)!, b.get(c)!, { rel: 1e-12, abs: 1e-15 }) <= 1, `parquet ${c}`);
});

test('--engine duckdb refuses what it cannot read, naming the flag or the input', () => {
  const npy = runCli(['stats', 'x.npy', '--engine', 'duckdb']);
  assert.equal(npy.status, 2);
  assert.match(npy.stderr, /--engine: duckdb reads CSV, Parquet and JSON Lines; x\.npy/);
  const odd = runCli(['stats', 'table.xlsx', '--engine', 'duckdb']);
  assert.equal(odd.status, 2);
  assert.match(odd.stderr, /--engine: duckdb reads CSV, Parquet and JSON Lines; table\.xlsx is Excel \.xlsx/);
  const engine = runCli(['stats', 'a.csv', '--engine', 'spark']);
  assert.match(engine.stderr, /--engine: 'spark' is not one of ours, duckdb/);
});
