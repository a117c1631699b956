import { createScaler, methodInfo, SCALING_METHODS } from '../../engine/scale/registry';
import { partialFitOf } from '../../engine/scale/partial-fit';
import { partialText } from '../../io/node/partial-file';
import type { Scaler } from '../../engine/scale/scaler';
import { fitCsvInPasses, fitsInPasses, readCsvLayout } from '../../io/node/csv-passes';
import {
  DEFAULT_STREAM_ABOVE_MB,
  passProgress,
  PASSES_OPTIONS,
  PASSES_USAGE,
  readsInPasses,
  streamAboveBytes,
} from '../passes-flags';
import { parquetDecodedBytes } from '../../io/node/parquet-passes';
import { normalizeParquetInPasses } from '../../io/node/parquet-normalize';
import { UsageError } from '../usage-error';
import { say } from '../messages';
import {
  paramsText,
  planParamsText,
  readParamsFile,
  readPlanFile,
  recordedDialect,
} from '../../io/node/params-file';
import { fitPlan } from '../../engine/advise/plan';
import { InputError } from '../../io/errors';
import type { DialectOverrides } from '../../io/csv/dialect';
import { csvReadOptions, DIALECT_OPTIONS, DIALECT_USAGE, reportRead } from '../dialect-flags';
import { AtomicOutput, checkOutputTarget, writeFileAtomic } from '../../io/node/atomic-output';
import { parseCommandArgs, positional, requireValue } from '../args';
import type { Command } from '../command';
import {
  columnIndices,
  dataFileNotes,
  readDataFile,
  rewriteCsv,
  selectColumns,
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

export const fit: Command = {
  name: 'fit',
  usage: `fit <${usageNames(['table', 'array'])}|glob|folder> (${SCALING_USAGE} | --plan plan.json) ${FORMAT_USAGE} --out params.json [--partial] [--force] ${DIALECT_USAGE} ${ENGINE_USAGE}`,
  summary: 'summaryFit',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...DIALECT_OPTIONS,
      ...ENGINE_OPTIONS,
      partial: { type: 'boolean' },
      ...FORMAT_OPTIONS,
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
async function fitPlanFile(
  file: string,
  planFile: string,
  out: string,
  values: ReadValues,
): Promise<void> {
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
 * normalize on a large file: a CSV by a layout pass, the fit's passes and the output written as a
 * stream; a Parquet file by the fit's passes over its row groups, written row group by row group.
 */
async function normalizeInPasses(
  file: string,
  scaler: Scaler,
  wanted: string[] | undefined,
  out: string,
  values: ReadValues,
  parquet: boolean,
): Promise<void> {
  const progress = passProgress();
  const force = values.force;
  try {
    if (parquet) {
      await normalizeParquetInPasses(file, scaler, wanted, out, { force, ...progress }).catch(
        (error: unknown) =>
          withFlagNames(() => {
            throw error; // a --columns name the file lacks, as a flag error
          }),
      );
      return;
    }
    const { rejected, ...read } = csvReadOptions(values);
    const layout = await readCsvLayout(file, { ...progress, ...read });
    await reportRead(file, layout, rejected, values);
    checkHasRows(file, layout.rowCount);
    const columns = layout.names.map((name, j) => ({ name, numeric: layout.columns[j].numeric }));
    const indices = withFlagNames(() => columnIndices(columns, wanted, file));
    await fitCsvInPasses(file, layout, indices, scaler, progress);
    const output = new AtomicOutput(out, { force, inputs: [file] });
    await rewriteCsv(
      file,
      layout.dialect,
      indices,
      output,
      (_, input) => scaler.transform(input),
      progress.signal,
      { skipBadRows: layout.badRows !== undefined },
    );
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
    const parquetInPasses =
      formatOrCsv(file).id === 'parquet' &&
      formatOrCsv(out).id === 'parquet' &&
      (await parquetDecodedBytes(file)) > streamAboveBytes(values['stream-above']);
    if (parquetInPasses || (await readsInPasses(file, values['stream-above']))) {
      if (!fitsInPasses(scaler))
        throw new UsageError(
          '--method',
          say('methodInMemory', {
            method,
            file,
            limit: values['stream-above'] ?? DEFAULT_STREAM_ABOVE_MB,
            methods: SCALING_METHODS.filter((m) => m.fitsFrom !== 'all-values')
              .map((m) => m.method)
              .join(', '),
          }),
        );
      await normalizeInPasses(file, scaler, columnList(values), out, values, parquetInPasses);
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
  usage: `transform <${usageNames(['table', 'array'])}> --params params.json ${FORMAT_USAGE} --out <file> [--inverse] [--force] ${DIALECT_USAGE}`,
  summary: 'summaryTransform',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      params: { type: 'string' },
      inverse: { type: 'boolean' },
      ...OUTPUT_OPTIONS,
      ...DIALECT_OPTIONS,
      ...FORMAT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const paramsFile = requireValue('--params', values.params);
    const out = requireValue('--out', values.out);
    checkOutputTarget(out, { force: values.force, inputs: [file, paramsFile] });
    const { scaler, columns, dialect } = await readParamsFile(paramsFile);
    const data = await readInput(file, values, dialect);
    const selection = withFlagNames(() => selectColumns(data, columns));
    const result = values.inverse
      ? scaler.inverseTransform(selection.matrix)
      : scaler.transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force, inputs: [paramsFile] });
  },
};
