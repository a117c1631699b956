import { createScaler, methodInfo, SCALING_METHODS } from '../../engine/scale/registry';
import { partialFitOf } from '../../engine/scale/partial-fit';
import { partialText } from '../../io/node/partial-file';
import type { Scaler } from '../../engine/scale/scaler';
import { fitCsvInPasses, readCsvLayout } from '../../io/node/csv-passes';
import { fitsInPasses } from '../../io/node/fit-passes';
import {
  fitJsonLinesInPasses,
  readJsonLinesLayout,
  writeJsonLinesInPasses,
} from '../../io/node/json-lines-passes';
import { readPrefix } from '../../io/node/read-file';
import {
  DEFAULT_STREAM_ABOVE_MB,
  passProgress,
  PASSES_OPTIONS,
  PASSES_USAGE,
  readsInPasses,
  streamAboveBytes,
} from '../passes-flags';
import { parquetDecodedBytes } from '../../io/node/parquet-passes';
import {
  fitParquetInPasses,
  normalizeParquetInPasses,
  transformParquetInPasses,
} from '../../io/node/parquet-normalize';
import type { Matrix } from '../../engine/scale/matrix';
import type { PassProgress } from '../../io/node/csv-passes';
import { UsageError } from '../usage-error';
import { say } from '../messages';
import {
  paramsText,
  planParamsText,
  readParamsFile,
  readPlanFile,
  recordedDialect,
  type RecordedDialect,
} from '../../io/node/params-file';
import { fitPlan } from '../../engine/advise/plan';
import { InputError } from '../../io/errors';
import type { DialectOverrides } from '../../io/csv/dialect';
import { csvReadOptions, DIALECT_OPTIONS, DIALECT_USAGE, reportRead } from '../dialect-flags';
import { checkOutputTarget, writeFileAtomic } from '../../io/node/atomic-output';
import { parseCommandArgs, positional, requireValue } from '../args';
import type { Command } from '../command';
import {
  columnIndices,
  dataFileNotes,
  readDataFile,
  checkTableTarget,
  selectColumns,
  writeCsvOutput,
  writeLike,
  type DataFile,
} from '../../io/node/data-files';
import { ENGINE_OPTIONS, ENGINE_USAGE, usesDuckDb } from '../engine-flag';
import { fitWithDuckDb, normalizeWithDuckDb } from './duckdb-scaling';
import { withFlagNames } from '../flag-names';
import { formatOrCsv, usageNames } from '../../io/formats/registry';
import { FORMAT_OPTIONS, FORMAT_USAGE, formatReadOptions, printNotes } from '../format-flags';
import { columnList, scalingMethodFrom, SCALING_OPTIONS, SCALING_USAGE } from '../scaling-flags';

const OUTPUT_OPTIONS = { out: { type: 'string' }, force: { type: 'boolean' } } as const;

type ReadValues = Parameters<typeof csvReadOptions>[0] &
  Parameters<typeof formatReadOptions>[0] & { force?: boolean };

/**
 * Reads a training or input file with the format and dialect flags (and `fixed`: a params file's
 * dialect), saying on stderr how it was read and what its reader converted or skipped.
 */
async function readInput(file: string, values: ReadValues, fixed: DialectOverrides = {}): Promise<DataFile> {
  const { rejected, ...csvOptions } = csvReadOptions(values, fixed);
  const data = await readDataFile(file, { ...formatReadOptions(values), ...csvOptions });
  printNotes(file, dataFileNotes(data));
  if (data.kind === 'csv') {
    const { table } = data;
    await reportRead(file, { ...table, names: table.columns.map((c) => c.name) }, rejected, values);
  }
  return data;
}

function rowsOf(data: DataFile): number {
  switch (data.kind) {
    case 'csv':
      return data.table.rowCount;
    case 'table':
      return data.data.table.rowCount;
    case 'npy':
    case 'npz':
      return data.array.shape[0] ?? 1;
  }
}

/** scikit-learn refuses to fit 0 samples; so do we, naming the file. */
function checkHasRows(file: string, rows: number): void {
  if (rows === 0) throw new InputError(say('noDataRows'), file);
}

/** The formats a command reads in passes over the file when it is large. */
type FilePasses = 'csv' | 'parquet' | 'jsonl';

/**
 * How a command reads `file` given --stream-above: a CSV or JSON Lines file over it, or a Parquet
 * file whose decoded columns are over it (and whose output, when there is one, is Parquet too), is
 * read in passes.
 */
