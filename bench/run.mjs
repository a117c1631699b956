// `npm run bench`: the CLI's `stats` on a seeded ~100 MB numeric CSV next to papaparse and csv-parse
// computing the same per-column mean and std in the same run, plus the copy-bandwidth bound.
// Median of several runs after a warm-up; prints a table with ratios and writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parse as csvParse } from 'csv-parse';
import { generateNumericCsv } from './generate-csv.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MEGABYTES = Number(process.env.BENCH_MB ?? 100);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(label, body) {
  await body(); // warm-up (and page cache)
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  process.stderr.write(`  ${label}: ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
  return median(times);
}

/** Per-column Welford accumulators, the work every peer does per value. */
function accumulators(columns) {
  const n = new Float64Array(columns);
  const mean = new Float64Array(columns);
  const m2 = new Float64Array(columns);
  return {
    add(j, v) {
      if (typeof v !== 'number' || Number.isNaN(v)) return;
      n[j]++;
      const d = v - mean[j];
      mean[j] += d / n[j];
      m2[j] += d * (v - mean[j]);
    },
    result: () => Array.from(mean, (m, j) => ({ mean: m, std: Math.sqrt(m2[j] / (n[j] - 1)) })),
  };
}

function papaparseStats(file) {
  return new Promise((resolve, reject) => {
    let acc;
    let header = true;
    Papa.parse(createReadStream(file), {
      dynamicTyping: true,
      skipEmptyLines: true,
      step: ({ data }) => {
        if (header) {
          header = false;
          acc = accumulators(data.length);
          return;
        }
        for (let j = 0; j < data.length; j++) acc.add(j, data[j]);
      },
      complete: () => resolve(acc.result()),
      error: reject,
    });
  });
}

function csvParseStats(file) {
  return new Promise((resolve, reject) => {
    let acc;
    const parser = createReadStream(file).pipe(csvParse({ from_line: 2, cast: true }));
    parser.on('data', (record) => {
      acc ??= accumulators(record.length);
      for (let j = 0; j < record.length; j++) acc.add(j, record[j]);
    });
    parser.on('end', () => resolve(acc.result()));
    parser.on('error', reject);
  });
}

function cliStats(file) {
  return JSON.parse(
    execFileSync(process.execPath, ['dist/cli.cjs', 'stats', file, '--json'], {
      maxBuffer: 1 << 26,
    }).toString(),
  );
}

function copyBandwidthMs(bytes) {
  const source = new Uint8Array(100e6).fill(7);
  const target = new Uint8Array(100e6);
  const times = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    target.set(source);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const gbPerSecond = 100e6 / 1e9 / (median(times) / 1e3);
  return { gbPerSecond, boundMs: (bytes / 1e9 / gbPerSecond) * 1e3 };
}

async function main() {
  if (!existsSync('dist/cli.cjs')) execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  const dir = join(tmpdir(), 'normscope-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `numeric-${MEGABYTES}mb.csv`);
  const bytes = await generateNumericCsv(file, MEGABYTES);
  process.stderr.write(`input: ${file} (${(bytes / 1e6).toFixed(1)} MB), ${RUNS} runs after a warm-up\n`);

  // Same answers first: the comparison is only fair if every tool computed the same statistics.
  const ours = cliStats(file).columns;
  const theirs = await papaparseStats(file);
  for (let j = 0; j < theirs.length; j++) {
    const relative = Math.abs(ours[j].mean - theirs[j].mean) / Math.abs(theirs[j].std);
    if (!(relative < 1e-9))
      throw new Error(`column ${j}: normscope mean ${ours[j].mean} vs papaparse ${theirs[j].mean}`);
  }

  const { gbPerSecond, boundMs } = copyBandwidthMs(bytes);
  const rows = [
    {
      operation: 'csv stats (per-column mean/std)',
      tool: 'normscope',
      medianMs: await timed('normscope stats (CLI process)', () => cliStats(file)),
    },
    {
      operation: 'csv stats (per-column mean/std)',
      tool: 'papaparse',
      medianMs: await timed('papaparse stream', () => papaparseStats(file)),
    },
    {
      operation: 'csv stats (per-column mean/std)',
      tool: 'csv-parse',
      medianMs: await timed('csv-parse stream', () => csvParseStats(file)),
    },
    {
      operation: 'csv stats (per-column mean/std)',
      tool: 'memory-bandwidth bound (1 read)',
      medianMs: boundMs,
    },
  ];
  const oursMs = rows[0].medianMs;
  const results = rows.map((row) => ({
    ...row,
    medianMs: Number(row.medianMs.toFixed(2)),
    throughput: Number((bytes / 1e6 / (row.medianMs / 1e3)).toFixed(1)),
    unit: 'MB/s',
    ratioToBound: Number((row.medianMs / boundMs).toFixed(2)),
    ratioToNormScope: Number((row.medianMs / oursMs).toFixed(2)),
    peakRssMb: null,
  }));
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  console.log(
    `\nCSV statistics on ${(bytes / 1e6).toFixed(0)} MB (${statSync(file).size} bytes); copy bandwidth ${gbPerSecond.toFixed(1)} GB/s`,
  );
  console.log('| tool | median ms | MB/s | × bound | × normscope |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of results)
    console.log(
      `| ${r.tool} | ${r.medianMs} | ${r.throughput} | ${r.ratioToBound} | ${r.ratioToNormScope} |`,
    );
}

await main();
