// The SQL / PySpark / dbt text for a small z-score fit, as golden text per dialect (the dialects not
// run in DuckDB are checked here), and the constant literals read back bit for bit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SQL_DIALECT_NAMES } from '../../../src/engine/export/dialects';
import { sqlNumber } from '../../../src/engine/export/sql';
import { SQL_DIALECTS } from '../../../src/engine/export/dialects';
import { exportDbt, exportPyspark, exportSql } from '../../../src/engine/export/targets';
import { matrix } from '../../../src/engine/scale/matrix';
import { createScaler, SCALING_METHODS } from '../../../src/engine/scale/registry';
import { openDuckDb } from '../../helpers/duckdb';
import { runCli, scratchDir } from '../../helpers/cli';
import { paramsText } from '../../../src/io/node/params-file';

const fitted = createScaler('zscore')
  .fit(matrix([1, 10, 2, 20, 4, 40], 3, 2))
  .toJSON();
const COLUMNS = ['a', 'b c'];

const GOLDEN: Record<(typeof SQL_DIALECT_NAMES)[number], string> = {
  duckdb:
    'SELECT\n  ((CAST("a" AS DOUBLE) - 2.3333333333333335e0) / 1.247219128924647e0) AS "a",\n  ((CAST("b c" AS DOUBLE) - 23.333333333333332e0) / 12.472191289246473e0) AS "b c",\n  * EXCLUDE ("a", "b c")\nFROM t',
  postgres:
    'SELECT\n  ((CAST("a" AS DOUBLE PRECISION) - CAST(\'2.3333333333333335\' AS DOUBLE PRECISION)) / CAST(\'1.247219128924647\' AS DOUBLE PRECISION)) AS "a",\n  ((CAST("b c" AS DOUBLE PRECISION) - CAST(\'23.333333333333332\' AS DOUBLE PRECISION)) / CAST(\'12.472191289246473\' AS DOUBLE PRECISION)) AS "b c"\nFROM t',
  spark:
    'SELECT\n  ((CAST(`a` AS DOUBLE) - 2.3333333333333335D) / 1.247219128924647D) AS `a`,\n  ((CAST(`b c` AS DOUBLE) - 23.333333333333332D) / 12.472191289246473D) AS `b c`,\n  * EXCEPT (`a`, `b c`)\nFROM t',
  bigquery:
    'SELECT\n  ((CAST(`a` AS FLOAT64) - 2.3333333333333335) / 1.247219128924647) AS `a`,\n  ((CAST(`b c` AS FLOAT64) - 23.333333333333332) / 12.472191289246473) AS `b c`,\n  * EXCEPT (`a`, `b c`)\nFROM t',
  snowflake:
    'SELECT\n  ((CAST("a" AS DOUBLE) - CAST(\'2.3333333333333335\' AS DOUBLE)) / CAST(\'1.247219128924647\' AS DOUBLE)) AS "a",\n  ((CAST("b c" AS DOUBLE) - CAST(\'23.333333333333332\' AS DOUBLE)) / CAST(\'12.472191289246473\' AS DOUBLE)) AS "b c",\n  * EXCLUDE ("a", "b c")\nFROM t',
};

for (const dialect of SQL_DIALECT_NAMES) {
  test(`exportSql(zscore, ${dialect}) writes the dialect's SELECT with its literals, quoting and star-except`, () => {
    const withRest = SQL_DIALECTS[dialect].starExcept !== undefined;
    assert.equal(exportSql(fitted, COLUMNS, { dialect, table: 't', withRest }), GOLDEN[dialect]);
  });
}

test('exportSql(postgres, withRest) refuses: Postgres has no star-except form', () => {
  assert.throws(
    () => exportSql(fitted, COLUMNS, { dialect: 'postgres', table: 't', withRest: true }),
    /PostgreSQL has no SELECT \* EXCEPT/,
  );
});

test('exportDbt writes a view model over ref(model) in the chosen dialect', () => {
  const model = exportDbt(fitted, COLUMNS, { dialect: 'spark', model: 'stg', withRest: true });
  assert.equal(
    model,
    "-- NormScope: zscore fitted on columns a, b c\n{{ config(materialized='view') }}\n\n" +
      GOLDEN.spark.replace('FROM t', "FROM {{ ref('stg') }}") +
      '\n',
  );
});

