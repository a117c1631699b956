// `npm run bench` (CSV part): per-column statistics of a seeded ~100 MB numeric CSV by the normscope CLI
// (in memory, and by passes as for files over --stream-above) next to papaparse, csv-parse and d3-dsv
// computing per-column mean and std, each tool in its own process so its peak RSS is its own; the file
// z-scored into a new file by normscope and by papaparse (two passes and Papa.unparse); plus the
// copy-bandwidth bound and a scaling check (1×, 4×, 16× the input: time and peak RSS). Median of
// BENCH_RUNS (default 5) after a warm-up. Prints tables with ratios and writes bench/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNumericCsv } from './generate-csv.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MEGABYTES = Number(process.env.BENCH_MB ?? 100);
const SCALING_BASE_MB = Number(process.env.BENCH_SCALING_MB ?? 25);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `node --require rss-hook <args>`; returns wall time, peak RSS and stdout. */
function runNode(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', './bench/rss-hook.cjs', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${child.stderr}`);
  const rss = Number(/peak-rss-kb=(\d+)/.exec(child.stderr)?.[1]) / 1024;
  return { ms, peakRssMb: rss, stdout: child.stdout };
}

function timed(label, args, runs = RUNS) {
  runNode(args); // warm-up (and page cache)
  const results = Array.from({ length: runs }, () => runNode(args));
  process.stderr.write(`  ${label}: ${results.map((r) => r.ms.toFixed(0)).join(', ')} ms\n`);
  return {
    medianMs: median(results.map((r) => r.ms)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
  };
}

const cli = (file, ...flags) => ['dist/cli.cjs', 'stats', file, '--json', ...flags];
const peer = (tool, file) => ['bench/csv-peer.mjs', tool, file];

function copyBandwidthGbPerSecond() {
  const source = new Uint8Array(100e6).fill(7);
  const target = new Uint8Array(100e6);
  const times = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    target.set(source);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return 100e6 / 1e9 / (median(times) / 1e3);
}

async function main() {
  if (!existsSync('dist/cli.cjs')) execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  const dir = join(tmpdir(), 'normscope-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `numeric-${MEGABYTES}mb.csv`);
  const bytes = await generateNumericCsv(file, MEGABYTES);
  process.stderr.write(`input: ${file} (${(bytes / 1e6).toFixed(1)} MB), ${RUNS} runs after a warm-up\n`);

  // Same answers first: the comparison is only fair if every tool computed the same statistics.
  const ours = JSON.parse(runNode(cli(file)).stdout).columns;
  for (const tool of ['papaparse', 'csv-parse', 'd3-dsv']) {
    const theirs = JSON.parse(runNode(peer(tool, file)).stdout);
    theirs.forEach((column, j) => {
      const relative = Math.abs(ours[j].mean - column.mean) / Math.abs(column.std);
      if (!(relative < 1e-9))
        throw new Error(`column ${j}: normscope mean ${ours[j].mean} vs ${tool} ${column.mean}`);
    });
  }

  const gbPerSecond = copyBandwidthGbPerSecond();
  const boundMs = (bytes / 1e9 / gbPerSecond) * 1e3;
  const operation = `csv stats ${(bytes / 1e6).toFixed(0)} MB (per-column mean/std)`;
  const rows = [
    { tool: 'normscope', ...timed('normscope stats (in memory)', cli(file)) },
    {
      tool: 'normscope (passes)',
      ...timed('normscope stats --stream-above 0', cli(file, '--stream-above', '0')),
    },
    ...['papaparse', 'csv-parse', 'd3-dsv'].map((tool) => ({ tool, ...timed(tool, peer(tool, file)) })),
    { tool: 'memory-bandwidth bound (1 read)', medianMs: boundMs, peakRssMb: null },
  ];
  /** results.json rows for one operation; the first row is normscope's, the others compare with it. */
  const resultRows = (operationName, timings, rowBoundMs) =>
    timings.map((row) => ({
      operation: operationName,
      tool: row.tool,
      medianMs: Number(row.medianMs.toFixed(2)),
      throughput: Number((bytes / 1e6 / (row.medianMs / 1e3)).toFixed(1)),
      unit: 'MB/s',
      ratioToBound: Number((row.medianMs / rowBoundMs).toFixed(2)),
      ratioToNormScope: Number((row.medianMs / timings[0].medianMs).toFixed(2)),
      peakRssMb: row.peakRssMb === null ? null : Number(row.peakRssMb.toFixed(0)),
    }));
  const results = resultRows(operation, rows, boundMs);

  // Normalizing: read, fit a z-score, write every value to a new file (the same numbers, checked).
  const written = (name) => join(dir, `normalized-${name}.csv`);
  const normalize = (out, ...flags) => [
    'dist/cli.cjs',
    'normalize',
    file,
    '--method',
    'zscore',
    '--out',
    out,
    '--force',
    ...flags,
  ];
  const normalizeRows = [
    { tool: 'normscope', ...timed('normscope normalize (in memory)', normalize(written('ours'))) },
    {
      tool: 'normscope (passes)',
      ...timed('normscope normalize --stream-above 0', normalize(written('passes'), '--stream-above', '0')),
    },
    {
      tool: 'papaparse (2 passes + unparse)',
      ...timed('papaparse normalize', [
        'bench/csv-peer.mjs',
        'papaparse-normalize',
        file,
        written('papaparse'),
      ]),
    },
  ];
  // The first 200 rows of each output (whole lines from the first 100 kB), value by value.
  const firstValues = (path) =>
    readFileSync(path, 'utf8').slice(0, 1e5).split('\n').slice(1, 201).join(',').split(',').map(Number);
  const [ourValues, peerValues] = [firstValues(written('ours')), firstValues(written('papaparse'))];
  if (ourValues.length !== 200 * 12 || peerValues.length !== ourValues.length)
    throw new Error(`normalized outputs: ${ourValues.length} and ${peerValues.length} values in 200 rows`);
  ourValues.forEach((v, i) => {
    if (!(Math.abs(v - peerValues[i]) <= 1e-9 * Math.max(1, Math.abs(v))))
      throw new Error(`normalized value ${i}: normscope ${v} vs papaparse ${peerValues[i]}`);
  });
  const normalizeOperation = `csv normalize ${(bytes / 1e6).toFixed(0)} MB (z-score, written to a new file)`;
  // Reading the input and writing an output of about its size: twice the one-read bound.
  const normalizeResults = resultRows(normalizeOperation, normalizeRows, 2 * boundMs);
  results.push(...normalizeResults);

  // Scaling: time should grow linearly; by passes, memory should stay flat.
  const scaling = [];
  for (const factor of [1, 4, 16]) {
    const megabytes = SCALING_BASE_MB * factor;
    const scaled = join(dir, `numeric-${megabytes}mb.csv`);
    const scaledBytes = await generateNumericCsv(scaled, megabytes);
    for (const [tool, flags] of [
      ['normscope', ['--stream-above', '100000']],
      ['normscope (passes)', ['--stream-above', '0']],
    ]) {
      const { ms, peakRssMb } = runNode(cli(scaled, ...flags));
      scaling.push({
        operation: `csv stats scaling ${factor}× (${(scaledBytes / 1e6).toFixed(0)} MB)`,
        tool,
        medianMs: Number(ms.toFixed(0)),
        throughput: Number((scaledBytes / 1e6 / (ms / 1e3)).toFixed(1)),
        unit: 'MB/s',
        ratioToBound: Number((ms / ((scaledBytes / 1e9 / gbPerSecond) * 1e3)).toFixed(1)),
        ratioToNormScope: null,
        peakRssMb: Number(peakRssMb.toFixed(0)),
      });
    }
  }

  // Keep the other benchmarks' rows (bench/layers.ts appends its own).
  const path = 'bench/results.json';
  const others = existsSync(path)
    ? JSON.parse(readFileSync(path, 'utf8')).filter((r) => !r.operation.startsWith('csv '))
    : [];
  writeFileSync(path, JSON.stringify([...results, ...scaling, ...others], null, 2) + '\n');
  console.log(
    `\nCSV statistics on ${(bytes / 1e6).toFixed(0)} MB; copy bandwidth ${gbPerSecond.toFixed(1)} GB/s`,
  );
  console.log('| operation | tool | median ms | MB/s | × bound | × normscope | peak RSS MB |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of results)
    console.log(
      `| ${r.operation} | ${r.tool} | ${r.medianMs} | ${r.throughput} | ${r.ratioToBound} | ${r.ratioToNormScope} | ${r.peakRssMb ?? ''} |`,
    );
  console.log('\nScaling (one run each): time should grow linearly; by passes, memory stays flat');
  console.log('| input | tool | ms | MB/s | peak RSS MB |');
  console.log('|---|---|---:|---:|---:|');
  for (const r of scaling)
    console.log(`| ${r.operation} | ${r.tool} | ${r.medianMs} | ${r.throughput} | ${r.peakRssMb} |`);
}

await main();
