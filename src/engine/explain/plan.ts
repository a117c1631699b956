/**
 * Explain plans: for a normalization layer, a framework and an input shape, which axes each statistic
 * reduces over, which are kept, the shapes of the statistics and the affine parameters, how many values
 * feed each statistic, and the defaults (eps, momentum and its direction, running-variance bias).
 * One source for the CLI, hovers, the panel and the renderer; every default comes from conventions.ts.
 */
import { ParameterError } from '../parameter-error';
import { normalizeAxes, normalizeAxis } from '../tensor/axes';
import { sizeOf } from '../tensor/tensor';
import {
  conventionFor,
  type Framework,
  type MomentumConvention,
  type NormLayer,
  type RunningVarianceBias,
} from './conventions';
import { FRAMEWORK_APIS } from './layer-apis';
import { EXPLAIN_MESSAGES, type ExplainMessageKey } from './messages';
import { fillMessage, type AdviceLanguage } from '../advise/messages';

export interface ExplainRequest {
  layer: NormLayer;
  framework: Framework;
  shape: readonly number[];
  /** Axis letters, e.g. 'NCHW', 'NHWC', 'BTC'; default: the framework's conventional layout for the rank. */
  layout?: string;
  numGroups?: number;
  /** PyTorch LayerNorm/RMSNorm normalized_shape (trailing extents). */
  normalizedShape?: readonly number[];
  /** Keras/Flax axis (BatchNorm channel axis; LayerNorm reduced axes). */
  axis?: number | readonly number[];
  eps?: number;
  momentum?: number | null;
  /** The language of the plan's sentences (notes, train vs eval); English when not given. */
  language?: AdviceLanguage;
}

export interface ExplainPlan {
  layer: NormLayer;
  framework: Framework;
  title: string;
  shape: number[];
  layout: string;
  axisNames: string[];
  reducedAxes: number[];
  reducedAxisNames: string[];
  keptAxes: number[];
  keptAxisNames: string[];
  /** Shape of the mean/variance computed per batch (GroupNorm: [N, G]). */
  statShape: number[];
  /** Shape of γ and β ([] when the layer has none by default). */
  paramShape: number[];
  valuesPerStatistic: number;
  statisticsPerBatch: number;
  eps: number | 'dtype-eps';
  momentum: number | null;
  momentumConvention: MomentumConvention | null;
  runningVarianceBias: RunningVarianceBias | null;
  tracksRunningStats: boolean;
  trainVsEval: string;
  notes: string[];
}

const CHANNELS_FIRST = ['N', 'NC', 'NCL', 'NCHW', 'NCDHW'];
const CHANNELS_LAST = ['N', 'NC', 'NLC', 'NHWC', 'NDHWC'];
const SEQUENCE = ['N', 'NC', 'BTC', 'NCHW', 'NCDHW'];

function defaultLayout(request: ExplainRequest): string {
  const rank = request.shape.length;
  const table =
    conventionFor(request.framework, request.layer).conventionalLayout === 'channels-last'
      ? CHANNELS_LAST
      : request.layer === 'layernorm' || request.layer === 'rmsnorm'
        ? SEQUENCE
        : CHANNELS_FIRST;
  return (
    table[rank - 1] ??
    Array.from({ length: rank }, (_, i) => (i === 0 ? 'N' : i === 1 ? 'C' : `D${i - 1}`)).join('')
  );
}

function axisNamesOf(layout: string, rank: number): string[] {
  const names = /^[A-Z]+$/.test(layout) ? layout.split('') : layout.split(',').map((name) => name.trim());
  if (names.length !== rank) {
    throw new ParameterError(
      'explainPlan',
      'layout',
      layout,
      `names ${names.length} axes, the shape has ${rank}`,
    );
  }
  return names;
}

/** The channel axis: 'C' in the layout, else the framework's default. */
function channelAxisOf(request: ExplainRequest, names: string[]): number {
  if (typeof request.axis === 'number')
    return normalizeAxis(request.axis, names.length, 'explainPlan', 'axis');
  const named = names.indexOf('C');
  if (named >= 0) return named;
  const convention = conventionFor(request.framework, request.layer);
  return normalizeAxis(
    convention.conventionalLayout === 'channels-last' ? -1 : 1,
    names.length,
    'explainPlan',
    'axis',
  );
}

function titleOf(request: ExplainRequest, rank: number): string {
  const api = conventionFor(request.framework, request.layer).api;
  // Only channels-first PyTorch names its classes by rank (BatchNorm2d).
  if (FRAMEWORK_APIS[request.framework].channelsLast) return api;
  const spatial = rank - 2;
  if (request.layer === 'batchnorm') return `BatchNorm${Math.max(1, spatial)}d`;
  if (request.layer === 'instancenorm') return `InstanceNorm${Math.max(1, spatial)}d`;
  return api.replace('torch.nn.', '');
}