test('exportPyspark writes a function with the fitted constants as Python floats', () => {
  const code = exportPyspark(fitted, COLUMNS);
  assert.match(
    code,
    /\(\(_col\("a"\) - F\.lit\(2\.3333333333333335\)\) \/ F\.lit\(1\.247219128924647\)\)\.alias\("a"\)/,
  );
  assert.match(code, /def normscope_transform\(df: DataFrame\) -> DataFrame:/);
});

test('exportPyspark output is valid Python for every method', () => {
  const x = matrix([1, -2, 3, 0.5, -4, 6, 2, 8, -1, 7, 3, 2], 4, 3);
  const sources = SCALING_METHODS.map((m) =>
    exportPyspark(
      createScaler(m.method, m.method === 'quantile' ? { nQuantiles: 3 } : {})
        .fit(x)
        .toJSON(),
      ['p', 'q.r', 's`t'],
    ),
  );
  const check = spawnSync(
    'python3',
    ['-c', 'import ast, json, sys\nfor s in json.load(sys.stdin): ast.parse(s)'],
    {
      input: JSON.stringify(sources),
      encoding: 'utf8',
    },
  );
  assert.equal(check.status, 0, check.stderr);
});

test('sqlNumber writes literals DuckDB reads back to the same float64, for DuckDB and the text-cast spellings', async () => {
  const values = [
    0.1,
    1 / 3,
    -2 / 3,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    123456789012345680,
    1e21,
    -0,
    7,
  ];
  const duck = await openDuckDb();
  try {
    for (const dialect of ['duckdb', 'snowflake'] as const) {
      const select = values.map((v, i) => `${sqlNumber(v, SQL_DIALECTS[dialect])} AS v${i}`).join(', ');
      const row = (await duck.runAndReadAll(`SELECT ${select}`)).getRowObjectsJS()[0];
      values.forEach((v, i) =>
        assert.ok(
          Object.is(row[`v${i}`], v) || (v === 0 && row[`v${i}`] === 0),
          `${dialect}: ${v} read back as ${JSON.stringify(row[`v${i}`])}`,
        ),
      );
    }
  } finally {
    duck.closeSync();
  }
});

test('normscope export prints each target from a params file and names the flag it refuses', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const params = join(dir, 'params.json');
    writeFileSync(params, paramsText(COLUMNS, fitted));
    const sql = runCli([
      'export',
      params,
      '--to',
      'sql',
      '--dialect',
      'spark',
      '--table',
      'db.events',
      '--with-rest',
    ]);
    assert.equal(sql.status, 0, sql.stderr);
    assert.equal(
      sql.stdout,
      `-- NormScope: zscore fitted on columns a, b c\n${GOLDEN.spark.replace('FROM t', 'FROM db.events')}\n`,
    );
    const sklearn = runCli(['export', params, '--to', 'sklearn']);
    assert.match(sklearn.stdout, /scaler\.mean_ = np\.array\(\[2\.3333333333333335, 23\.333333333333332\]\)/);
    const cases: [string[], RegExp][] = [
      [
        ['--to', 'sql'],
        /--dialect: is required with --to sql \(one of duckdb, postgres, spark, bigquery, snowflake\)/,
      ],
      [
        ['--to', 'sql', '--dialect', 'postgres', '--with-rest'],
        /--with-rest: PostgreSQL has no SELECT \* EXCEPT form/,
      ],
      [['--to', 'dbt', '--dialect', 'duckdb', '--table', 'a b'], /--table: 'a b' is not a dbt model name/],
      [['--to', 'pyspark', '--dialect', 'spark'], /--dialect: applies to --to sql and dbt, not pyspark/],
      [['--to', 'excel'], /--to: 'excel' is not one of sql, pyspark, dbt, sklearn, pytorch, keras, numpy/],
    ];
    for (const [flags, message] of cases) {
      const result = runCli(['export', params, ...flags]);
      assert.equal(result.status, 2, flags.join(' '));
      assert.match(result.stderr, message);
    }
  } finally {
    cleanup();
  }
});
