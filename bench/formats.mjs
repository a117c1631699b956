// `npm run bench` (formats part): Parquet statistics of the seeded ~100 MB numeric table written as
// Parquet by DuckDB, normscope against DuckDB reading the same file in the same run; per-channel
// statistics of a folder of 2,000 256×256 RGB PNGs and one of 2,000 JPEGs (Pillow-written), normscope
// against Pillow + NumPy; and JPEG decoding alone, in one process over the same files: libjpeg-turbo in
// WebAssembly (NormScope's decoder), sharp's native libvips when it is installed, and Pillow.
// Peak RSS of each process. BENCH_RUNS (default 3) after a warm-up; BENCH_MB and BENCH_IMAGES scale it;
// BENCH_PARTS (default parquet,png,jpeg) picks the parts.
// Run it on a quiet machine: timings taken while other work runs are noisy (compare rows within a run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateNumericCsv } from './generate-csv.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MEGABYTES = Number(process.env.BENCH_MB ?? 100);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 2000);
const PARTS = (process.env.BENCH_PARTS ?? 'parquet,png,jpeg').split(',');
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
  console.log('tool'.padEnd(46) + 'median ms'.padStart(11) + 'peak RSS MB'.padStart(13) + '  × normscope');
  for (const row of rows)
    console.log(
      row.label.padEnd(46) +
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

/** Pillow writes `IMAGES` 256×256 RGB tiles of gimp.png with noise, in ten class folders, as `extension`. */
function imageFolder(extension, saveOptions) {
  const root = join(DATA, `images-${IMAGES}${extension === 'png' ? '' : `-${extension}`}`);
  if (existsSync(root)) return { root };
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
    Image.fromarray(np.clip(tile, 0, 255).astype(np.uint8)).save('%s/%d.${extension}' % (d, i)${saveOptions})
`,
    ],
    { encoding: 'utf8' },
  );
  return made.status === 0 ? { root } : { error: made.stderr.trim().split('\n').pop() };
}

function imageBench(extension, title, saveOptions = '') {
  if (!existsSync(PYTHON)) return console.log(`\n${title}: skipped (no /usr/bin/python3 with Pillow)`);
  const { root, error } = imageFolder(extension, saveOptions);
  if (error) return console.log(`\n${title}: skipped (${error})`);
  const rows = [
    timed('normscope stats --json', process.execPath, normscopeStats(root)),
    timed('Pillow + NumPy (one image at a time)', PYTHON, ['-c', PILLOW_STATS, root]),
  ];
  printTable(`image folder stats: ${IMAGES} ${title} (per-channel mean/std over N, H, W)`, rows);
  return root;
}

/** Decoding alone, every file of `root` once per run in one process (bytes read first): ms per image. */
const DECODE_ONLY = {
  'libjpeg-turbo in WebAssembly (@jsquash/jpeg)': `
    const { default: decode, init } = await import('@jsquash/jpeg/decode.js');
    await init(await WebAssembly.compile(readFileSync('dist/mozjpeg_dec.wasm')));
    const decodeOne = (bytes) => decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));`,
  'sharp (native libvips, libjpeg-turbo)': `
    const { default: sharp } = await import('sharp');
    sharp.concurrency(1);
    sharp.cache(false);
    const decodeOne = (bytes) => sharp(bytes).raw().toBuffer();`,
};

function decodeOnlyScript(setup, root) {
  return `
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    ${setup}
    const files = readdirSync(${JSON.stringify(root)}, { recursive: true })
      .filter((name) => name.endsWith('.jpg'))
      .sort()
      .map((name) => readFileSync(join(${JSON.stringify(root)}, name)));
    const times = [];
    for (let run = 0; run <= ${RUNS}; run++) {
      const start = process.hrtime.bigint();
      for (const bytes of files) await decodeOne(bytes);
      if (run > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    process.stdout.write(JSON.stringify({ images: files.length, times }));`;
}

const PILLOW_DECODE = `
import sys, os, io, json, time, resource, numpy as np
from PIL import Image
root = sys.argv[1]
files = sorted(os.path.join(d, f) for d, _, names in os.walk(root) for f in names if f.endswith('.jpg'))
data = [open(f, 'rb').read() for f in files]
times = []
for run in range(${RUNS} + 1):
    start = time.perf_counter()
    for b in data: np.asarray(Image.open(io.BytesIO(b)))
    if run > 0: times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'images': len(files), 'times': times}))
sys.stderr.write('peak-rss-kb=%d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

function decodeOnlyBench(root) {
  const rows = [];
  for (const [label, setup] of Object.entries(DECODE_ONLY)) {
    if (label.startsWith('sharp') && spawnSync(process.execPath, ['-e', "require('sharp')"]).status !== 0) {
      console.log(`  ${label}: not installed, not measured`);
      continue;
    }
    const result = run(process.execPath, [
      '--require',
      './bench/rss-hook.cjs',
      '--input-type=module',
      '-e',
      decodeOnlyScript(setup, root),
    ]);
    rows.push({ label, ...JSON.parse(result.stdout), peakRssMb: result.peakRssMb });
  }
  const pillow = run(PYTHON, ['-c', PILLOW_DECODE, root]);
  rows.push({
    label: 'Pillow (Image.open + np.asarray)',
    ...JSON.parse(pillow.stdout),
    peakRssMb: pillow.peakRssMb,
  });
  for (const row of rows)
    process.stderr.write(`  ${row.label}: ${row.times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
  printTable(
    `JPEG decoding alone: ${rows[0].images} JPEG 256×256 in one process, bytes in memory (ms for all)`,
    rows.map((row) => ({ label: row.label, medianMs: median(row.times), peakRssMb: row.peakRssMb })),
  );
}

if (PARTS.includes('parquet')) await parquetBench();
if (PARTS.includes('png')) imageBench('png', 'PNG 256×256 RGB');
if (PARTS.includes('jpeg')) {
  const root = imageBench('jpg', 'JPEG 256×256 RGB (quality 90, 4:2:0)', ', quality=90');
  if (root) decodeOnlyBench(root);
}
