// `npm run bench` (DuckDB part): `stats` and `fit --method robust` on a seeded numeric CSV of
// BENCH_DUCKDB_MB MB (default 1000) and on the same rows as Parquet (written by DuckDB), by our engine
// (the CSV read in passes, as for any file over --stream-above) and by `--engine duckdb`; wall time and
// peak RSS per process (VmHWM, native memory included), median of BENCH_DUCKDB_RUNS (default 1) after a
// warm-up. Both engines' answers are checked equal before anything is timed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateNumericCsv } from './generate-csv.mjs';

const MEGABYTES = Number(process.env.BENCH_DUCKDB_MB ?? 1000);
const RUNS = Number(process.env.BENCH_DUCKDB_RUNS ?? 1);

function runCli(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', './bench/rss-hook.cjs', 'dist/cli.cjs', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`normscope ${args.join(' ')} failed: ${child.stderr}`);
  return { ms, peakRssMb: Number(/peak-rss-kb=(\d+)/.exec(child.stderr)?.[1]) / 1024, stdout: child.stdout };
}

function timed(args) {
  runCli(args);
  const runs = Array.from({ length: RUNS }, () => runCli(args));
  const sorted = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { ms: sorted('ms'), peakRssMb: sorted('peakRssMb') };
}

async function main() {
  const dir = join(tmpdir(), 'normscope-bench');
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `numeric-${MEGABYTES}mb.csv`);
  const bytes = await generateNumericCsv(csv, MEGABYTES);
  const parquet = join(dir, `numeric-${MEGABYTES}mb.parquet`);
  if (!existsSync(parquet)) {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(
      `COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    db.closeSync();
  }
  process.stderr.write(
    `DuckDB bench: ${csv} (${(bytes / 1e6).toFixed(0)} MB) and ${parquet} (${(statSync(parquet).size / 1e6).toFixed(0)} MB), ${RUNS} run(s) after a warm-up\n`,
  );

  // Same answers first.
  const ours = JSON.parse(runCli(['stats', csv, '--json']).stdout).columns;
  const theirs = JSON.parse(runCli(['stats', parquet, '--json', '--engine', 'duckdb']).stdout).columns;
  ours.forEach((c, j) => {
    for (const field of ['mean', 'std', 'min', 'median', 'max']) {
      // A mean is compared to the spread (its magnitude can be near 0), the rest to themselves.
      const size = field === 'mean' ? c.std : Math.abs(c[field]);
      const rel = Math.abs(c[field] - theirs[j][field]) / Math.max(size, 1e-300);
      if (!(rel < 1e-12))
        throw new Error(`${c.name}.${field}: ours ${c[field]} vs duckdb ${theirs[j][field]}`);
    }
  });
  const paramsOut = (name) => join(dir, `bench-${name}.json`);
  const rows = [
    ['stats', 'ours', 'CSV', ['stats', csv, '--json']],
    ['stats', 'duckdb', 'CSV', ['stats', csv, '--json', '--engine', 'duckdb']],
    ['stats', 'duckdb', 'Parquet', ['stats', parquet, '--json', '--engine', 'duckdb']],
    ['fit robust', 'ours', 'CSV', ['fit', csv, '--method', 'robust', '--out', paramsOut('ours'), '--force']],
    [
      'fit robust',
      'duckdb',
      'CSV',
      ['fit', csv, '--method', 'robust', '--out', paramsOut('duck-csv'), '--force', '--engine', 'duckdb'],
    ],
    [
      'fit robust',
      'duckdb',
      'Parquet',
      ['fit', parquet, '--method', 'robust', '--out', paramsOut('duck-pq'), '--force', '--engine', 'duckdb'],
    ],
  ].map(([task, engine, format, args]) => ({ task, engine, format, ...timed(args) }));
  const robust = (name) => JSON.parse(readFileSync(paramsOut(name), 'utf8')).scaler.state.center;
  const [a, b] = [robust('ours'), robust('duck-pq')];
  if (a.some((v, j) => Math.abs(v - b[j]) > 1e-12 * Math.abs(v)))
    throw new Error(`robust centers differ: ${a} vs ${b}`);
  for (const name of ['ours', 'duck-csv', 'duck-pq']) rmSync(paramsOut(name), { force: true });

  const base = (task) => rows.find((r) => r.task === task && r.engine === 'ours');
  console.log(
    `\nDuckDB engine vs ours on ${(bytes / 1e6).toFixed(0)} MB of CSV (12 numeric columns) and the same rows as Parquet`,
  );
  console.log('task        engine         input     time (s)  ×ours   peak RSS (MB)  ×ours');
  for (const r of rows) {
    const o = base(r.task);
    console.log(
      `${r.task.padEnd(11)} ${r.engine.padEnd(14)} ${r.format.padEnd(8)} ${(r.ms / 1e3).toFixed(2).padStart(9)} ${(r.ms / o.ms).toFixed(2).padStart(6)} ${r.peakRssMb.toFixed(0).padStart(15)} ${(r.peakRssMb / o.peakRssMb).toFixed(2).padStart(6)}`,
    );
  }
}

await main();
