import {
  describeAxes,
  describeInPlace,
  QUARTILES,
  SUMMARY_FIELDS,
  summaryOf,
  type Summary,
} from '../../engine/stats/describe';
import { describeCsvInPasses } from '../../io/node/csv-passes';
import { passProgress, PASSES_OPTIONS, PASSES_USAGE, readsInPasses, streamAboveBytes } from '../passes-flags';
import { parseAxisList } from '../../engine/tensor/axes';
import { tensor } from '../../engine/tensor/tensor';
import { readNpyFile, type DataFileOptions } from '../../io/node/data-files';
import { readFormatTable, readNpzFile } from '../../io/node/format-files';
import { describeParquetInPasses, parquetDecodedBytes } from '../../io/node/parquet-passes';
import { formatOrCsv, usageNames } from '../../io/formats/registry';
import type { NpyArray } from '../../io/npy';
import { FORMAT_OPTIONS, FORMAT_USAGE, formatReadOptions, printNotes } from '../format-flags';
import { isImageInput, printImageStats } from './image-stats';
import { readCsvTable } from '../../io/node/csv-file';
import { parseCommandArgs, positional } from '../args';
import {
  csvReadOptions,
  DIALECT_OPTIONS,
  DIALECT_USAGE,
  reportRead,
  type CsvRead,
  type DialectValues,
} from '../dialect-flags';
import type { CsvReadOptions } from '../../io/node/csv-file';
import { print, printJson, type Command } from '../command';
import { withFlagNames } from '../flag-names';
import { formatCell, formatTextTable } from '../text-table';
import { UsageError } from '../usage-error';
import { say } from '../messages';
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

/** Statistics of a table read whole: numeric columns described, text columns counted. */
function tableReport(table: {
  rowCount: number;
  columns: readonly {
    name: string;
    kind: 'numeric' | 'text';
    count: number;
    missing: number;
    values: Float64Array;
  }[];
}) {
  return {
    rows: table.rowCount,
    columns: table.columns.map((c) =>
      c.kind === 'numeric'
        ? numericReport(c.name, describeInPlace(c.values)) // the table is read for this only
        : textReport(c.name, c.count, c.missing),
    ),
  };
}

/**
 * Statistics of a Parquet file: read whole when its decoded columns fit in --stream-above, else by
 * passes over its row groups (memory: one row group of the columns). Both give the same numbers.
 */
async function parquetReport(file: string, options: DataFileOptions, streamAbove: string | undefined) {
  if ((await parquetDecodedBytes(file, options.columns)) <= streamAboveBytes(streamAbove)) {
    const { table } = await readFormatTable(file, 'parquet', options);
    printNotes(file, table.notes);
    return tableReport(table);
  }
  const progress = passProgress();
  try {
    const result = await describeParquetInPasses(file, QUARTILES, { ...options, ...progress });
    printNotes(file, result.notes);
    return {
      rows: result.rowCount,
      columns: result.columns.map((c, j) =>
        c.numeric
          ? numericReport(c.name, summaryOf(result.passes.moments(j), result.passes.quantiles(j)))
          : textReport(c.name, c.count, c.missing),
      ),
    };
  } finally {
    progress.close();
  }
}

async function arrayReport(array: NpyArray, axisFlag: string | undefined) {
  const axes = axisFlag === undefined ? [0] : parseAxisListFlag(axisFlag);
  const result = withFlagNames(() => describeAxes(tensor(array.data, array.shape), axes));
  return Promise.resolve({
    rows: result.reducedAxes.reduce((n, axis) => n * array.shape[axis], 1),
    columns: result.summaries.map((summary, index) =>
      numericReport(indexName(index, result.keptShape), summary),
    ),
  });
}

