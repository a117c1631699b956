import { createScaler, scalerFromJSON } from '../../engine/scale/registry';
import type { Scaler, ScalerJSON } from '../../engine/scale/scaler';
import { readWholeFile } from '../../io/node/read-file';
import { checkOutputTarget, writeFileAtomic } from '../../io/node/atomic-output';
import { InputError } from '../../io/errors';
import { parseCommandArgs, positional, requireValue } from '../args';
import { jsonText, type Command } from '../command';
import { readDataFile, selectColumns, writeLike } from '../data-files';
import { withFlagNames } from '../flag-names';
import { columnList, scalingMethodFrom, SCALING_OPTIONS, SCALING_USAGE } from '../scaling-flags';

/** A params file: the fitted scaler and the columns it was fitted on. */
export interface ParamsFile {
  format: 'normscope/params';
  version: 1;
  method: string;
  columns: string[];
  scaler: ScalerJSON;
}

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
    const selection = selectColumns(data, columnList(values));
    scaler.fit(selection.matrix);
    const params: ParamsFile = {
      format: 'normscope/params',
      version: 1,
      method,
      columns: selection.names,
      scaler: scaler.toJSON(),
    };
    await writeFileAtomic(out, jsonText(params), { force: values.force, inputs: [file] });
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
    const selection = selectColumns(data, columnList(values));
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
    const { scaler, columns } = await readParams(paramsFile);
    const data = await readDataFile(file);
    const selection = selectColumns(data, columns);
    const result = values.inverse
      ? scaler.inverseTransform(selection.matrix)
      : scaler.transform(selection.matrix);
    await writeLike(data, selection, result, out, { force: values.force, inputs: [paramsFile] });
  },
};

async function readParams(file: string): Promise<{ scaler: Scaler; columns: string[] }> {
  let params: ParamsFile;
  try {
    params = JSON.parse(new TextDecoder().decode(await readWholeFile(file)), reviveNumbers) as ParamsFile;
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`is not valid JSON (${error.message})`, file);
    throw error;
  }
  if (params?.format !== 'normscope/params' || params.version !== 1 || !Array.isArray(params.columns)) {
    throw new InputError(
      "is not a normscope params file (expected format 'normscope/params', version 1)",
      file,
    );
  }
  try {
    return { scaler: scalerFromJSON(params.scaler), columns: params.columns };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new InputError(error.message, file);
    throw error;
  }
}

/** The inverse of printJson's encoding: null → NaN, "Infinity"/"-Infinity" → ±Infinity. */
function reviveNumbers(_key: string, value: unknown): unknown {
  if (value === null) return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}
