// A Parquet file of many row groups reads in bounded memory (--stream-above 0: by passes, whatever its
// size): stats by passes over its row groups gives
// DuckDB's own aggregates, and its peak RSS stays near that of a file a fifth its size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH, scratchDir } from '../../../helpers/cli';
import { duckdb, duckdbRows } from './fixtures';

const RSS_HOOK = fileURLToPath(new URL('../../../../bench/rss-hook.cjs', import.meta.url));

function statsWithPeakRss(file: string): {
  report: { rows: number; columns: Record<string, number | string>[] };
  peakMb: number;
} {
  const result = spawnSync(
    process.execPath,
    ['--require', RSS_HOOK, CLI_PATH, 'stats', file, '--json', '--stream-above', '0'],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  const kb = Number(/peak-rss-kb=(\d+)/.exec(result.stderr)?.[1]);
  return {
    report: JSON.parse(result.stdout) as { rows: number; columns: Record<string, number | string>[] },
    peakMb: kb / 1024,
  };
}

test("stats on a Parquet file of 60 row groups gives DuckDB's mean, std, min, median and max, in memory bounded by a row group", async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const make = (rows: number, file: string) =>
      `copy (select (i * 7919 % 1000003) / 1000.0 as a, sin(i::double) * 1e6 as b, (i % 97)::integer as k,
         case when i % 10 = 0 then null else 'row ' || (i % 13) end as label from range(${rows}) t(i))
       to '${file}' (format parquet, row_group_size 25000)`;
    const big = join(dir, 'big.parquet');
    const small = join(dir, 'small.parquet');
    await duckdb([make(1_500_000, big), make(300_000, small)]);
    const expected = await duckdbRows(
      `select avg(a), stddev_samp(a), min(a), quantile_cont(a, 0.5), max(a), avg(b), stddev_pop(b), count(label) from '${big}'`,
    );
    const large = statsWithPeakRss(big);
    const reference = statsWithPeakRss(small);
    const [a, b, , label] = large.report.columns;
    assert.equal(large.report.rows, 1_500_000);
    const close = (x: unknown, y: unknown) =>
      assert.ok(
        Math.abs(Number(x) - Number(y)) <= 1e-9 * Math.max(1, Math.abs(Number(y))),
        `${String(x)} vs ${String(y)}`,
      );
    const [meanA, stdA, minA, medianA, maxA, meanB, stdPopB, labels] = expected[0];
    close(a.mean, meanA);
    close(a.std, stdA);
    close(a.min, minA);
    close(a.median, medianA);
    close(a.max, maxA);
    close(b.mean, meanB);
    close(b.stdPopulation, stdPopB);
    assert.equal(label.kind, 'text');
    assert.equal(label.count, Number(labels));
    assert.equal(label.missing, 150_000);
    const sizeMb = statSync(big).size / 1e6;
    console.log(
      `peak RSS: ${large.peakMb.toFixed(0)} MB for 1.5 M rows (${sizeMb.toFixed(1)} MB Parquet, 60 row groups), ${reference.peakMb.toFixed(0)} MB for 0.3 M rows`,
    );
    // Five times the rows, about the same memory: one row group at a time, not the table.
    assert.ok(large.peakMb < reference.peakMb * 1.5, `${large.peakMb} MB vs ${reference.peakMb} MB`);
  } finally {
    cleanup();
  }
});
