import { adviseColumns, type AdviceColumn, type ColumnAdvice } from '../../engine/advise/advise';
import { ADVICE_LANGUAGES } from '../../engine/advise/messages';
import { cliLanguage } from '../messages';
import { planFromAdvice } from '../../engine/advise/plan';
import { checkOutputTarget, writeFileAtomic } from '../../io/node/atomic-output';
import { jsonText } from '../../io/json-numbers';
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
  usage: `advise <file.csv|file.npy> [--json] [--language ${ADVICE_LANGUAGES.join('|')}] [--write-plan plan.json [--force]]`,
  summary: 'summaryAdvise',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      language: { type: 'string' },
      'write-plan': { type: 'string' },
      force: { type: 'boolean' },
    });
    const file = positional(positionals, 0, '<file>');
    // the reasons follow the command line's language (--lang, LANG) unless --language names another
    const language =
      values.language === undefined
        ? cliLanguage()
        : parseChoice('--language', values.language, ADVICE_LANGUAGES);
    const planFile = values['write-plan'];
    if (planFile !== undefined) checkOutputTarget(planFile, { force: values.force, inputs: [file] });
    const advice = adviseColumns(adviceColumns(await readDataFile(file)), language);
    if (planFile !== undefined)
      await writeFileAtomic(planFile, jsonText(planFromAdvice(advice)), {
        force: values.force,
        inputs: [file],
      });
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
