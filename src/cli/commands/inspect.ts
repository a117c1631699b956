import { DELIMITER_NAMES, describeReading } from '../../io/csv/dialect';
import { readCsvTable } from '../../io/node/csv-file';
import { parseCommandArgs, parseInteger, positional } from '../args';
import { print, printJson, type Command } from '../command';
import { cliLanguage, say } from '../messages';
import { csvReadOptions, DIALECT_OPTIONS, DIALECT_USAGE, reportRead } from '../dialect-flags';
import { formatTextTable } from '../text-table';

export const inspect: Command = {
  name: 'inspect',
  usage: `inspect <file.csv> [--rows N] [--json] ${DIALECT_USAGE}`,
  summary: 'summaryInspect',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      rows: { type: 'string' },
      json: { type: 'boolean' },
      ...DIALECT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file.csv>');
    const rows = values.rows === undefined ? 5 : parseInteger('--rows', values.rows, 0);
    const { rejected, ...options } = csvReadOptions(values);
    const table = await readCsvTable(file, { keepRows: rows, ...options });
    const { dialect, report } = table;
    const names = table.columns.map((c) => c.name);
    await reportRead(file, { ...table, names }, rejected, values);
    if (values.json) {
      printJson({
        delimiter: dialect.delimiter,
        header: dialect.header,
        encoding: dialect.encoding,
        decimal: dialect.decimal,
        skippedLines: report?.skippedLines ?? [],
        headerLine: report?.headerLine ?? null,
        confidence: report?.confidence ?? null,
        alternatives: report?.alternatives ?? [],
        close: report?.close ?? false,
        quote: dialect.quote,
        comment: dialect.comment,
        trailingDelimiter: dialect.trailingDelimiter,
        rowCount: table.rowCount,
        badRows: table.badRows
          ? { count: table.badRows.count, firstLines: table.badRows.first.map((r) => r.line) }
          : undefined,
        columns: table.columns.map((c) => ({ name: c.name, kind: c.kind })),
        rows: table.firstRows,
      });
      return;
    }
    print(
      say(dialect.header ? 'inspectWithHeader' : 'inspectWithoutHeader', {
        file,
        rows: table.rowCount,
        delimiter: DELIMITER_NAMES[dialect.delimiter],
      }),
    );
    if (report)
      print(
        say('readAsConfidence', {
          reading: describeReading(dialect, report, cliLanguage()),
          confidence: report.confidence,
        }),
      );
    print(formatTextTable([table.columns.map((c) => `${c.name} (${c.kind})`), ...table.firstRows]));
  },
};