const TRAIN_VS_EVAL: Record<NormLayer, (tracks: boolean) => ExplainMessageKey> = {
  batchnorm: () => 'trainEvalBatchNorm',
  instancenorm: (tracks) => (tracks ? 'trainEvalInstanceNormTracking' : 'trainEvalInstanceNorm'),
  layernorm: () => 'trainEvalPerSample',
  groupnorm: () => 'trainEvalPerSample',
  rmsnorm: () => 'trainEvalRmsNorm',
  unitnorm: () => 'trainEvalUnitNorm',
};

/** What differs between training and eval for a layer (that tracks running statistics or not), in words. */
export function trainVsEvalText(
  layer: NormLayer,
  tracksRunningStats: boolean,
  language: AdviceLanguage = 'en',
): string {
  return EXPLAIN_MESSAGES[language][TRAIN_VS_EVAL[layer](tracksRunningStats)];
}

export function explainPlan(request: ExplainRequest): ExplainPlan {
  const op = 'explainPlan';
  const shape = [...request.shape];
  if (shape.length < 1 || shape.some((extent) => !Number.isInteger(extent) || extent < 0)) {
    throw new ParameterError(op, 'shape', shape, 'must be one or more non-negative integer extents');
  }
  const rank = shape.length;
  const convention = conventionFor(request.framework, request.layer);
  const layout = request.layout ?? defaultLayout(request);
  const names = axisNamesOf(layout, rank);
  const all = Array.from({ length: rank }, (_, axis) => axis);
  const notes: string[] = [];
  const language = request.language ?? 'en';
  const say = (key: ExplainMessageKey, values: Readonly<Record<string, string>> = {}) =>
    fillMessage(EXPLAIN_MESSAGES[language][key], values);
  let reduced: number[];
  let statShape: number[];
  let paramShape: number[];
  let valuesPerStatistic: number;
  const channel = () => channelAxisOf(request, names);
  switch (request.layer) {
    case 'batchnorm': {
      const c = channel();
      reduced = all.filter((axis) => axis !== c);
      statShape = [shape[c]];
      paramShape = [shape[c]];
      valuesPerStatistic = sizeOf(reduced.map((axis) => shape[axis]));
      break;
    }
    case 'instancenorm': {
      if (rank < 3)
        throw new ParameterError(
          op,
          'shape',
          shape,
          'must have a batch, a channel and at least one spatial axis',
        );
      const c = channel();
      reduced = all.filter((axis) => axis !== 0 && axis !== c);
      statShape = [shape[0], shape[c]];
      paramShape = convention.scale ? [shape[c]] : [];
      valuesPerStatistic = sizeOf(reduced.map((axis) => shape[axis]));
      if (request.framework === 'keras') notes.push(say('noteKerasInstanceNorm'));
      break;
    }
    case 'groupnorm': {
      if (rank < 2) throw new ParameterError(op, 'shape', shape, 'must have a batch and a channel axis');
      const c = channel();
      const groups = request.numGroups ?? convention.defaultGroups ?? 32;
      const resolvedGroups = groups === -1 ? shape[c] : groups;
      if (!Number.isInteger(resolvedGroups) || resolvedGroups < 1 || shape[c] % resolvedGroups !== 0) {
        throw new ParameterError('groupNorm', 'numGroups', groups, `does not divide ${shape[c]} channels`);
      }
      reduced = all.filter((axis) => axis !== 0);
      statShape = [shape[0], resolvedGroups];
      paramShape = [shape[c]];
      valuesPerStatistic =
        (shape[c] / resolvedGroups) *
        sizeOf(all.filter((axis) => axis !== 0 && axis !== c).map((axis) => shape[axis]));
      notes.push(
        say('noteGroupCovers', { perGroup: String(shape[c] / resolvedGroups), channels: String(shape[c]) }),
      );
      if (resolvedGroups === 1) notes.push(say('noteOneGroup'));
      if (resolvedGroups === shape[c]) notes.push(say('noteOneChannelPerGroup'));
      break;
    }
    case 'unitnorm': {
      const axes = request.axis ?? convention.defaultAxis ?? -1;
      reduced = normalizeAxes(typeof axes === 'number' ? [axes] : axes, rank, op, 'axis');
      statShape = all.filter((axis) => !reduced.includes(axis)).map((axis) => shape[axis]);
      paramShape = [];
      valuesPerStatistic = sizeOf(reduced.map((axis) => shape[axis]));
      notes.push(say('noteUnitNorm'));
      break;
    }
    case 'layernorm':
    case 'rmsnorm': {
      if (FRAMEWORK_APIS[request.framework].layerShapeArgument === 'normalized-trailing') {
        const normalized = request.normalizedShape ?? [shape[rank - 1]];
        const trailing = shape.slice(rank - normalized.length);
        if (normalized.length > rank || trailing.some((extent, i) => extent !== normalized[i])) {
          throw new ParameterError(
            op,
            'normalizedShape',
            normalized,
            `must be the trailing extents of [${shape.join(', ')}]`,
          );
        }
        reduced = normalized.map((_, i) => rank - normalized.length + i);
      } else {
        const axes =
          request.axis === undefined
            ? [-1]
            : typeof request.axis === 'number'
              ? [request.axis]
              : request.axis;
        reduced = normalizeAxes(axes, rank, op, 'axis');
      }
      statShape = all.filter((axis) => !reduced.includes(axis)).map((axis) => shape[axis]);
      paramShape = reduced.map((axis) => shape[axis]);
      valuesPerStatistic = sizeOf(paramShape);
      if (request.layer === 'rmsnorm') notes.push(say('noteRmsNorm'));
      break;
    }
  }
  const kept = all.filter((axis) => !reduced.includes(axis));
  const tracks = convention.tracksRunningStatsByDefault;
  return {
    layer: request.layer,
    framework: request.framework,
    title: titleOf(request, rank),
    shape,
    layout: names.join(''),
    axisNames: names,
    reducedAxes: reduced,
    reducedAxisNames: reduced.map((axis) => names[axis]),
    keptAxes: kept,
    keptAxisNames: kept.map((axis) => names[axis]),
    statShape,
    paramShape,
    valuesPerStatistic,
    statisticsPerBatch: sizeOf(statShape),
    eps: request.eps ?? convention.eps,
    momentum: request.momentum !== undefined ? request.momentum : convention.momentum,
    momentumConvention: request.momentum === null && tracks ? 'cumulative' : convention.momentumConvention,
    runningVarianceBias: convention.runningVariance,
    tracksRunningStats: tracks,
    trainVsEval: trainVsEvalText(request.layer, tracks, language),
    notes,
  };
}

