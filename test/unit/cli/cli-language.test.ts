// The command line's language, run as a process on a real table (vega-datasets' seattle-weather.csv):
// Chinese under a zh_CN locale or with --lang zh-cn, English under LANG=C; JSON keys and data the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, scratchDir } from '../../helpers/cli';
import { localeLanguage } from '../../../src/cli/language-flag';
import { COMMANDS } from '../../../src/cli/commands';
import { duckdb, hasPython, python } from '../io/formats/fixtures';

const WEATHER = fileURLToPath(
  new URL('../../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url),
);
const COLUMNS = readFileSync(WEATHER, 'utf8').split('\n')[0].split(',').join(', ');
const CJK = /[\u4e00-\u9fff]/;

test('a --columns error names the file and its real columns: in Chinese under LANG=zh_CN.UTF-8 and with --lang zh-cn, in English under LANG=C', () => {
  const args = ['stats', WEATHER, '--columns', 'humidity'];
  const chinese = `normscope: --columns: 'humidity' 不是 ${WEATHER} 的列（列：${COLUMNS}）\n`;
  const byLocale = runCli(args, undefined, { LANG: 'zh_CN.UTF-8' });
  assert.equal(byLocale.status, 2);
  assert.equal(byLocale.stderr, chinese);
  const byFlag = runCli([...args, '--lang', 'zh-cn']);
  assert.equal(byFlag.status, 2);
  assert.equal(byFlag.stderr, chinese);
  const english = runCli(args, undefined, { LANG: 'C' });
  assert.equal(english.status, 2);
  assert.equal(
    english.stderr,
    `normscope: --columns: 'humidity' is not a column of ${WEATHER} (columns: ${COLUMNS})\n`,
  );
  // --lang wins over the locale, before or after the command
  assert.equal(runCli(['--lang=en', ...args], undefined, { LANG: 'zh_CN.UTF-8' }).stderr, english.stderr);
});

test('the skipped-rows warning on stderr follows the language; the statistics on stdout are the same numbers', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const ragged = join(dir, 'weather.csv');
    copyFileSync(WEATHER, ragged);
    appendFileSync(ragged, '2016-01-01,1.5\n'); // two fields under a six-field header: line 1463
    const args = ['stats', ragged, '--on-bad-rows', 'skip', '--json'];
    const zh = runCli(args, undefined, { LANG: 'zh_CN.UTF-8' });
    const en = runCli(args);
    assert.equal(zh.status, 0, zh.stderr);
    assert.equal(zh.stderr, `normscope: ${ragged}：跳过了 1 行，其字段数与表头不同（第 1463 行）\n`);
    assert.equal(
      en.stderr,
      `normscope: ${ragged}: skipped 1 row whose field count differs from the header's (line 1463)\n`,
    );
    assert.equal(zh.stdout, en.stdout, '--json output does not change with the language');
    const report = JSON.parse(en.stdout) as { rows: number };
    assert.equal(report.rows, 1461);
  } finally {
    cleanup();
  }
});

test('advise --json under zh_CN keeps every key and value but the reasons, which are Chinese', () => {
  type Advice = { columns: { reason: string }[] };
  const advise = (locale: { LANG?: string }, ...flags: string[]) =>
    JSON.parse(runCli(['advise', WEATHER, '--json', ...flags], undefined, locale).stdout) as Advice;
  const en = advise({ LANG: 'C' }).columns;
  const zh = advise({ LANG: 'zh_CN.UTF-8' }).columns;
  assert.equal(zh.length, en.length);
  assert.equal(en.length, 6);
  zh.forEach((column, i) => {
    assert.deepEqual({ ...column, reason: '' }, { ...en[i], reason: '' });
    assert.match(column.reason, CJK);
    assert.doesNotMatch(en[i].reason, CJK);
  });
  // --language still names the reasons' language explicitly
  const explicit = advise({ LANG: 'zh_CN.UTF-8' }, '--language', 'en').columns;
  assert.deepEqual(explicit, en);
});

test('help lists every command with a Chinese summary under --lang zh-cn, and an unknown --lang value is refused by name', () => {
  const help = runCli(['--help', '--lang', 'zh-cn']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^normscope：/);
  for (const command of COMMANDS) {
    const line = help.stdout.split('\n').find((l) => l.startsWith(`  ${command.name} `));
    assert.ok(line, command.name);
    assert.match(line, CJK, line);
  }
  const english = runCli(['--help']);
  assert.doesNotMatch(english.stdout, CJK);
  assert.match(english.stdout, /--lang en\|zh-cn/);
  const refused = runCli(['stats', WEATHER, '--lang', 'fr']);
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr, "normscope: --lang: 'fr' is not one of en, zh-cn\n");
  const unknown = runCli(['stats', WEATHER, '--rows', '3'], undefined, { LANG: 'zh_CN.UTF-8' });
  assert.equal(unknown.stderr, 'normscope: --rows: 未知选项（该命令的 --help 会列出它的所有标志）\n');
});