async function passesFor(
  file: string,
  out: string | undefined,
  streamAbove: string | undefined,
): Promise<FilePasses | undefined> {
  const format = formatOrCsv(file).id;
  if (
    format === 'parquet' &&
    (out === undefined || formatOrCsv(out).id === 'parquet') &&
    (await parquetDecodedBytes(file)) > streamAboveBytes(streamAbove)
  )
    return 'parquet';
  if (format === 'jsonl')
    return (await readPrefix(file, 0)).size > streamAboveBytes(streamAbove) ? 'jsonl' : undefined;
  return (await readsInPasses(file, streamAbove)) ? 'csv' : undefined;
}

/** A JSON Lines file's columns by a first pass, and the layout indices of the columns `wanted`. */
async function jsonLinesLayoutPass(
  file: string,
  wanted: readonly string[] | undefined,
  values: ReadValues,
  progress: PassProgress,
) {
  const options = { ...formatReadOptions(values), ...progress };
  const layout = await readJsonLinesLayout(file, options);
  const indices = withFlagNames(() => columnIndices(layout.columns, wanted, file));
  return { layout, indices, options };
}

/** Refuses a method that needs every value at once on a file read in passes. */
function checkFitsInPasses(
  scaler: Scaler,
  method: string,
  file: string,
  streamAbove: string | undefined,
): void {
  if (!fitsInPasses(scaler))
    throw new UsageError(
      '--method',
      say('methodInMemory', {
        method,
        file,
        limit: streamAbove ?? DEFAULT_STREAM_ABOVE_MB,
        methods: SCALING_METHODS.filter((m) => m.fitsFrom !== 'all-values')
          .map((m) => m.method)
          .join(', '),
      }),
    );
}

/** A --columns name the file lacks, raised by a pass, as a flag error. */
function asFlagError(error: unknown): never {
  return withFlagNames(() => {
    throw error;
  });
}

/** A CSV's layout by a first pass, reported on stderr as a whole read is. */
async function csvLayoutPass(
  file: string,
  values: ReadValues,
  progress: PassProgress,
  fixed: DialectOverrides = {},
) {
  const { rejected, ...read } = csvReadOptions(values, fixed);
  const layout = await readCsvLayout(file, { ...progress, ...read });
  await reportRead(file, layout, rejected, values);
  return layout;
}

/** fit on a large file: the same passes as normalize's, without the output. */
async function fitInPasses(
  file: string,
  scaler: Scaler,
  wanted: string[] | undefined,
  values: ReadValues,
  passes: FilePasses,
): Promise<{ names: string[]; dialect?: RecordedDialect }> {
  const progress = passProgress();
  try {
    if (passes === 'jsonl') {
      const { layout, indices, options } = await jsonLinesLayoutPass(file, wanted, values, progress);
      checkHasRows(file, layout.rowCount);
      await fitJsonLinesInPasses(file, layout, indices, scaler, options);
      return { names: indices.map((j) => layout.columns[j].name) };
    }
    if (passes === 'parquet') {
      const { names, notes } = await fitParquetInPasses(file, scaler, wanted, {
        ...formatReadOptions(values),
        ...progress,
      }).catch(asFlagError);
      printNotes(file, notes);
      return { names };
    }
    const layout = await csvLayoutPass(file, values, progress);
    checkHasRows(file, layout.rowCount);
    const columns = layout.names.map((name, j) => ({ name, numeric: layout.columns[j].numeric }));
    const indices = withFlagNames(() => columnIndices(columns, wanted, file));
    await fitCsvInPasses(file, layout, indices, scaler, progress);
    return { names: indices.map((j) => layout.names[j]), dialect: recordedDialect(layout.dialect) };
  } finally {
    progress.close();
  }
}

