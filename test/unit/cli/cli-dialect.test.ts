import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeText } from '../../../src/io/csv/encoding';
import { runCli, scratchDir } from '../../helpers/cli';

function withDir(body: (dir: string) => void): void {
  const { dir, cleanup } = scratchDir();
  try {
    body(dir);
  } finally {
    cleanup();
  }
}

const inspectJson = (file: string, ...flags: string[]) => {
  const result = runCli(['inspect', file, '--json', ...flags]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

test('normscope inspect --json reports encoding, decimal, skipped lines, header line and confidence', () =>
  withDir((dir) => {
    const file = join(dir, 'export.csv');
    writeFileSync(
      file,
      encodeText('Gerät XYZ;;\nOrt;Wert;N\nCafé – Süd;1,5;3\nStraße;2,25;4\n', 'windows-1252'),
    );
    const report = inspectJson(file);
    assert.equal(report.encoding, 'windows-1252');
    assert.equal(report.delimiter, ';');
    assert.equal(report.decimal, ',');
    assert.deepEqual(report.skippedLines, [1]);
    assert.equal(report.headerLine, 2);
    assert.ok(typeof report.confidence === 'number' && report.confidence > 0.8, String(report.confidence));
    assert.deepEqual(report.rows, [
      ['Café – Süd', '1,5', '3'],
      ['Straße', '2,25', '4'],
    ]);
  }));

test('normscope inspect honours --delimiter, --decimal, --skip-rows, --header/--no-header, --na-values, --encoding, --thousands', () =>
  withDir((dir) => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'note\nx|y\n1.234,5|-999\n2,5|7\n');
    const flags = ['--decimal', ',', '--thousands', '.', '--skip-rows', '1', '--na-values', '-999'];
    const report = inspectJson(file, '--delimiter', 'pipe', ...flags);
    assert.deepEqual([report.delimiter, report.decimal, report.headerLine], ['|', ',', 2]);
    const stats = runCli(['stats', file, '--json', '--delimiter', '|', ...flags]);
    const columns = (JSON.parse(stats.stdout) as { columns: { mean: number; missing: number }[] }).columns;
    assert.deepEqual([columns[0].mean, columns[1].missing, columns[1].mean], [(1234.5 + 2.5) / 2, 1, 7]);
    const numbers = join(dir, 'n.csv');
    writeFileSync(numbers, '1,2\n3,4\n');
    assert.equal(inspectJson(numbers, '--header').rowCount, 1);
    assert.equal(inspectJson(numbers, '--no-header').rowCount, 2);
    const latin = join(dir, 'latin.csv');
    writeFileSync(latin, Uint8Array.from([0x61, 0x0a, 0xe9, 0x0a])); // 'a', 'é' in Latin-1
    assert.deepEqual(inspectJson(latin, '--encoding', 'latin1').rows, [['é']]);
    const refused = runCli(['inspect', numbers, '--delimiter', 'x']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--delimiter: 'x' is not one of/);
    assert.match(
      runCli(['inspect', numbers, '--header', '--no-header']).stderr,
      /--header: and --no-header contradict/,
    );
    assert.match(
      runCli(['inspect', numbers, '--encoding', 'ebcdic']).stderr,
      /--encoding: 'ebcdic' is not one of/,
    );
  }));

