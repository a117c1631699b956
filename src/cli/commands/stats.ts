import {
  describeAxes,
  describeInPlace,
  QUARTILES,
  SUMMARY_FIELDS,
  summaryOf,
  type Summary,
} from '../../engine/stats/describe';
import { describeCsvInPasses } from '../../io/node/csv-passes';
import { passProgress, PASSES_OPTIONS, PASSES_USAGE, readsInPasses } from '../passes-flags';
import { parseAxisList } from '../../engine/tensor/axes';
import { tensor } from '../../engine/tensor/tensor';
import { isNpy, readNpyFile } from '../../io/node/data-files';
import { readCsvTable } from '../../io/node/csv-file';
import { parseCommandArgs, positional } from '../args';
import { csvReadOptions, DIALECT_OPTIONS, DIALECT_USAGE, reportRead, type CsvRead } from '../dialect-flags';
import type { CsvReadOptions } from '../../io/node/csv-file';
import { print, printJson, type Command } from '../command';
import { withFlagNames } from '../flag-names';
import { formatCell, formatTextTable } from '../text-table';
import { UsageError } from '../usage-error';
import { ENGINE_OPTIONS, ENGINE_USAGE, runDuckDb, usesDuckDb } from '../engine-flag';

type ColumnReport = { name: string; kind: 'numeric' | 'text' } & { [K in keyof Summary]: number | null };

function numericReport(name: string, summary: Summary): ColumnReport {
  return { name, kind: 'numeric', ...summary };
}

function textReport(name: string, count: number, missing: number): ColumnReport {
  const empty = Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, null])) as {
    [K in keyof Summary]: null;
  };
  return { name, kind: 'text', ...empty, count, missing };
}

/** Statistics of a large CSV by passes over it (memory bounded by the column count), exact all the same. */
async function statsInPasses(
  file: string,
  read: CsvReadOptions,
): Promise<{ rows: number; columns: ColumnReport[]; read: CsvRead }> {
  const progress = passProgress();
  try {
    const { layout, passes } = await describeCsvInPasses(file, QUARTILES, { ...progress, ...read });
    return {
      read: { dialect: layout.dialect, report: layout.report, names: layout.names, badRows: layout.badRows },
      rows: layout.rowCount,
      columns: layout.columns.map((c, j) =>
        c.numeric
          ? numericReport(layout.names[j], summaryOf(passes.moments(j), passes.quantiles(j)))
          : textReport(layout.names[j], c.count, c.missing),
      ),
    };
  } finally {
    progress.close();
  }
}

async function statsWithDuckDb(file: string): Promise<{ rows: number; columns: ColumnReport[] }> {
  const result = await runDuckDb(file, (duck, session, source) => duck.duckDbStats(session, source));
  return {
    rows: result.rows,
    columns: result.columns.map((c) =>
      c.summary ? numericReport(c.name, c.summary) : textReport(c.name, c.count, c.missing),
    ),
  };
}

export const stats: Command = {
  name: 'stats',
  usage: `stats <file.csv|file.npy|file.parquet|file.jsonl|glob|folder> [--axis 0,2,3] [--json] ${PASSES_USAGE} ${DIALECT_USAGE} ${ENGINE_USAGE}`,
  summary:
    'Per-column statistics (count, missing, mean, std ddof 1 and 0, min, quartiles, max, skewness, kurtosis); for .npy, per index of the axes --axis does not reduce.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      axis: { type: 'string' },
      json: { type: 'boolean' },
      ...PASSES_OPTIONS,
      ...DIALECT_OPTIONS,
      ...ENGINE_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    let rows: number;
    let columns: ColumnReport[];
    if (usesDuckDb(values.engine, file)) {
      if (values.axis !== undefined)
        throw new UsageError('--axis', 'applies to .npy inputs, not --engine duckdb');
      ({ rows, columns } = await statsWithDuckDb(file));
    } else if (isNpy(file)) {
      const array = await readNpyFile(file);
      const axes = values.axis === undefined ? [0] : parseAxisListFlag(values.axis);
      const result = withFlagNames(() => describeAxes(tensor(array.data, array.shape), axes));
      rows = result.reducedAxes.reduce((n, axis) => n * array.shape[axis], 1);
      columns = result.summaries.map((summary, index) =>
        numericReport(indexName(index, result.keptShape), summary),
      );
    } else {
      if (values.axis !== undefined)
        throw new UsageError('--axis', 'applies to .npy inputs; CSV statistics are per column');
      const { rejected, ...readOptions } = csvReadOptions(values);
      let read: CsvRead;
      if (await readsInPasses(file, values['stream-above'])) {
        ({ rows, columns, read } = await statsInPasses(file, readOptions));
      } else {
        const table = await readCsvTable(file, readOptions);
        read = { ...table, names: table.columns.map((c) => c.name) };
        rows = table.rowCount;
        columns = table.columns.map((c) =>
          c.kind === 'numeric'
            ? numericReport(c.name, describeInPlace(c.values)) // the table is read for this only
            : textReport(c.name, c.count, c.missing),
        );
      }
      await reportRead(file, read, rejected, values);
    }
    if (values.json) {
      printJson({ rows, columns });
      return;
    }
    const fields = SUMMARY_FIELDS.filter((field) => field !== 'stdPopulation'); // std (ddof 1) is shown
    print(`${file}: ${rows} ${isNpy(file) ? 'values per statistic' : 'rows'}`);
    print(
      formatTextTable([
        ['column', 'kind', ...fields],
        ...columns.map((c) => [
          c.name,
          c.kind,
          ...fields.map((f) => (c[f] === null ? '' : formatCell(c[f]))),
        ]),
      ]),
    );
  },
};

function parseAxisListFlag(text: string): number[] {
  try {
    return parseAxisList(text, 'stats', 'axis');
  } catch {
    throw new UsageError('--axis', `'${text}' is not a comma-separated list of integer axes`);
  }
}

/** '[3]' or '[1, 2]': the kept-axes index of a summary (C order); 'all' when nothing is kept. */
function indexName(flat: number, keptShape: readonly number[]): string {
  if (keptShape.length === 0) return 'all';
  const index: number[] = [];
  for (let axis = keptShape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % keptShape[axis];
    flat = Math.floor(flat / keptShape[axis]);
  }
  return `[${index.join(', ')}]`;
}