test('localeLanguage reads LC_ALL, then LC_MESSAGES, then LANG, and speaks Chinese for Simplified Chinese locales only', () => {
  assert.equal(localeLanguage({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
  assert.equal(localeLanguage({ LANG: 'zh_CN' }), 'zh-cn');
  assert.equal(localeLanguage({ LANG: 'zh_SG.GB2312' }), 'zh-cn');
  assert.equal(localeLanguage({ LANG: 'zh_TW.UTF-8' }), 'en');
  assert.equal(localeLanguage({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(localeLanguage({}), 'en');
  assert.equal(localeLanguage({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(localeLanguage({ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-cn');
  assert.equal(localeLanguage({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
});

test('the readers’ notes follow the language: dates as text in a DuckDB-written Parquet file, the array chosen in a NumPy .npz', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const parquet = join(dir, 'weather.parquet');
    await duckdb([`copy (select * from read_csv('${WEATHER}')) to '${parquet}' (format parquet)`]);
    const zh = runCli(['stats', parquet, '--json'], undefined, { LANG: 'zh_CN.UTF-8' });
    const en = runCli(['stats', parquet, '--json']);
    assert.equal(zh.status, 0, zh.stderr);
    assert.equal(zh.stderr, `normscope: ${parquet}: 日期和时间戳按文本读取（ISO 8601，UTC）\n`);
    assert.equal(en.stderr, `normscope: ${parquet}: dates and timestamps are read as text (ISO 8601, UTC)\n`);
    assert.equal(zh.stdout, en.stdout);
    if (hasPython('numpy')) {
      const npz = join(dir, 'weather.npz');
      python(`
import numpy as np
x = np.genfromtxt('${WEATHER}', delimiter=',', skip_header=1, usecols=(1, 2, 3, 4))
np.savez('${npz}', temperatures=x[:, 1:3], all=x)
`);
      const chosen = runCli(['stats', npz, '--json', '--lang', 'zh-cn']);
      assert.equal(chosen.status, 0, chosen.stderr);
      assert.equal(
        chosen.stderr,
        `normscope: ${npz}: 读取了 temperatures, all 中的数组 'temperatures'；可用 --array NAME 选择其他数组\n`,
      );
    }
  } finally {
    cleanup();
  }
});

/** The numbers of a text, sorted (the languages order their words differently). */
const numbersOf = (text: string) => (text.match(/\d+(?:\.\d+)?/g) ?? []).sort();

test('explain and annotate print the same numbers and API names in Chinese, with Chinese prose', () => {
  const args = ['explain', 'groupnorm', '--shape', '32,64,56,56', '--groups', '32'];
  const en = runCli(args);
  const zh = runCli([...args, '--lang', 'zh-cn']);
  assert.equal(zh.status, 0, zh.stderr);
  assert.deepEqual(numbersOf(zh.stdout), numbersOf(en.stdout));
  assert.match(en.stdout, /^ {2}reduces over {5}C, H, W$/m);
  assert.match(zh.stdout, /^ {2}归约轴 {8}C, H, W$/m);
  assert.match(zh.stdout, /每个统计量覆盖 64 个通道中的 2 个（一组）/);
  const enJson = JSON.parse(runCli([...args, '--json']).stdout) as Record<string, unknown>;
  const zhJson = JSON.parse(runCli([...args, '--json', '--lang', 'zh-cn']).stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(zhJson), Object.keys(enJson));
  for (const key of Object.keys(enJson))
    if (key !== 'trainVsEval' && key !== 'notes') assert.deepEqual(zhJson[key], enJson[key], key);
  assert.match(String(zhJson.trainVsEval), CJK);

  const model = fileURLToPath(new URL('../../../samples/modern_model.py', import.meta.url));
  const annotatedEn = runCli(['annotate', model]).stdout;
  const annotatedZh = runCli(['annotate', model], undefined, { LANG: 'zh_CN.UTF-8' }).stdout;
  assert.deepEqual(numbersOf(annotatedZh), numbersOf(annotatedEn));
  assert.equal(annotatedZh.split('\n').length, annotatedEn.split('\n').length);
  assert.match(
    annotatedZh,
    /torch\.nn\.BatchNorm2d 统计轴 N,H,W（NCHW）；统计量 \[C\]，γ\/β \[C\]，eps 0\.00001/,
  );
  assert.match(
    annotatedEn,
    /torch\.nn\.BatchNorm2d over N,H,W \(NCHW\); statistics \[C\], γ\/β \[C\], eps 0\.00001/,
  );
});

test(
  'inspect says how a pandas-written semicolon, decimal-comma file is read, in Chinese under zh_CN',
  { skip: !hasPython('pandas') },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const european = join(dir, 'weather.csv');
      python(`
import pandas as pd
pd.read_csv('${WEATHER}').to_csv('${european}', sep=';', decimal=',', index=False)
`);
      const en = runCli(['inspect', european, '--rows', '0']);
      const zh = runCli(['inspect', european, '--rows', '0'], undefined, { LANG: 'zh_CN.UTF-8' });
      assert.equal(zh.status, 0, zh.stderr);
      const [enFirst, enReading] = en.stdout.split('\n');
      const [zhFirst, zhReading] = zh.stdout.split('\n');
      assert.equal(enFirst, `${european}: 1461 rows, semicolon-delimited, with a header`);
      assert.equal(zhFirst, `${european}：1461 行，以 semicolon 分隔，有表头`);
      const confidence = /\(confidence ([\d.]+)\)$/.exec(enReading)?.[1];
      assert.ok(confidence, enReading);
      assert.equal(
        enReading,
        `read as: \`;\`-delimited, decimal comma, header on line 1 (confidence ${confidence})`,
      );
      assert.equal(zhReading, `读取方式：以 \`;\` 分隔，小数点为逗号，表头在第 1 行（置信度 ${confidence}）`);
    } finally {
      cleanup();
    }
  },
);