test('normscope stats stops at a ragged row by default and, with --on-bad-rows skip --rejects, reads on and writes them out', () =>
  withDir((dir) => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a,b\n1,2\n3,4,5\n6,7\n8\n');
    const strict = runCli(['stats', file]);
    assert.equal(strict.status, 2);
    assert.match(strict.stderr, /bad\.csv:3:\d+: row has 3 fields, expected 2 .*--on-bad-rows skip/);
    const rejects = join(dir, 'rejected.csv');
    const skipped = runCli(['stats', file, '--json', '--on-bad-rows', 'skip', '--rejects', rejects]);
    assert.equal(skipped.status, 0, skipped.stderr);
    assert.match(skipped.stderr, /skipped 2 rows .*lines 3, 5.*rejected\.csv/);
    assert.equal((JSON.parse(skipped.stdout) as { rows: number }).rows, 2);
    assert.equal(readFileSync(rejects, 'utf8'), 'line,a,b\n3,3,4,5\n5,8\n');
    const out = join(dir, 'out.csv');
    const normalized = runCli([
      'normalize',
      file,
      '--method',
      'maxabs',
      '--out',
      out,
      '--on-bad-rows',
      'skip',
    ]);
    assert.equal(normalized.status, 0, normalized.stderr);
    assert.match(normalized.stderr, /skipped 2 rows/);
    assert.equal(readFileSync(out, 'utf8'), 'a,b\n0.16666666666666666,0.2857142857142857\n1,1\n');
    // by passes (a file over --stream-above), every pass skips the same rows
    const byPasses = join(dir, 'passes.csv');
    const passes = runCli([
      'normalize',
      file,
      '--method',
      'robust',
      '--out',
      byPasses,
      '--on-bad-rows',
      'skip',
      '--stream-above',
      '0',
    ]);
    assert.equal(passes.status, 0, passes.stderr);
    const inMemory = join(dir, 'memory.csv');
    assert.equal(
      runCli(['normalize', file, '--method', 'robust', '--out', inMemory, '--on-bad-rows', 'skip']).status,
      0,
    );
    assert.equal(readFileSync(byPasses, 'utf8'), readFileSync(inMemory, 'utf8'));
    assert.match(runCli(['stats', file, '--rejects', rejects]).stderr, /--rejects: .*--on-bad-rows skip/);
  }));

test('normscope stats reports 0 rows of a header-only file; fit and normalize refuse it', () =>
  withDir((dir) => {
    const file = join(dir, 'header.csv');
    writeFileSync(file, 'a,b,c\n');
    const stats = runCli(['stats', file, '--json']);
    assert.equal(stats.status, 0, stats.stderr);
    assert.equal((JSON.parse(stats.stdout) as { rows: number }).rows, 0);
    for (const command of ['fit', 'normalize']) {
      const result = runCli([command, file, '--method', 'zscore', '--out', join(dir, `${command}.out`)]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /header\.csv: no data rows to fit/);
    }
    assert.deepEqual(readdirSync(dir), ['header.csv']);
  }));

test('normscope normalize writes in the input dialect: Windows-1252, `;`, decimal comma, CRLF, preamble left out', () =>
  withDir((dir) => {
    const file = join(dir, 'euro.csv');
    writeFileSync(
      file,
      encodeText('Export 2024\r\nOrt;Wert\r\nCafé – Süd;1,5\r\nStraße;2,5\r\nX;3,5\r\n', 'windows-1252'),
    );
    const out = join(dir, 'out.csv');
    const result = runCli(['normalize', file, '--method', 'minmax', '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      readFileSync(out),
      Buffer.from(encodeText('Ort;Wert\r\nCafé – Süd;0\r\nStraße;0,5\r\nX;1\r\n', 'windows-1252')),
    );
  }));

test('normscope transform reads its input in the dialect the params file recorded, unless flags override it', () =>
  withDir((dir) => {
    const train = join(dir, 'train.csv');
    writeFileSync(train, 'a;b\n1,5;2\n2,5;4\n');
    const params = join(dir, 'params.json');
    assert.equal(runCli(['fit', train, '--method', 'minmax', '--out', params]).status, 0);
    const recorded = (JSON.parse(readFileSync(params, 'utf8')) as { dialect: Record<string, unknown> })
      .dialect;
    assert.deepEqual([recorded.delimiter, recorded.decimal], [';', ',']);
    // one column of integers: alone, a sniffer could not tell its delimiter or decimal mark
    const test1 = join(dir, 'test.csv');
    writeFileSync(test1, 'a;b\n2;3\n');
    const out = join(dir, 'out.csv');
    const result = runCli(['transform', test1, '--params', params, '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(out, 'utf8'), 'a;b\n0,5;0,5\n');
    const comma = join(dir, 'comma.csv');
    writeFileSync(comma, 'a,b\n2,3\n');
    const overridden = runCli([
      'transform',
      comma,
      '--params',
      params,
      '--out',
      join(dir, 'o2.csv'),
      '--delimiter',
      ',',
    ]);
    assert.equal(overridden.status, 0, overridden.stderr);
    assert.equal(readFileSync(join(dir, 'o2.csv'), 'utf8'), 'a,b\n0.5,0.5\n');
  }));

test('normscope stats names both readings on stderr when two score close', () =>
  withDir((dir) => {
    const file = join(dir, 'close.csv');
    writeFileSync(file, 'name;city, state\nAnn;Paris, FR\nBo;Rome, IT\n');
    const result = runCli(['stats', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /note: .*close\.csv reads almost as well another way; chose .*--delimiter/);
  }));
