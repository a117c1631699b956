import { readCsvTable } from '../../io/node/csv-file';
import { parseCommandArgs, parseInteger, positional } from '../args';
import { print, printJson, type Command } from '../command';
import { formatTextTable } from '../text-table';

export const inspect: Command = {
  name: 'inspect',
  usage: 'inspect <file.csv> [--rows N] [--json]',
  summary:
    'Show the dialect found (delimiter, header), each column and its kind, and the first rows as parsed.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      rows: { type: 'string' },
      json: { type: 'boolean' },
    });
    const file = positional(positionals, 0, '<file.csv>');
    const rows = values.rows === undefined ? 5 : parseInteger('--rows', values.rows, 0);
    const table = await readCsvTable(file, { keepRows: rows });
    const report = {
      delimiter: table.dialect.delimiter,
      header: table.dialect.header,
      columns: table.columns.map((c) => ({ name: c.name, kind: c.kind })),
      rows: table.firstRows,
    };
    if (values.json) {
      printJson(report);
      return;
    }
    const delimiterName = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[
      table.dialect.delimiter
    ];
    print(
      `${file}: ${table.rowCount} rows, delimiter ${delimiterName}, ${table.dialect.header ? 'with' : 'without'} a header`,
    );
    print(formatTextTable([table.columns.map((c) => `${c.name} (${c.kind})`), ...table.firstRows]));
  },
};