/** Momentum in words, with the update it performs. */
export function describeMomentum(
  momentum: number | null,
  convention: MomentumConvention | null,
  language: AdviceLanguage = 'en',
): string {
  const messages = EXPLAIN_MESSAGES[language];
  if (convention === null) return messages.momentumNone;
  if (convention === 'cumulative' || momentum === null) return messages.momentumCumulative;
  const values = { momentum: String(momentum), rest: String(Number((1 - momentum).toPrecision(12))) };
  return fillMessage(
    convention === 'new-batch' ? messages.momentumNewBatch : messages.momentumOldValue,
    values,
  );
}

/** Columns a terminal gives a text: two for each CJK character or full-width form, one for the rest. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

/**
 * A readable multi-line plan in `language`; the shape picture marks reduced axes with brackets, e.g.
 * [N]=32 · C=64 · [H]=56 · [W]=56. The plan's notes and train-vs-eval sentence are in the language
 * the plan was made in (ExplainRequest.language).
 */
export function formatPlanText(plan: ExplainPlan, language: AdviceLanguage = 'en'): string {
  const words = EXPLAIN_MESSAGES[language];
  const say = (key: ExplainMessageKey, values: Readonly<Record<string, string | number>> = {}) =>
    fillMessage(words[key], Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
  const picture = plan.shape
    .map((extent, axis) =>
      plan.reducedAxes.includes(axis)
        ? `[${plan.axisNames[axis]}]=${extent}`
        : `${plan.axisNames[axis]}=${extent}`,
    )
    .join(' · ');
  const rows: [string, string][] = [
    [say('planShape'), `${picture}   ${say('planReducedMark')}`],
    [say('planReducesOver'), plan.reducedAxisNames.join(', ') || say('planNothing')],
    [say('planKeeps'), plan.keptAxisNames.join(', ') || say('planNothing')],
    [
      say('planStatistics'),
      say('planStatisticsValue', {
        shape: plan.statShape.join(', '),
        perBatch: plan.statisticsPerBatch,
        values: plan.valuesPerStatistic,
      }),
    ],
    [
      'γ, β',
      plan.paramShape.length > 0
        ? say('planParamShape', { shape: plan.paramShape.join(', ') })
        : say('planNoParams'),
    ],
    ['eps', plan.eps === 'dtype-eps' ? say('planDtypeEps') : String(plan.eps)],
    [say('planMomentum'), describeMomentum(plan.momentum, plan.momentumConvention, language)],
    ...(plan.runningVarianceBias
      ? [
          [
            say('planRunningVariance'),
            say(plan.runningVarianceBias === 'biased' ? 'planBiasedVariance' : 'planUnbiasedVariance'),
          ] as [string, string],
        ]
      : []),
    [say('planTrainVsEval'), plan.trainVsEval],
    ...plan.notes.map((note): [string, string] => [say('planNote'), note]),
  ];
  const labels = [
    ...(['planShape', 'planReducesOver', 'planKeeps', 'planStatistics', 'planMomentum'] as const),
    ...(['planRunningVariance', 'planTrainVsEval', 'planNote'] as const),
  ].map((key) => words[key]);
  const width = Math.max(...labels.map(displayWidth)) + 1;
  const lines = [
    say('planHeader', {
      title: plan.title,
      framework: plan.framework,
      layout: plan.layout,
      shape: plan.shape.join(', '),
    }),
    ...rows.map(([label, value]) => `  ${label}${' '.repeat(width - displayWidth(label))}${value}`),
  ];
  return lines.join('\n');
}
