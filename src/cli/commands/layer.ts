import {
  conventionFor,
  FRAMEWORKS,
  NORM_LAYERS,
  resolveEpsilon,
  type NormLayer,
} from '../../engine/explain/conventions';
import { batchNorm, type BatchNormResult } from '../../engine/layers/batch-norm';
import { groupNorm } from '../../engine/layers/group-norm';
import { instanceNorm } from '../../engine/layers/instance-norm';
import { layerNorm, rmsNorm, unitNorm } from '../../engine/layers/layer-norm';
import type { Tensor } from '../../engine/tensor/tensor';
import { checkOutputTarget } from '../../io/node/atomic-output';
import {
  parseChoice,
  parseCommandArgs,
  parseInteger,
  parseIntegerList,
  parseNumber,
  positional,
  requireValue,
} from '../args';
import type { Command } from '../command';
import { withFlagNames } from '../flag-names';
import { UsageError } from '../usage-error';
import { say } from '../messages';
import { readState, readTensor, readVector, writeState, writeTensor } from './tensor-files';

/** Flags that only some layers read; any other layer refuses them rather than ignoring them. */
const LAYER_FLAGS: Record<string, readonly NormLayer[]> = {
  training: ['batchnorm', 'instancenorm'],
  momentum: ['batchnorm', 'instancenorm'],
  'state-in': ['batchnorm', 'instancenorm'],
  'state-out': ['batchnorm', 'instancenorm'],
  'track-running-stats': ['instancenorm'],
  'normalized-shape': ['layernorm', 'rmsnorm'],
  groups: ['groupnorm'],
  'channel-axis': ['batchnorm', 'instancenorm', 'groupnorm'],
  bias: ['batchnorm', 'instancenorm', 'groupnorm', 'layernorm'],
  weight: ['batchnorm', 'instancenorm', 'groupnorm', 'layernorm', 'rmsnorm'],
  axis: ['unitnorm'],
};

export const layer: Command = {
  name: 'layer',
  usage:
    'layer <batchnorm|layernorm|instancenorm|groupnorm|rmsnorm|unitnorm> <x.npy> --out <y.npy> [--framework torch|keras|flax] [--training] [--channel-axis K] [--normalized-shape 5,8] [--groups G] [--axis 1] [--eps E] [--momentum M|none] [--track-running-stats] [--weight w.npy] [--bias b.npy] [--state-in s.json] [--state-out s.json] [--force]',
  summary: 'summaryLayer',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      force: { type: 'boolean' },
      framework: { type: 'string' },
      training: { type: 'boolean' },
      'channel-axis': { type: 'string' },
      'normalized-shape': { type: 'string' },
      axis: { type: 'string' },
      groups: { type: 'string' },
      eps: { type: 'string' },
      momentum: { type: 'string' },
      'track-running-stats': { type: 'boolean' },
      weight: { type: 'string' },
      bias: { type: 'string' },
      'state-in': { type: 'string' },
      'state-out': { type: 'string' },
    });
    const name = parseChoice('<layer>', positional(positionals, 0, '<layer>'), NORM_LAYERS);
    const file = positional(positionals, 1, '<x.npy>');
    const out = requireValue('--out', values.out);
    for (const [flag, layers] of Object.entries(LAYER_FLAGS)) {
      if (values[flag as keyof typeof values] !== undefined && !layers.includes(name)) {
        throw new UsageError(
          `--${flag}`,
          say('layerFlagNotApplicable', { layer: name, layers: layers.join(', ') }),
        );
      }
    }
    const framework =
      values.framework === undefined ? 'torch' : parseChoice('--framework', values.framework, FRAMEWORKS);
    const eps = values.eps === undefined ? undefined : parseNumber('--eps', values.eps);
    const momentum =
      values.momentum === undefined
        ? undefined
        : values.momentum === 'none'
          ? null
          : parseNumber('--momentum', values.momentum);
    const channelAxis =
      values['channel-axis'] === undefined
        ? undefined
        : parseInteger('--channel-axis', values['channel-axis']);
    const outputs = [out, ...(values['state-out'] ? [values['state-out']] : [])];
    const inputs = [file, values.weight, values.bias, values['state-in']].filter(
      (f): f is string => f !== undefined,
    );
    for (const target of outputs) checkOutputTarget(target, { force: values.force, inputs });

    const x = await readTensor(file);
    const weight = await readVector(values.weight);
    const bias = await readVector(values.bias);
    const running = await readState(values['state-in']);
    const channelsLast = conventionFor(framework, name).conventionalLayout === 'channels-last';
    const layerEps =
      eps ??
      resolveEpsilon(
        conventionFor(framework, name).eps,
        x.data instanceof Float32Array ? 'float32' : 'float64',
      );
    let output: Tensor;
    let stateful: Pick<BatchNormResult, 'running' | 'batchMean' | 'batchVar'> | undefined;
    switch (name) {
      case 'batchnorm': {
        const result = withFlagNames(() =>
          batchNorm(x, {
            training: values.training ?? false,
            framework,
            channelAxis,
            eps,
            momentum,
            weight,
            bias,
            running,
          }),
        );
        output = result.output;
        stateful = result;
        break;
      }
      case 'instancenorm': {
        const tracked = values['track-running-stats'] ?? false;
        const result = withFlagNames(() =>
          instanceNorm(x, {
            channelAxis: channelAxis ?? (channelsLast ? -1 : 1),
            eps: layerEps,
            momentum,
            trackRunningStats: tracked,
            training: values.training ?? false,
            running,
            weight,
            bias,
          }),
        );
        output = result.output;
        if (tracked && result.running) stateful = { running: result.running };
        break;
      }
      case 'groupnorm': {
        const groups = parseInteger('--groups', requireValue('--groups', values.groups), 1);
        output = withFlagNames(() =>
          groupNorm(x, {
            numGroups: groups,
            channelAxis: channelAxis ?? (channelsLast ? -1 : 1),
            eps: layerEps,
            weight,
            bias,
          }),
        );
        break;
      }
      case 'layernorm':
      case 'rmsnorm': {
        const normalizedShape =
          values['normalized-shape'] === undefined
            ? undefined
            : parseIntegerList('--normalized-shape', values['normalized-shape']);
        const run = name === 'layernorm' ? layerNorm : rmsNorm;
        output = withFlagNames(() => run(x, { normalizedShape, eps: layerEps, weight, bias }));
        break;
      }
      case 'unitnorm': {
        // torch.nn.functional.normalize (dim 1) or keras.layers.UnitNormalization (axis -1)
        const axes =
          values.axis === undefined
            ? [conventionFor(framework, name).defaultAxis ?? -1]
            : parseIntegerList('--axis', values.axis);
        output = withFlagNames(() => unitNorm(x, { axes, eps: layerEps }));
        break;
      }
    }
    if (values['state-out'] && !stateful) {
      throw new UsageError('--state-out', say('layerNoRunningStats', { layer: name }));
    }
    await writeTensor(out, output, { force: values.force, inputs });
    if (values['state-out'] && stateful)
      await writeState(values['state-out'], stateful.running, stateful, { force: values.force, inputs });
  },
};