async function csvReport(
  file: string,
  values: DialectValues & { 'stream-above'?: string; rejects?: string },
  wanted: string[] | undefined,
) {
  const { rejected, ...readOptions } = csvReadOptions(values);
  let report: { rows: number; columns: ColumnReport[] };
  let read: CsvRead;
  if (await readsInPasses(file, values['stream-above'])) {
    ({ read, ...report } = await statsInPasses(file, readOptions));
  } else {
    const table = await readCsvTable(file, readOptions);
    read = { ...table, names: table.columns.map((c) => c.name) };
    report = tableReport(table);
  }
  await reportRead(file, read, rejected, values);
  return wanted ? { ...report, columns: projectReport(report.columns, wanted, file) } : report;
}

function projectReport(columns: ColumnReport[], wanted: readonly string[], file: string): ColumnReport[] {
  return wanted.map((name) => {
    const column = columns.find((c) => c.name === name);
    if (!column)
      throw new UsageError(
        '--columns',
        say('notAColumn', { name, file, columns: columns.map((c) => c.name).join(', ') }),
      );
    return column;
  });
}

export const stats: Command = {
  name: 'stats',
  usage: `stats <${usageNames(['table', 'array'])}|image or folder of images|glob|folder> [--axis 0,2,3] [--columns a,b] ${FORMAT_USAGE} [--json] ${PASSES_USAGE} ${DIALECT_USAGE} ${ENGINE_USAGE}`,
  summary: 'summaryStats',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      axis: { type: 'string' },
      json: { type: 'boolean' },
      columns: { type: 'string' },
      ...FORMAT_OPTIONS,
      ...PASSES_OPTIONS,
      ...DIALECT_OPTIONS,
      ...ENGINE_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    if (usesDuckDb(values.engine, file)) {
      if (values.axis !== undefined) throw new UsageError('--axis', say('axisNotDuckDb'));
      const { rows, columns } = await statsWithDuckDb(file);
      printReport(file, rows, columns, values.json === true, false);
      return;
    }
    const options = {
      ...formatReadOptions(values),
      columns: values.columns?.split(',').map((n) => n.trim()),
    };
    if (await isImageInput(file)) {
      await printImageStats(file, values.json === true);
      return;
    }
    const format = formatOrCsv(file);
    if (values.axis !== undefined && format.shape !== 'array')
      throw new UsageError('--axis', say('axisArraysOnly', { format: format.label }));
    let report: { rows: number; columns: ColumnReport[] };
    switch (format.id) {
      case 'csv':
        report = await csvReport(file, values, options.columns);
        break;
      case 'npy':
        report = await arrayReport(await readNpyFile(file), values.axis);
        break;
      case 'npz': {
        const npz = await readNpzFile(file, options.array, options.language);
        printNotes(file, [npz.note]);
        report = await arrayReport(npz.array, values.axis);
        break;
      }
      case 'parquet':
        report = await parquetReport(file, options, values['stream-above']);
        break;
      case 'arrow':
      case 'jsonl':
      case 'xlsx': {
        const { table } = await readFormatTable(file, format.id, options);
        printNotes(file, table.notes);
        report = tableReport(table);
        break;
      }
      case 'image':
        throw new TypeError('stats: images are handled above');
    }
    printReport(file, report.rows, report.columns, values.json === true, format.shape === 'array');
  },
};

function printReport(file: string, rows: number, columns: ColumnReport[], json: boolean, perIndex: boolean): void {
  if (json) {
    printJson({ rows, columns });
    return;
  }
  const fields = SUMMARY_FIELDS.filter((field) => field !== 'stdPopulation'); // std (ddof 1) is shown
  print(say(perIndex ? 'statsValuesPerStatistic' : 'statsRows', { file, rows }));
  print(
    formatTextTable([
      ['column', 'kind', ...fields],
      ...columns.map((c) => [c.name, c.kind, ...fields.map((f) => (c[f] === null ? '' : formatCell(c[f])))]),
    ]),
  );
}

function parseAxisListFlag(text: string): number[] {
  try {
    return parseAxisList(text, 'stats', 'axis');
  } catch {
    throw new UsageError('--axis', say('axisList', { text }));
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