export const fit: Command = {
  name: 'fit',
  usage: `fit <${usageNames(['table', 'array'])}|glob|folder> (${SCALING_USAGE} | --plan plan.json) ${FORMAT_USAGE} --out params.json [--partial] [--force] ${PASSES_USAGE} ${DIALECT_USAGE} ${ENGINE_USAGE}`,
  summary: 'summaryFit',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...DIALECT_OPTIONS,
      ...ENGINE_OPTIONS,
      partial: { type: 'boolean' },
      ...FORMAT_OPTIONS,
      ...PASSES_OPTIONS,
      plan: { type: 'string' },
    });
    const file = positional(positionals, 0, '<train>');
    const out = requireValue('--out', values.out);
    if (values.plan !== undefined) {
      if (values.method !== undefined) throw new UsageError('--plan', say('planNotMethod'));
      await fitPlanFile(file, values.plan, out, values);
      return;
    }
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    if (values.partial) {
      const { mergeability } = methodInfo(method);
      if (mergeability.merges === 'never')
        throw new UsageError(
          '--partial',
          say('partialNotMergeable', { method, reason: mergeability.reason }),
        );
    }
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    if (usesDuckDb(values.engine, file)) {
      if (values.partial) throw new UsageError('--partial', say('partialNotDuckDb'));
      const fitted = await fitWithDuckDb(file, method, options, columnList(values));
      await writeFileAtomic(out, paramsText(fitted.columns, fitted.scaler.toJSON()), {
        force: values.force,
        inputs: [file],
      });
      return;
    }
    const passes = values.partial ? undefined : await passesFor(file, undefined, values['stream-above']);
    if (passes) {
      checkFitsInPasses(scaler, method, file, values['stream-above']);
      const { names, dialect } = await fitInPasses(file, scaler, columnList(values), values, passes);
      await writeFileAtomic(out, paramsText(names, scaler.toJSON(), dialect), {
        force: values.force,
        inputs: [file],
      });
      return;
    }
    const data = await readInput(file, values);
    checkHasRows(file, rowsOf(data));
    const selection = withFlagNames(() => selectColumns(data, columnList(values)));
    if (values.partial) {
      const partial = partialFitOf(method, options, selection.names, selection.matrix);
      await writeFileAtomic(out, partialText(partial), { force: values.force, inputs: [file] });
      return;
    }
    scaler.fit(selection.matrix);
    const dialect = data.kind === 'csv' ? recordedDialect(data.table.dialect) : undefined;
    await writeFileAtomic(out, paramsText(selection.names, scaler.toJSON(), dialect), {
      force: values.force,
      inputs: [file],
    });
  },
};

/** fit --plan: every plan column must be a numeric column of the file; the params file records the plan. */
async function fitPlanFile(file: string, planFile: string, out: string, values: ReadValues): Promise<void> {
  const { force } = values;
  checkOutputTarget(out, { force, inputs: [file, planFile] });
  const plan = await readPlanFile(planFile);
  const data = await readInput(file, values);
  checkHasRows(file, rowsOf(data));
  const wanted = plan.columns.map((entry) => entry.column);
  const selection = withFlagNames(() => selectColumns(data, wanted));
  const { matrix } = selection;
  const fitted = fitPlan(
    plan,
    (name) => {
      const j = selection.names.indexOf(name);
      return Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j]);
    },
    matrix.rows,
  );
  const dialect = data.kind === 'csv' ? recordedDialect(data.table.dialect) : undefined;
  await writeFileAtomic(out, planParamsText(fitted.fitted, dialect), { force, inputs: [file, planFile] });
}

/**
 * normalize on a large file: a CSV or JSON Lines file by a layout pass, the fit's passes and the
 * output written as a stream; a Parquet file by the fit's passes over its row groups, written row
 * group by row group.
 */
async function normalizeInPasses(
  file: string,
  scaler: Scaler,
  wanted: string[] | undefined,
  out: string,
  values: ReadValues,
  passes: FilePasses,
): Promise<void> {
  const progress = passProgress();
  const force = values.force;
  try {
    if (passes === 'jsonl') {
      const { layout, indices, options } = await jsonLinesLayoutPass(file, wanted, values, progress);
      checkHasRows(file, layout.rowCount);
      const format = checkTableTarget(out);
      await fitJsonLinesInPasses(file, layout, indices, scaler, options);
      const transform = (input: Matrix) => scaler.transform(input);
      await writeJsonLinesInPasses(file, layout, indices, transform, out, format, { force, ...options });
      return;
    }
    if (passes === 'parquet') {
      await normalizeParquetInPasses(file, scaler, wanted, out, {
        force,
        ...formatReadOptions(values),
        ...progress,
      }).catch(asFlagError);
      return;
    }
    const layout = await csvLayoutPass(file, values, progress);
    checkHasRows(file, layout.rowCount);
    const columns = layout.names.map((name, j) => ({ name, numeric: layout.columns[j].numeric }));
    const indices = withFlagNames(() => columnIndices(columns, wanted, file));
    await fitCsvInPasses(file, layout, indices, scaler, progress);
    await writeCsvOutput(file, layout.dialect, columns, indices, (_, input) => scaler.transform(input), out, {
      force,
      signal: progress.signal,
      skipBadRows: layout.badRows !== undefined,
    });
  } finally {
    progress.close();
  }
}

