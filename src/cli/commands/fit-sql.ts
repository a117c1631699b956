import { SQL_DIALECT_NAMES } from '../../engine/export/dialects';
import { fitSql } from '../../engine/export/fit-sql';
import { withFlagNames } from '../flag-names';
import { parseChoice, parseCommandArgs, requireValue } from '../args';
import { print, type Command } from '../command';
import { columnList, scalingMethodFrom, SCALING_OPTIONS, SCALING_USAGE } from '../scaling-flags';
import { UsageError } from '../usage-error';
import { say } from '../messages';

export const fitSqlCommand: Command = {
  name: 'fit-sql',
  usage: `fit-sql ${SCALING_USAGE.replace('[--columns a,b]', '--columns a,b')} --table NAME --dialect ${SQL_DIALECT_NAMES.join('|')}`,
  summary: 'summaryFitSql',
  run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      table: { type: 'string' },
      dialect: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(positionals[0], say('fitSqlNoFile'));
    const { method, options } = scalingMethodFrom(values);
    const table = requireValue('--table', values.table);
    const dialect = parseChoice('--dialect', requireValue('--dialect', values.dialect), SQL_DIALECT_NAMES);
    const columns = columnList(values);
    if (!columns || columns.some((c) => c === '')) throw new UsageError('--columns', say('fitSqlColumns'));
    try {
      print(withFlagNames(() => fitSql(method, options, { dialect, table, columns })));
    } catch (error) {
      if (error instanceof RangeError)
        throw new UsageError('--method', error.message.replace(/^fit-sql: /, ''));
      throw error;
    }
  },
};
