import { createScaler } from '../../engine/scale/registry';
import { paramsText, readParamsFile } from '../../io/node/params-file';
import { checkOutputTarget, writeFileAtomic } from '../../io/node/atomic-output';
import { parseCommandArgs, positional, requireValue } from '../args';
import type { Command } from '../command';
import { readDataFile, selectColumns, writeLike } from '../../io/node/data-files';
import { withFlagNames } from '../flag-names';
import { columnList, scalingMethodFrom, SCALING_OPTIONS, SCALING_USAGE } from '../scaling-flags';

const OUTPUT_OPTIONS = { out: { type: 'string' }, force: { type: 'boolean' } } as const;

export const fit: Command = {
  name: 'fit',
  usage: `fit <train.csv|train.npy> ${SCALING_USAGE} --out params.json [--force]`,
  summary:
    'Fit a scaling method on a training file and save its fitted parameters as versioned JSON (fit on train only).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { ...SCALING_OPTIONS, ...OUTPUT_OPTIONS });
    const file = positional(positionals, 0, '<train>');
    const out = requireValue('--out', values.out);
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

export const normalize: Command = {
  name: 'normalize',
  usage: `normalize <file.csv|file.npy> ${SCALING_USAGE} --out <file> [--force]`,
  summary:
    'Fit a method on a file and write the file normalized to a new file (text columns and missing values kept).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { ...SCALING_OPTIONS, ...OUTPUT_OPTIONS });
    const file = positional(positionals, 0, '<file>');
    const out = requireValue('--out', values.out);
    const { method, options } = scalingMethodFrom(values);
    const scaler = withFlagNames(() => createScaler(method, options));
    checkOutputTarget(out, { force: values.force, inputs: [file] });
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
