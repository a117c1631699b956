import { adviseColumns, type AdviceColumn, type ColumnAdvice } from '../../engine/advise/advise';
import { ADVICE_LANGUAGES } from '../../engine/advise/messages';
import { readDataFile, selectColumns, type DataFile } from '../../io/node/data-files';
import { parseChoice, parseCommandArgs, positional } from '../args';
import { print, printJson, type Command } from '../command';
import { formatTextTable } from '../text-table';

/** The file's columns as advice reads them, in file order (a .npy's columns are named 0, 1, …). */
function adviceColumns(data: DataFile): AdviceColumn[] {
  if (data.kind === 'csv') {
    return data.table.columns.map((c) =>
      c.kind === 'numeric'
        ? { name: c.name, kind: 'numeric', values: c.values }
        : { name: c.name, kind: 'text' },
    );
  }
  const { matrix, names } = selectColumns(data);
  return names.map((name, j) => ({
    name,
    kind: 'numeric',
    values: Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j]),
  }));
}

/** The JSON shape of `advise --json`: the fields every view shares, without the raw facts. */
function adviceReport(advice: readonly ColumnAdvice[]) {
  return {
    columns: advice.map(({ name, kind, diagnoses, method, reason }) => ({
      name,
      kind,
      diagnoses,
      method,
      reason,
    })),
  };
}

export const advise: Command = {
  name: 'advise',
  usage: `advise <file.csv|file.npy> [--json] [--language ${ADVICE_LANGUAGES.join('|')}]`,
  summary:
    'For every column: diagnoses (empty, constant, id-like, binary, skewed, outliers, missing), the method advised and the reason in numbers.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      language: { type: 'string' },
    });
    const file = positional(positionals, 0, '<file>');
    const language =
      values.language === undefined ? 'en' : parseChoice('--language', values.language, ADVICE_LANGUAGES);
    const advice = adviseColumns(adviceColumns(await readDataFile(file)), language);
    if (values.json) {
      printJson(adviceReport(advice));
      return;
    }
    print(
      formatTextTable([
        ['column', 'kind', 'method', 'diagnoses', 'reason'],
        ...advice.map((a) => [a.name, a.kind, a.method, a.diagnoses.join(', '), a.reason]),
      ]),
    );
  },
};
