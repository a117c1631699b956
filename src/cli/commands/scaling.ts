import { createScaler, SCALING_METHODS } from '../../engine/scale/registry';
import type { Scaler } from '../../engine/scale/scaler';
import { fitCsvInPasses, fitsInPasses, readCsvLayout } from '../../io/node/csv-passes';
import {
  DEFAULT_STREAM_ABOVE_MB,
  passProgress,
  PASSES_OPTIONS,
  PASSES_USAGE,
  readsInPasses,
} from '../passes-flags';
import { UsageError } from '../usage-error';
import { paramsText, planParamsText, readParamsFile, readPlanFile } from '../../io/node/params-file';
import { fitPlan } from '../../engine/advise/plan';
import { AtomicOutput, checkOutputTarget, writeFileAtomic } from '../../io/node/atomic-output';
import { parseCommandArgs, positional, requireValue } from '../args';
import type { Command } from '../command';
import { columnIndices, readDataFile, rewriteCsv, selectColumns, writeLike } from '../../io/node/data-files';
import { withFlagNames } from '../flag-names';
import { columnList, scalingMethodFrom, SCALING_OPTIONS, SCALING_USAGE } from '../scaling-flags';

const OUTPUT_OPTIONS = { out: { type: 'string' }, force: { type: 'boolean' } } as const;

export const fit: Command = {
  name: 'fit',
  usage: `fit <train.csv|train.npy> (${SCALING_USAGE} | --plan plan.json) --out params.json [--force]`,
  summary:
    'Fit a scaling method (or a per-column plan, as `advise` suggests) on a training file and save its fitted parameters as versioned JSON (fit on train only).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      plan: { type: 'string' },
    });
    const file = positional(positionals, 0, '<train>');
    const out = requireValue('--out', values.out);
    if (values.plan !== undefined) {
      if (values.method !== undefined)
        throw new UsageError('--plan', 'gives each column its method; leave out --method (or --plan)');
      await fitPlanFile(file, values.plan, out, values.force);
      return;
    }
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    const data = await readDataFile(file);
    const selection = withFlagNames(() => selectColumns(data, columnList(values)));
    scaler.fit(selection.matrix);
    await writeFileAtomic(out, paramsText(selection.names, scaler.toJSON()), {
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
  force: boolean | undefined,
): Promise<void> {
  checkOutputTarget(out, { force, inputs: [file, planFile] });
  const plan = await readPlanFile(planFile);
  const data = await readDataFile(file);
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
  await writeFileAtomic(out, planParamsText(fitted.fitted), { force, inputs: [file, planFile] });
}

/** normalize on a large CSV: a layout pass, the fit's passes, then the output written as a stream. */
async function normalizeInPasses(
  file: string,
  scaler: Scaler,
  wanted: string[] | undefined,
  out: string,
  force: boolean | undefined,
): Promise<void> {
  const progress = passProgress();
  try {
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
  usage: `normalize <file.csv|file.npy> ${SCALING_USAGE} --out <file> [--force] ${PASSES_USAGE}`,
  summary:
    'Fit a method on a file and write the file normalized to a new file (text columns and missing values kept).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SCALING_OPTIONS,
      ...OUTPUT_OPTIONS,
      ...PASSES_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const out = requireValue('--out', values.out);
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    if (await readsInPasses(file, values['stream-above'])) {
      if (!fitsInPasses(scaler))
        throw new UsageError(
          '--method',
          `${method} needs every value in memory at once, and ${file} is over --stream-above (${values['stream-above'] ?? DEFAULT_STREAM_ABOVE_MB} MB); files that large are normalized in passes with ${SCALING_METHODS.filter(
            (m) => m.fitsFrom !== 'all-values',
          )
            .map((m) => m.method)
            .join(', ')}`,
        );
      await normalizeInPasses(file, scaler, columnList(values), out, values.force);
      return;
    }
    const data = await readDataFile(file);
    const selection = withFlagNames(() => selectColumns(data, columnList(values)));
    const result = scaler.fit(selection.matrix).transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force });
  },
};

export const transform: Command = {
  name: 'transform',
  usage: 'transform <file.csv|file.npy> --params params.json --out <file> [--inverse] [--force]',
  summary: 'Apply saved parameters to another file (or undo them with --inverse), writing a new file.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      params: { type: 'string' },
      inverse: { type: 'boolean' },
      ...OUTPUT_OPTIONS,
    });
    const file = positional(positionals, 0, '<file>');
    const paramsFile = requireValue('--params', values.params);
    const out = requireValue('--out', values.out);
    checkOutputTarget(out, { force: values.force, inputs: [file, paramsFile] });
    const { scaler, columns } = await readParamsFile(paramsFile);
    const data = await readDataFile(file);
    const selection = withFlagNames(() => selectColumns(data, columns));
    const result = values.inverse
      ? scaler.inverseTransform(selection.matrix)
      : scaler.transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force, inputs: [paramsFile] });
  },
};
