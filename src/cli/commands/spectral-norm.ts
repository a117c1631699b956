import { spectralNorm as spectralNormOf } from '../../engine/layers/spectral-norm';
import { checkOutputTarget } from '../../io/node/atomic-output';
import { parseCommandArgs, parseInteger, positional, requireValue } from '../args';
import { print, type Command } from '../command';
import { withFlagNames } from '../flag-names';
import { readTensor, writeTensor } from './tensor-files';

export const spectralNorm: Command = {
  name: 'spectral-norm',
  usage: 'spectral-norm <w.npy> --out <w.npy> [--dim 0] [--force]',
  summary: 'summarySpectralNorm',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      dim: { type: 'string' },
      force: { type: 'boolean' },
    });
    const file = positional(positionals, 0, '<w.npy>');
    const out = requireValue('--out', values.out);
    const dim = values.dim === undefined ? 0 : parseInteger('--dim', values.dim);
    checkOutputTarget(out, { force: values.force, inputs: [file] });
    const weight = await readTensor(file);
    const { output, sigma } = withFlagNames(() => spectralNormOf(weight, { dim }));
    await writeTensor(out, output, { force: values.force, inputs: [file] });
    print(String(sigma));
  },
};
