// Large CSVs by passes (--stream-above): the same statistics and outputs as the in-memory path, bit for
// bit where the arithmetic is the same (moments, quantiles, min-max, max-abs, robust, row norms) and to
// rounding where batches merge (z-score's Chan merge); refusals that say why; a file that changes
// between passes or a cancelled read fails without writing anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir } from '../../helpers/cli';
import { describeCsvInPasses } from '../../../src/io/node/csv-passes';

/** ~3 MB: several 1 MiB chunks, with missing values, a text column, quoted fields, ties and an outlier. */
function writeMixedCsv(path: string): void {
  let seed = 11;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const lines = ['id,"price, usd",label,count,ratio'];
  for (let i = 0; i < 40_000; i++) {
    const price = i === 777 ? '1e9' : (next() * 1000 - 200).toFixed(4);
    const count = i % 13 === 0 ? '' : String(Math.floor(next() * 5));
    const ratio = i % 101 === 0 ? 'NaN' : (next() ** 3).toPrecision(17);
    lines.push(`${i},${price},"label ${i % 7}, quoted",${count},${ratio}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

test('stats by passes prints exactly the in-memory statistics (numbers, text column, counts)', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'mixed.csv');
    writeMixedCsv(file);
    for (const input of [file, 'samples/housing.csv', 'samples/sensors.tsv']) {
      const inMemory = runCli(['stats', input, '--json']);
      const passes = runCli(['stats', input, '--json', '--stream-above', '0']);
      assert.equal(passes.status, 0, passes.stderr);
      assert.equal(passes.stdout, inMemory.stdout, input);
    }
    const report = JSON.parse(runCli(['stats', file, '--json', '--stream-above', '0']).stdout) as {
      rows: number;
      columns: { name: string; kind: string; count: number; missing: number; max: number | null }[];
    };
    assert.equal(report.rows, 40_000);
    assert.deepEqual(
      report.columns.map((c) => [c.name, c.kind, c.count, c.missing]),
      [
        ['id', 'numeric', 40_000, 0],
        ['price, usd', 'numeric', 40_000, 0],
        ['label', 'text', 40_000, 0],
        ['count', 'numeric', 36_923, 3077],
        ['ratio', 'numeric', 39_603, 397],
      ],
    );
    assert.equal(report.columns[1].max, 1e9);
  } finally {
    cleanup();
  }
});

test('normalize by passes writes the in-memory output: byte for byte, or to rounding for z-scores', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'mixed.csv');
    writeMixedCsv(file);
    const methods: [string, ...string[]][] = [
      ['minmax', '--range', '-1,1'],
      ['maxabs'],
      ['robust', '--quantile-range', '10,90'],
      ['l2'],
      ['zscore'],
    ];
    for (const [method, ...flags] of methods) {
      const whole = join(dir, `${method}-whole.csv`);
      const streamed = join(dir, `${method}-passes.csv`);
      assert.equal(runCli(['normalize', file, '--method', method, ...flags, '--out', whole]).status, 0);
      const run = runCli([
        'normalize',
        file,
        '--method',
        method,
        ...flags,
        '--out',
        streamed,
        '--stream-above',
        '0',
      ]);
      assert.equal(run.status, 0, run.stderr);
      const [a, b] = [readFileSync(whole, 'utf8'), readFileSync(streamed, 'utf8')];
      if (method !== 'zscore') {
        assert.equal(b, a, method);
        continue;
      }
      const rows = (text: string) => text.trim().split('\n').slice(1);
      const [ra, rb] = [rows(a), rows(b)];
      assert.equal(rb.length, ra.length);
      for (let i = 0; i < ra.length; i += 97) {
        const x = ra[i].split(',').map(Number);
        const y = rb[i].split(',').map(Number);
        x.forEach((v, k) => {
          if (Number.isNaN(v)) assert.ok(Number.isNaN(y[k]));
          else
            assert.ok(
              Math.abs(y[k] - v) <= 1e-12 * Math.max(1, Math.abs(v)),
              `row ${i} field ${k}: ${y[k]} vs ${v}`,
            );
        });
      }
    }
  } finally {
    cleanup();
  }
});

test('normalize by passes refuses the methods that need every value at once, naming them, and writes nothing', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const out = join(dir, 'out.csv');
    const run = runCli([
      'normalize',
      'samples/housing.csv',
      '--method',
      'quantile',
      '--out',
      out,
      '--stream-above',
      '0',
    ]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /--method: quantile needs every value in memory at once, and samples\/housing\.csv is over --stream-above \(0 MB\)/,
    );
    assert.match(run.stderr, /minmax, zscore, scale, robust, maxabs, l1, l2, max/);
    assert.equal(existsSync(out), false);
    assert.match(runCli(['stats', 'samples/housing.csv', '--stream-above', 'lots']).stderr, /--stream-above/);
  } finally {
    cleanup();
  }
});

test('a file that grows between passes is refused, and an aborted read stops with its reason', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const file = join(dir, 'growing.csv');
    writeMixedCsv(file);
    let appended = false;
    await assert.rejects(
      describeCsvInPasses(file, [0.5], {
        onProgress: (_read, _total, pass) => {
          if (pass === 2 && !appended) {
            appended = true;
            appendFileSync(file, '1,2,x,3,4\n'.repeat(10));
          }
        },
      }),
      /growing\.csv: changed while it was being read \(40000 rows, then 40010\)/,
    );
    const controller = new AbortController();
    await assert.rejects(
      describeCsvInPasses(file, [0.5], {
        signal: controller.signal,
        onProgress: () => controller.abort(new Error('stopped by the test')),
      }),
      /stopped by the test/,
    );
  } finally {
    cleanup();
  }
});
