import { foldBatchNorm } from '../../engine/layers/fold-batch-norm';
import { tensor } from '../../engine/tensor/tensor';
import { checkOutputTarget } from '../../io/node/atomic-output';
import { parseCommandArgs, parseNumber, requireValue } from '../args';
import type { Command } from '../command';
import { withFlagNames } from '../flag-names';
import { readTensor, readVector, writeTensor } from './tensor-files';

export const foldBn: Command = {
  name: 'fold-bn',
  usage:
    'fold-bn --weight W.npy [--bias b.npy] --bn-weight g.npy --bn-bias b.npy --running-mean m.npy --running-var v.npy [--eps E] --out-weight W2.npy --out-bias b2.npy [--force]',
  summary: 'summaryFoldBn',
  async run(args) {
    const flags = [
      'weight',
      'bias',
      'bn-weight',
      'bn-bias',
      'running-mean',
      'running-var',
      'eps',
      'out-weight',
      'out-bias',
    ] as const;
    const { values } = parseCommandArgs(args, {
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
      force: { type: 'boolean' },
    });
    const text = values as Record<(typeof flags)[number], string | undefined> & { force?: boolean };
    const need = (flag: (typeof flags)[number]) => requireValue(`--${flag}`, text[flag]);
    const inputs = (
      ['weight', 'bias', 'bn-weight', 'bn-bias', 'running-mean', 'running-var'] as const
    ).flatMap((f) => (text[f] ? [text[f]] : []));
    const outWeight = need('out-weight');
    const outBias = need('out-bias');
    for (const target of [outWeight, outBias]) checkOutputTarget(target, { force: text.force, inputs });
    const weight = await readTensor(need('weight'));
    const vector = async (flag: (typeof flags)[number]) => (await readVector(need(flag)))!;
    const input = {
      weight,
      bias: await readVector(text.bias),
      bnWeight: await vector('bn-weight'),
      bnBias: await vector('bn-bias'),
      runningMean: await vector('running-mean'),
      runningVar: await vector('running-var'),
      eps: text.eps === undefined ? undefined : parseNumber('--eps', text.eps),
    };
    const folded = withFlagNames(() => foldBatchNorm(input));
    await writeTensor(outWeight, folded.weight, { force: text.force, inputs });
    await writeTensor(outBias, tensor(folded.bias, [folded.bias.length]), { force: text.force, inputs });
  },
};
