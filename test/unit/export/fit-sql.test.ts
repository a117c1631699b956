// `normscope fit-sql`: the aggregate query, run in DuckDB on real CSVs (DuckDB's, Postgres' and
// Snowflake's spellings), gives the statistics our engine fits; the others as golden text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fitSql } from '../../../src/engine/export/fit-sql';
import { createScaler } from '../../../src/engine/scale/registry';
import type { ScalingMethod } from '../../../src/engine/scale/scaler';
import type { QuantileTransformer } from '../../../src/engine/scale/quantile-transformer';
import { readDataFile, selectColumns } from '../../../src/io/node/data-files';
import { runCli, scratchDir } from '../../helpers/cli';
import { maxErrorRatio } from '../../helpers/close';
import { openDuckDb } from '../../helpers/duckdb';
import { realSplits, type RealSplit } from '../../helpers/real-datasets';

let scratch: ReturnType<typeof scratchDir>;
let splits: RealSplit[];
let duck: DuckDBConnection;
before(async () => {
  scratch = scratchDir('normscope-fit-sql-');
  splits = realSplits(scratch.dir).filter((s) => s.columns.length <= 13);
  duck = await openDuckDb();
});
after(() => {
  duck.closeSync();
  scratch.cleanup();
});

/** The engine's fitted state as fit-sql's column names. */
function expectedRow(
  method: ScalingMethod,
  options: Record<string, unknown>,
  names: string[],
  fitted: ReturnType<typeof createScaler>,
): Record<string, number> {
  const s = fitted.toJSON().state as Record<string, number[] & number[][]> & {
    nSamplesSeen: number & number[];
  };
  const row: Record<string, number> = {};
  names.forEach((c, j) => {
    switch (method) {
      case 'minmax':
        row.n_samples_seen = s.nSamplesSeen;
        row[`${c}__data_min`] = s.dataMin[j];
        row[`${c}__data_max`] = s.dataMax[j];
        break;
      case 'zscore':
        row[`${c}__n_samples_seen`] = s.nSamplesSeen[j];
        row[`${c}__mean`] = s.mean[j];
        row[`${c}__var`] = s.var[j];
        break;
      case 'maxabs':
        row.n_samples_seen = s.nSamplesSeen;
        row[`${c}__max_abs`] = s.maxAbs[j];
        break;
      case 'quantile':
        (fitted as QuantileTransformer).quantiles[j].forEach((q, i) => (row[`${c}__q${i}`] = q));
        break;
      default:
        throw new Error(`no expectation for ${method} ${JSON.stringify(options)}`);
    }
  });
  return row;
}

const CASES: { method: ScalingMethod; options: Record<string, unknown> }[] = [
  { method: 'minmax', options: {} },
  { method: 'zscore', options: {} },
  { method: 'maxabs', options: {} },
  { method: 'quantile', options: { nQuantiles: 20 } },
];

for (const { method, options } of CASES) {
  test(`fitSql(${method}) run in DuckDB gives the statistics our engine fits, for the DuckDB, Postgres and Snowflake spellings`, async () => {
    for (const split of splits) {
      const selection = selectColumns(await readDataFile(split.train), split.columns);
      const fitted = createScaler(method, options).fit(selection.matrix);
      const expected = expectedRow(method, options, selection.names, fitted);
      for (const dialect of ['duckdb', 'postgres', 'snowflake'] as const) {
        const sql = fitSql(method, options, {
          dialect,
          table: `read_csv('${split.train}', header = true)`,
          columns: split.columns,
        });
        const [row] = (await duck.runAndReadAll(sql)).getRowObjectsJS();
        for (const [key, want] of Object.entries(expected)) {
          const got = row[key] === null ? NaN : Number(row[key]);
          // Raw quantiles are not yet made non-decreasing; on real data they already are.
          assert.ok(
            maxErrorRatio([got], [want], { rel: 1e-12, abs: 1e-300 }) <= 1,
            `${dialect} ${split.name} ${key}: ${got} vs ${want}`,
          );
        }
      }
    }
  });
}

test('fitSql(robust) gives the median and the quartile range our robust scaler uses', async () => {
  const split = splits[0];
  const selection = selectColumns(await readDataFile(split.train), split.columns);
  const robust = createScaler('robust').fit(selection.matrix).toJSON().state as {
    center: number[];
    scale: number[];
  };
  const [row] = (
    await duck.runAndReadAll(
      fitSql(
        'robust',
        {},
        { dialect: 'duckdb', table: `read_csv('${split.train}')`, columns: split.columns },
      ),
    )
  ).getRowObjectsJS();
  split.columns.forEach((c, j) => {
    assert.ok(maxErrorRatio([Number(row[`${c}__p50`])], [robust.center[j]], { rel: 1e-12 }) <= 1, `${c} p50`);
    const spread = Number(row[`${c}__p75`]) - Number(row[`${c}__p25`]);
    assert.ok(maxErrorRatio([spread === 0 ? 1 : spread], [robust.scale[j]], { rel: 1e-12 }) <= 1, `${c} iqr`);
  });
});

test('fitSql writes each dialect its exact percentile aggregate (golden text)', () => {
  const text = (dialect: 'spark' | 'bigquery' | 'postgres') =>
    fitSql('robust', {}, { dialect, table: 't', columns: ['x'] })
      .split('\n')
      .slice(2)
      .join('\n');
  assert.equal(
    text('spark'),
    'SELECT\n  percentile(CAST(`x` AS DOUBLE), 0.5D) AS `x__p50`,\n  percentile(CAST(`x` AS DOUBLE), 0.25D) AS `x__p25`,\n  percentile(CAST(`x` AS DOUBLE), 0.75D) AS `x__p75`\nFROM t',
  );
  assert.equal(
    text('bigquery'),
    'SELECT\n  PERCENTILE_CONT(CAST(`x` AS FLOAT64), 0.5) OVER () AS `x__p50`,\n  PERCENTILE_CONT(CAST(`x` AS FLOAT64), 0.25) OVER () AS `x__p25`,\n  PERCENTILE_CONT(CAST(`x` AS FLOAT64), 0.75) OVER () AS `x__p75`\nFROM t\nLIMIT 1',
  );
  assert.match(
    text('postgres'),
    /percentile_cont\(CAST\('0\.5' AS DOUBLE PRECISION\)\) WITHIN GROUP \(ORDER BY CAST\("x" AS DOUBLE PRECISION\)\) AS "x__p50"/,
  );
});

test('normscope fit-sql refuses Yeo-Johnson and stateless methods, and needs --columns', () => {
  const yj = runCli([
    'fit-sql',
    '--method',
    'yeo-johnson',
    '--table',
    't',
    '--dialect',
    'duckdb',
    '--columns',
    'a',
  ]);
  assert.equal(yj.status, 2);
  assert.match(yj.stderr, /--method: yeo-johnson's λ maximises a likelihood/);
  const noColumns = runCli(['fit-sql', '--method', 'zscore', '--table', 't', '--dialect', 'duckdb']);
  assert.match(noColumns.stderr, /--columns: is required/);
  const ok = runCli([
    'fit-sql',
    '--method',
    'zscore',
    '--table',
    'sales',
    '--dialect',
    'spark',
    '--columns',
    'price',
  ]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /VAR_POP\(CAST\(`price` AS DOUBLE\)\) AS `price__var`\nFROM sales/);
});
