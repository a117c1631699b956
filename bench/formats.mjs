// `npm run bench` (formats part): Parquet statistics of the seeded ~100 MB numeric table written as
// Parquet by DuckDB, normscope against DuckDB reading the same file in the same run; per-channel
// statistics of a folder of 2,000 256×256 RGB PNGs (Pillow-written), normscope against Pillow + NumPy.
// Peak RSS of each process. BENCH_RUNS (default 3) after a warm-up; BENCH_MB and BENCH_IMAGES scale it.
// Run it on a quiet machine: timings taken while other work runs are noisy (compare rows within a run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateNumericCsv } from './generate-csv.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MEGABYTES = Number(process.env.BENCH_MB ?? 100);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 2000);
const DATA = 'bench/data';
const PYTHON = '/usr/bin/python3';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One process run: wall time and peak RSS (node through rss-hook, python through its own report). */
function run(command, args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${child.stderr}`);
  const kb = Number(/peak-rss-kb=(\d+)/.exec(child.stderr)?.[1]);
  return { ms, peakRssMb: kb / 1024, stdout: child.stdout };
}

function timed(label, command, args) {
  run(command, args); // warm-up (and page cache)
  const results = Array.from({ length: RUNS }, () => run(command, args));
  process.stderr.write(`  ${label}: ${results.map((r) => r.ms.toFixed(0)).join(', ')} ms\n`);
  return {
    label,
    medianMs: median(results.map((r) => r.ms)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    stdout: results[0].stdout,
  };
}

/** `normscope stats PATH --json` under the peak-RSS hook. */
const normscopeStats = (path) => [
  '--require',
  './bench/rss-hook.cjs',
  'dist/cli.cjs',
  'stats',
  path,
  '--json',
];

function printTable(operation, rows) {
  console.log(`\n${operation}`);
  console.log('tool'.padEnd(34) + 'median ms'.padStart(11) + 'peak RSS MB'.padStart(13) + '  × normscope');
  for (const row of rows)
    console.log(
      row.label.padEnd(34) +
        row.medianMs.toFixed(0).padStart(11) +
        row.peakRssMb.toFixed(0).padStart(13) +
        `  ${(row.medianMs / rows[0].medianMs).toFixed(2)}`,
    );
}

async function parquetBench() {
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `numeric-${MEGABYTES}mb.csv`);
  await generateNumericCsv(csv, MEGABYTES);
  const parquet = join(DATA, `numeric-${MEGABYTES}mb.parquet`);
  if (!existsSync(parquet)) {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(
      `copy (select * from read_csv('${csv}')) to '${parquet}' (format parquet, compression snappy)`,
    );
    connection.closeSync();
  }
  const columns = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(require('fs').readFileSync('${csv}','utf8').slice(0,4096).split('\\n')[0])`],
    { encoding: 'utf8' },
  ).stdout.split(',');
  const aggregates = columns
    .map(
      (c) =>
        `avg("${c}"), stddev_samp("${c}"), min("${c}"), quantile_cont("${c}", [0.25, 0.5, 0.75]), max("${c}")`,
    )
    .join(', ');
  const duckScript = `
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const c = await db.connect();
    const rows = (await c.runAndReadAll(${JSON.stringify(`select count(*), ${aggregates} from '${parquet}'`)})).getRows();
    process.stdout.write(String(rows[0].length));`;
  const rows = [
    timed('normscope stats --json', process.execPath, normscopeStats(parquet)),
    timed('DuckDB (1 thread) same aggregates', process.execPath, [
      '--require',
      './bench/rss-hook.cjs',
      '--input-type=module',
      '-e',
      duckScript,
    ]),
  ];
  printTable(
    `parquet stats ${(statSync(parquet).size / 1e6).toFixed(0)} MB Parquet (${MEGABYTES} MB as CSV; mean, std, min, quartiles, max)`,
    rows,
  );
}

const PILLOW_STATS = `
import sys, os, resource, numpy as np
from PIL import Image
root = sys.argv[1]
n = 0; s = np.zeros(3); s2 = np.zeros(3)
for dirpath, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        x = np.asarray(Image.open(os.path.join(dirpath, name)).convert('RGB'), dtype=np.float64).reshape(-1, 3) / 255
        n += x.shape[0]; s += x.sum(0); s2 += (x * x).sum(0)
mean = s / n
print(mean.tolist(), np.sqrt(s2 / n - mean ** 2).tolist())
sys.stderr.write('peak-rss-kb=%d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

function imageBench() {
  if (!existsSync(PYTHON)) return console.log('\nimage stats: skipped (no /usr/bin/python3 with Pillow)');
  const root = join(DATA, `images-${IMAGES}`);
  if (!existsSync(root)) {
    const made = spawnSync(
      PYTHON,
      [
        '-c',
        `
from PIL import Image
import numpy as np, os
src = np.asarray(Image.open('node_modules/vega-datasets/data/gimp.png').convert('RGB').resize((512, 512)))
rng = np.random.default_rng(1)
for i in range(${IMAGES}):
    d = '${root}/class%d' % (i % 10); os.makedirs(d, exist_ok=True)
    x, y = rng.integers(0, 256, 2)
    tile = src[y:y+256, x:x+256].astype(np.int16) + rng.integers(-20, 21, (256, 256, 3))
    Image.fromarray(np.clip(tile, 0, 255).astype(np.uint8)).save('%s/%d.png' % (d, i))
`,
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0)
      return console.log(`\nimage stats: skipped (${made.stderr.trim().split('\n').pop()})`);
  }
  const rows = [
    timed('normscope stats --json', process.execPath, normscopeStats(root)),
    timed('Pillow + NumPy (one image at a time)', PYTHON, ['-c', PILLOW_STATS, root]),
  ];
  printTable(`image folder stats: ${IMAGES} PNG 256×256 RGB (per-channel mean/std over N, H, W)`, rows);
}

await parquetBench();
imageBench();