export const normalize: Command = {
  name: 'normalize',
  usage: `normalize <${usageNames(['table', 'array'])}|glob|folder> ${SCALING_USAGE} ${FORMAT_USAGE} --out <file> [--force] ${PASSES_USAGE} ${DIALECT_USAGE} ${ENGINE_USAGE}`,
  summary: 'summaryNormalize',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...PASSES_OPTIONS,
      ...DIALECT_OPTIONS,
      ...ENGINE_OPTIONS,
      ...FORMAT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const out = requireValue('--out', values.out);
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    if (usesDuckDb(values.engine, file)) {
      await normalizeWithDuckDb(file, method, options, columnList(values), out, values.force ?? false);
      return;
    }
    const passes = await passesFor(file, out, values['stream-above']);
    if (passes) {
      checkFitsInPasses(scaler, method, file, values['stream-above']);
      await normalizeInPasses(file, scaler, columnList(values), out, values, passes);
      return;
    }
    const data = await readInput(file, values);
    checkHasRows(file, rowsOf(data));
    const selection = withFlagNames(() => selectColumns(data, columnList(values)));
    const result = scaler.fit(selection.matrix).transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force });
  },
};

export const transform: Command = {
  name: 'transform',
  usage: `transform <${usageNames(['table', 'array'])}> --params params.json ${FORMAT_USAGE} --out <file> [--inverse] [--force] ${PASSES_USAGE} ${DIALECT_USAGE}`,
  summary: 'summaryTransform',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      params: { type: 'string' },
      inverse: { type: 'boolean' },
      ...OUTPUT_OPTIONS,
      ...PASSES_OPTIONS,
      ...DIALECT_OPTIONS,
      ...FORMAT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const paramsFile = requireValue('--params', values.params);
    const out = requireValue('--out', values.out);
    checkOutputTarget(out, { force: values.force, inputs: [file, paramsFile] });
    const { scaler, columns, dialect } = await readParamsFile(paramsFile);
    const apply = (input: Matrix) =>
      values.inverse ? scaler.inverseTransform(input) : scaler.transform(input);
    const passes = await passesFor(file, out, values['stream-above']);
    if (passes) {
      await transformInPasses(file, columns, apply, out, values, passes, dialect, paramsFile);
      return;
    }
    const data = await readInput(file, values, dialect);
    const selection = withFlagNames(() => selectColumns(data, columns));
    await writeLike(data, selection, apply(selection.matrix), out, {
      force: values.force,
      inputs: [paramsFile],
    });
  },
};

/**
 * transform on a large file: a Parquet file row group by row group, a CSV (in the training file's
 * dialect unless flags say otherwise) or JSON Lines file by a layout pass and the output streamed.
 */
async function transformInPasses(
  file: string,
  columns: readonly string[],
  apply: (input: Matrix) => Matrix,
  out: string,
  values: ReadValues,
  passes: FilePasses,
  dialect: DialectOverrides | undefined,
  paramsFile: string,
): Promise<void> {
  const progress = passProgress();
  const options = { force: values.force, inputs: [paramsFile], ...progress };
  try {
    if (passes === 'jsonl') {
      const read = await jsonLinesLayoutPass(file, columns, values, progress);
      const format = checkTableTarget(out);
      await writeJsonLinesInPasses(file, read.layout, read.indices, apply, out, format, {
        ...options,
        ...read.options,
      });
      return;
    }
    if (passes === 'parquet') {
      const notes = await transformParquetInPasses(file, columns, apply, out, {
        ...options,
        ...formatReadOptions(values),
      }).catch(asFlagError);
      printNotes(file, notes);
      return;
    }
    const layout = await csvLayoutPass(file, values, progress, dialect);
    const kinds = layout.names.map((name, j) => ({ name, numeric: layout.columns[j].numeric }));
    const indices = withFlagNames(() => columnIndices(kinds, columns, file));
    await writeCsvOutput(file, layout.dialect, kinds, indices, (_, input) => apply(input), out, {
      ...options,
      skipBadRows: layout.badRows !== undefined,
    });
  } finally {
    progress.close();
  }
}
