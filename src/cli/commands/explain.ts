import { FRAMEWORKS, NORM_LAYERS } from '../../engine/explain/conventions';
import { explainPlan, formatPlanText } from '../../engine/explain/plan';
import { cliLanguage } from '../messages';
import {
  parseChoice,
  parseCommandArgs,
  parseInteger,
  parseIntegerList,
  parseNumber,
  positional,
  requireValue,
} from '../args';
import { print, printJson, type Command } from '../command';
import { withFlagNames } from '../flag-names';

export const explain: Command = {
  name: 'explain',
  usage:
    'explain <batchnorm|layernorm|instancenorm|groupnorm|rmsnorm> --framework torch|keras|flax --shape 32,64,56,56 [--layout NCHW] [--groups G] [--normalized-shape 56,56] [--axis K] [--eps E] [--momentum M|none] [--json]',
  summary: 'summaryExplain',
  run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      framework: { type: 'string' },
      shape: { type: 'string' },
      layout: { type: 'string' },
      groups: { type: 'string' },
      'normalized-shape': { type: 'string' },
      axis: { type: 'string' },
      eps: { type: 'string' },
      momentum: { type: 'string' },
      json: { type: 'boolean' },
    });
    const layer = parseChoice('<layer>', positional(positionals, 0, '<layer>'), NORM_LAYERS);
    const plan = withFlagNames(() =>
      explainPlan({
        layer,
        framework:
          values.framework === undefined ? 'torch' : parseChoice('--framework', values.framework, FRAMEWORKS),
        shape: parseIntegerList('--shape', requireValue('--shape', values.shape)),
        layout: values.layout,
        numGroups: values.groups === undefined ? undefined : parseInteger('--groups', values.groups),
        normalizedShape:
          values['normalized-shape'] === undefined
            ? undefined
            : parseIntegerList('--normalized-shape', values['normalized-shape']),
        axis: values.axis === undefined ? undefined : parseIntegerList('--axis', values.axis),
        eps: values.eps === undefined ? undefined : parseNumber('--eps', values.eps),
        momentum:
          values.momentum === undefined
            ? undefined
            : values.momentum === 'none'
              ? null
              : parseNumber('--momentum', values.momentum),
        language: cliLanguage(),
      }),
    );
    if (values.json) printJson(plan);
    else print(formatPlanText(plan, cliLanguage()));
  },
};
