import { createScaler, SCALING_METHODS } from '../../engine/scale/registry';
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
import { paramsText, readParamsFile } from '../../io/node/params-file';
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
} from '../../io/node/data-files';
import { withFlagNames } from '../flag-names';
import { formatOrCsv, usageNames } from '../../io/formats/registry';
import { FORMAT_OPTIONS, FORMAT_USAGE, formatReadOptions, printNotes } from '../format-flags';
import { columnList, scalingMethodFrom, SCALING_OPTIONS, SCALING_USAGE } from '../scaling-flags';

/** The input file, its reader's notes on stderr. */
async function readInput(file: string, values: Parameters<typeof formatReadOptions>[0]) {
  const data = await readDataFile(file, formatReadOptions(values));
  printNotes(file, dataFileNotes(data));
  return data;
}

const OUTPUT_OPTIONS = { out: { type: 'string' }, force: { type: 'boolean' } } as const;

export const fit: Command = {
  name: 'fit',
  usage: `fit <${usageNames(['table', 'array'])}> ${SCALING_USAGE} ${FORMAT_USAGE} --out params.json [--force]`,
  summary:
    'Fit a scaling method on a training file and save its fitted parameters as versioned JSON (fit on train only).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...FORMAT_OPTIONS,
    });
    const file = positional(positionals, 0, '<train>');
    const out = requireValue('--out', values.out);
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    const data = await readInput(file, values);
    const selection = withFlagNames(() => selectColumns(data, columnList(values)));
    scaler.fit(selection.matrix);
    await writeFileAtomic(out, paramsText(selection.names, scaler.toJSON()), {
      force: values.force,
      inputs: [file],
    });
  },
};

/**
 * normalize on a large file: a CSV by a layout pass, the fit's passes and the output written as a
 * stream; a Parquet file by the fit's passes over its row groups, written row group by row group.
 */
async function normalizeInPasses(
  file: string,
  scaler: Scaler,
  wanted: string[] | undefined,
  out: string,
  force: boolean | undefined,
  parquet: boolean,
): Promise<void> {
  const progress = passProgress();
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
    const layout = await readCsvLayout(file, progress);
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
    );
  } finally {
    progress.close();
  }
}

export const normalize: Command = {
  name: 'normalize',
  usage: `normalize <${usageNames(['table', 'array'])}> ${SCALING_USAGE} ${FORMAT_USAGE} --out <file> [--force] ${PASSES_USAGE}`,
  summary:
    'Fit a method on a file and write the file normalized to a new file (text columns and missing values kept).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...PASSES_OPTIONS,
      ...FORMAT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const out = requireValue('--out', values.out);
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    const parquetInPasses =
      formatOrCsv(file).id === 'parquet' &&
      formatOrCsv(out).id === 'parquet' &&
      (await parquetDecodedBytes(file)) > streamAboveBytes(values['stream-above']);
    if (parquetInPasses || (await readsInPasses(file, values['stream-above']))) {
      if (!fitsInPasses(scaler))
        throw new UsageError(
          '--method',
          `${method} needs every value in memory at once, and ${file} is over --stream-above (${values['stream-above'] ?? DEFAULT_STREAM_ABOVE_MB} MB); files that large are normalized in passes with ${SCALING_METHODS.filter(
            (m) => m.fitsFrom !== 'all-values',
          )
            .map((m) => m.method)
            .join(', ')}`,
        );
      await normalizeInPasses(file, scaler, columnList(values), out, values.force, parquetInPasses);
      return;
    }
    const data = await readInput(file, values);
    const selection = withFlagNames(() => selectColumns(data, columnList(values)));
    const result = scaler.fit(selection.matrix).transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force });
  },
};

export const transform: Command = {
  name: 'transform',
  usage: `transform <${usageNames(['table', 'array'])}> --params params.json ${FORMAT_USAGE} --out <file> [--inverse] [--force]`,
  summary: 'Apply saved parameters to another file (or undo them with --inverse), writing a new file.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      params: { type: 'string' },
      inverse: { type: 'boolean' },
      ...OUTPUT_OPTIONS,
      ...FORMAT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const paramsFile = requireValue('--params', values.params);
    const out = requireValue('--out', values.out);
    checkOutputTarget(out, { force: values.force, inputs: [file, paramsFile] });
    const { scaler, columns } = await readParamsFile(paramsFile);
    const data = await readInput(file, values);
    const selection = withFlagNames(() => selectColumns(data, columns));
    const result = values.inverse
      ? scaler.inverseTransform(selection.matrix)
      : scaler.transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force, inputs: [paramsFile] });
  },
};
