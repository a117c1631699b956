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
      if (request.framework === 'keras')
        notes.push(
          'Keras has no InstanceNormalization layer: GroupNormalization(groups=-1) is instance norm.',
        );
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
        `Each statistic covers ${shape[c] / resolvedGroups} of the ${shape[c]} channels (one group) and every position; C is split, not kept.`,
      );
      if (resolvedGroups === 1)
        notes.push('One group: the same statistics as LayerNorm over every axis but N.');
      if (resolvedGroups === shape[c])
        notes.push('One channel per group: the same statistics as InstanceNorm.');
      break;
    }
    case 'unitnorm': {
      const axes = request.axis ?? convention.defaultAxis ?? -1;
      reduced = normalizeAxes(typeof axes === 'number' ? [axes] : axes, rank, op, 'axis');
      statShape = all.filter((axis) => !reduced.includes(axis)).map((axis) => shape[axis]);
      paramShape = [];
      valuesPerStatistic = sizeOf(reduced.map((axis) => shape[axis]));
      notes.push(
        'Unit normalization divides by the L2 norm, max(‖x‖₂, eps), over the reduced axes: no mean is subtracted, no γ or β, and every normalized vector has length 1.',
      );
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
      if (request.layer === 'rmsnorm')
        notes.push('RMSNorm divides by √(mean(x²) + eps): no mean is subtracted and there is no β.');
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
    trainVsEval: trainVsEvalText(request.layer, tracks),
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
  return fillMessage(convention === 'new-batch' ? messages.momentumNewBatch : messages.momentumOldValue, values);
}

/** A readable multi-line plan; the shape picture marks reduced axes with brackets, e.g. [N]=32 · C=64 · [H]=56 · [W]=56. */
export function formatPlanText(plan: ExplainPlan): string {
  const picture = plan.shape
    .map((extent, axis) =>
      plan.reducedAxes.includes(axis)
        ? `[${plan.axisNames[axis]}]=${extent}`
        : `${plan.axisNames[axis]}=${extent}`,
    )
    .join(' · ');
  const lines = [
    `${plan.title} (${plan.framework}) on ${plan.layout} [${plan.shape.join(', ')}]`,
    `  shape            ${picture}   ([ ] = reduced)`,
    `  reduces over     ${plan.reducedAxisNames.join(', ') || '(nothing)'}`,
    `  keeps            ${plan.keptAxisNames.join(', ') || '(nothing)'}`,
    `  statistics       shape [${plan.statShape.join(', ')}], ${plan.statisticsPerBatch} per batch, ${plan.valuesPerStatistic} values each`,
    `  γ, β             ${plan.paramShape.length > 0 ? `shape [${plan.paramShape.join(', ')}]` : 'none by default'}`,
    `  eps              ${plan.eps === 'dtype-eps' ? "machine epsilon of the input's dtype" : plan.eps}`,
    `  momentum         ${describeMomentum(plan.momentum, plan.momentumConvention)}`,
    ...(plan.runningVarianceBias ? [`  running variance ${plan.runningVarianceBias} batch variance`] : []),
    `  train vs eval    ${plan.trainVsEval}`,
    ...plan.notes.map((note) => `  note             ${note}`),
  ];
  return lines.join('\n');
}
