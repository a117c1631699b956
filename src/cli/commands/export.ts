import { SQL_DIALECT_NAMES, SQL_DIALECTS, type SqlDialect } from '../../engine/export/dialects';
import { exportDbt, exportPyspark, exportSql, header, type PythonTarget } from '../../engine/export/targets';
import { codeSnippet } from '../../engine/report/code-snippets';
import { planCode } from '../../engine/report/plan-code';
import { PlanTransformer } from '../../engine/advise/plan';
import { readParamsFile } from '../../io/node/params-file';
import { parseChoice, parseCommandArgs, positional, requireValue } from '../args';
import { print, type Command } from '../command';
import { UsageError } from '../usage-error';
import { say } from '../messages';

const TARGETS = ['sql', 'pyspark', 'dbt', 'sklearn', 'pytorch', 'keras', 'numpy'] as const;
type Target = (typeof TARGETS)[number];

function dialectFlag(target: Target, value: string | undefined, withRest: boolean): SqlDialect {
  if (value === undefined)
    throw new UsageError(
      '--dialect',
      say('exportDialectRequired', { target, dialects: SQL_DIALECT_NAMES.join(', ') }),
    );
  const dialect = parseChoice('--dialect', value, SQL_DIALECT_NAMES);
  if (withRest && !SQL_DIALECTS[dialect].starExcept)
    throw new UsageError('--with-rest', say('exportNoExcept', { dialect: SQL_DIALECTS[dialect].title }));
  return dialect;
}

function code(
  target: Target,
  scaler: Parameters<typeof exportSql>[0],
  columns: string[],
  values: { dialect?: string; table?: string; 'with-rest'?: boolean },
): string {
  const table = values.table ?? 'data';
  const withRest = values['with-rest'] ?? false;
  switch (target) {
    case 'sql':
      return `${header(scaler, columns, '--')}\n${exportSql(scaler, columns, { dialect: dialectFlag(target, values.dialect, withRest), table, withRest })}`;
    case 'dbt':
      if (!/^[A-Za-z_][\w.]*$/.test(table)) throw new UsageError('--table', say('exportDbtName', { table }));
      return exportDbt(scaler, columns, {
        dialect: dialectFlag(target, values.dialect, withRest),
        model: table,
        withRest,
      });
    case 'pyspark':
      return exportPyspark(scaler, columns);
    case 'sklearn':
    case 'pytorch':
    case 'keras':
    case 'numpy':
      return codeSnippet(scaler, columns, target satisfies PythonTarget);
  }
}

export const exportCommand: Command = {
  name: 'export',
  usage: `export <params.json> --to ${TARGETS.join('|')} [--dialect ${SQL_DIALECT_NAMES.join('|')}] [--table NAME] [--with-rest]`,
  summary: 'summaryExport',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      to: { type: 'string' },
      dialect: { type: 'string' },
      table: { type: 'string' },
      'with-rest': { type: 'boolean' },
    });
    const file = positional(positionals, 0, '<params.json>');
    const target = parseChoice('--to', requireValue('--to', values.to), TARGETS);
    const sqlOnly = target !== 'sql' && target !== 'dbt';
    if (sqlOnly && values.dialect !== undefined)
      throw new UsageError('--dialect', say('exportSqlOnly', { target }));
    if (sqlOnly && values['with-rest']) throw new UsageError('--with-rest', say('exportSqlOnly', { target }));
    if (sqlOnly && values.table !== undefined)
      throw new UsageError('--table', say('exportSqlOnly', { target }));
    const { scaler, columns } = await readParamsFile(file);
    if (scaler instanceof PlanTransformer) {
      if (target === 'sql' || target === 'pyspark' || target === 'dbt')
        throw new UsageError(`--to ${target}`, say('exportPlan', { file, target }));
      print(planCode(scaler.fitted, target));
      return;
    }
    try {
      print(code(target, scaler.toJSON(), columns, values));
    } catch (error) {
      if (error instanceof RangeError)
        throw new UsageError(`--to ${target}`, error.message.replace(/^export: /, ''));
      throw error;
    }
  },
};
