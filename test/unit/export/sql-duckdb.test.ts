// `normscope export --to sql --dialect duckdb`, executed in DuckDB on real CSVs: fitted on the train
// split, applied to the test split, equal to the engine's transform (what `normscope transform` writes).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createScaler } from '../../../src/engine/scale/registry';
import type { ScalingMethod } from '../../../src/engine/scale/scaler';
import { exportSql } from '../../../src/engine/export/targets';
import { readDataFile, selectColumns } from '../../../src/io/node/data-files';
import { scratchDir } from '../../helpers/cli';
import { maxErrorRatio } from '../../helpers/close';
import { openDuckDb, queryColumns } from '../../helpers/duckdb';
import { realSplits, type RealSplit } from '../../helpers/real-datasets';

/**
 * For time, `wide: false` skips the 30-column table and `onlyDuckDb` the dialects that cast constants
 * from text: 1000 landmarks × 30 columns is a 2.5 MB query that DuckDB takes seconds to plan.
 */
const CASES: {
  method: ScalingMethod;
  options?: Record<string, unknown>;
  rel: number;
  wide?: false;
  onlyDuckDb?: true;
}[] = [
  { method: 'minmax', rel: 1e-12 },
  { method: 'minmax', options: { featureRange: [-1, 1], clip: true }, rel: 1e-12 },
  { method: 'zscore', rel: 1e-12 },
  { method: 'zscore', options: { withMean: false }, rel: 1e-12 },
  { method: 'zscore', options: { withStd: false }, rel: 1e-12 },
  { method: 'scale', options: { divisor: 255 }, rel: 1e-12 },
  { method: 'robust', rel: 1e-12 },
  { method: 'robust', options: { quantileRange: [10, 90], unitVariance: true }, rel: 1e-12 },
  { method: 'maxabs', rel: 1e-12 },
  { method: 'l1', rel: 1e-12 },
  { method: 'l2', rel: 1e-12 },
  { method: 'max', rel: 1e-12 },
  { method: 'quantile', options: { nQuantiles: 50 }, rel: 1e-12 },
  { method: 'quantile', rel: 1e-12, wide: false, onlyDuckDb: true },
  {
    method: 'quantile',
    options: { outputDistribution: 'normal' },
    rel: 1e-12,
    wide: false,
    onlyDuckDb: true,
  },
  { method: 'yeo-johnson', rel: 1e-9 },
  { method: 'yeo-johnson', options: { standardize: false }, rel: 1e-9 },
];

let scratch: ReturnType<typeof scratchDir>;
let splits: RealSplit[];
let duck: DuckDBConnection;

before(async () => {
  scratch = scratchDir('normscope-sql-');
  splits = realSplits(scratch.dir);
  duck = await openDuckDb();
});
after(() => {
  duck.closeSync();
  scratch.cleanup();
});

for (const { method, options, rel, wide, onlyDuckDb } of CASES) {
  test(`exportSql(${method} ${JSON.stringify(options ?? {})}, duckdb) run in DuckDB on the test split equals the engine's transform`, async () => {
    for (const split of splits) {
      if (wide === false && split.columns.length > 20) continue;
      const train = selectColumns(await readDataFile(split.train), split.columns);
      const testData = selectColumns(await readDataFile(split.test), split.columns);
      const scaler = createScaler(method, options).fit(train.matrix);
      const expected = scaler.transform(testData.matrix);
      // Postgres' and Snowflake's spellings run in DuckDB too (double quotes, CAST from text).
      for (const dialect of onlyDuckDb
        ? (['duckdb'] as const)
        : (['duckdb', 'postgres', 'snowflake'] as const)) {
        const sql = exportSql(scaler.toJSON(), train.names, {
          dialect,
          table: `read_csv('${split.test}', header = true)`,
          withRest: false,
        });
        const got = await queryColumns(duck, sql);
        assert.deepEqual([...got.keys()], split.columns, `${split.name}: output columns`);
        split.columns.forEach((name, j) => {
          const want = Float64Array.from(
            { length: expected.rows },
            (_, i) => expected.data[i * expected.cols + j],
          );
          const ratio = maxErrorRatio(got.get(name)!, want, { rel, abs: rel * 1e-3 });
          assert.ok(ratio <= 1, `${dialect} ${split.name}.${name}: error ${ratio}× the tolerance ${rel}`);
        });
      }
    }
  });
}
