/**
 * The convention translator: a normalization layer written in another framework with the same
 * behaviour. Momentum is converted between the two update rules (PyTorch's 0.1 weighs the new batch,
 * Keras's and Flax's 0.9 weighs the old value: the same update), eps is always written out (the
 * defaults differ: 1e-5, 1e-3, 1e-6), the channel axis is kept where the data has it, and what cannot
 * be matched exactly (the running variance's bias, PyTorch's cumulative momentum=None, Flax's
 * channels-last-only GroupNorm) is said in the notes.
 * Example: translateLayer({ framework: 'torch', layer: 'batchnorm', numFeatures: 64 }, 'keras').code
 *   → 'keras.layers.BatchNormalization(axis=1, momentum=0.9, epsilon=0.00001)'.
 */
import {
  conventionFor,
  dtypeEpsilon,
  type Framework,
  type MomentumConvention,
  type NormLayer,
} from './conventions';
import { FRAMEWORK_APIS } from './layer-apis';

export interface LayerToTranslate {
  framework: Framework;
  layer: NormLayer;
  /** A number, 'dtype-eps', or an expression as written; absent: the source framework's default. */
  eps?: number | string;
  /** null: PyTorch's cumulative average; absent: the default. */
  momentum?: number | null | string;
  momentumConvention?: MomentumConvention | null;
  numFeatures?: number | string;
  numGroups?: number | string;
  /** Layout the source layer sees (NCHW, BTC, NHWC…); the translation keeps the data as it is. */
  layout?: string | null;
  /** Axes reduced, by letter (from the explain plan), for LayerNorm/RMSNorm/unit norm. */
  reducedAxes?: readonly string[];
}

export interface Translation {
  framework: Framework;
  /** One line of code in the target framework, with its module as FRAMEWORK_APIS writes it. */
  code: string;
  /** The values written, for checking the translation through the engine. */
  eps: number | string;
  momentum: number | null | string;
  /** The target's channel axis (BatchNorm, GroupNorm, InstanceNorm), or reduced axes (LayerNorm…), as written. */
  axis: number | number[] | null;
  notes: string[];
}

/** 1 - m, spelled exactly as people write it (0.1 → 0.9, not 0.09999999999999998). */
export function complementMomentum(momentum: number): number {
  return Number((1 - momentum).toPrecision(12));
}

function valueText(value: number | string | null): string {
  // JavaScript's shortest round-trip spelling is valid Python (0.00001, 1e-7).
  return typeof value === 'number' ? String(value) : value === null ? 'None' : value;
}

/** The momentum the target needs for the same running-statistics update. */
function translateMomentum(
  source: LayerToTranslate,
  target: Framework,
  notes: string[],
): number | null | string {
  const from = conventionFor(source.framework, source.layer);
  const to = conventionFor(target, source.layer);
  if (to.momentumConvention === null || from.momentumConvention === null) return null;
  const momentum = source.momentum === undefined ? from.momentum : source.momentum;
  const sourceRule = FRAMEWORK_APIS[source.framework].momentumConvention;
  const targetRule = FRAMEWORK_APIS[target].momentumConvention;
  if (momentum === null) {
    notes.push(
      `${FRAMEWORK_APIS[source.framework].title}'s momentum=None keeps a cumulative average of every batch; ${FRAMEWORK_APIS[target].title} has no such mode, so the default ${to.momentum} is written and the running statistics will differ.`,
    );
    return to.momentum;
  }
  if (typeof momentum === 'string') {
    if (sourceRule === targetRule) return momentum;
    notes.push(`momentum \`${momentum}\` is an expression: the translation writes 1 - (${momentum}).`);
    return `1 - (${momentum})`;
  }
  return sourceRule === targetRule ? (momentum ?? null) : complementMomentum(momentum ?? 0);
}

function translateEps(source: LayerToTranslate, target: Framework, notes: string[]): number | string {
  const from = conventionFor(source.framework, source.layer);
  const to = conventionFor(target, source.layer);
  const eps = source.eps ?? from.eps;
  if (eps === 'dtype-eps') {
    const float32 = dtypeEpsilon('float32');
    notes.push(
      `PyTorch's eps=None is the input dtype's machine epsilon; the float32 value ${float32} is written.`,
    );
    return float32;
  }
  if (typeof eps === 'number' && to.eps !== eps)
    notes.push(
      `eps written out: ${FRAMEWORK_APIS[target].title}'s default is ${to.eps === 'dtype-eps' ? "the dtype's machine epsilon" : to.eps}, ${FRAMEWORK_APIS[source.framework].title}'s ${from.eps === 'dtype-eps' ? "the dtype's machine epsilon" : from.eps}.`,
    );
  return eps;
}

/** The channel axis of the source layout (the data keeps its layout in the target). */
function channelAxis(source: LayerToTranslate): number {
  const layout = source.layout ?? (FRAMEWORK_APIS[source.framework].channelsLast ? 'NHWC' : 'NCHW');
  const index = layout.indexOf('C');
  return index < 0 || index === layout.length - 1 ? -1 : index;
}

/** Reduced axes as indices of the source layout (trailing ones negative, as people write them). */
function reducedIndices(source: LayerToTranslate): number[] {
  const layout = source.layout ?? 'BTC';
  const reduced = source.reducedAxes ?? [layout[layout.length - 1]];
  const indices = reduced.map((axis) => layout.indexOf(axis)).filter((i) => i >= 0);
  return indices.length === 1 && indices[0] === layout.length - 1 ? [-1] : indices;
}

function call(target: Framework, name: string, args: (string | undefined)[]): string {
  return `${FRAMEWORK_APIS[target].module}.${name}(${args.filter((a) => a !== undefined).join(', ')})`;
}

/** One axis as a number, several as a list. */
const oneOrMany = (axes: number[]) => (axes.length === 1 ? axes[0] : axes);

const axisText = (axes: number[]) => (axes.length === 1 ? String(axes[0]) : `(${axes.join(', ')})`);

/** The layer written in `target` with the same behaviour, and what could not be matched. */
export function translateLayer(source: LayerToTranslate, target: Framework): Translation {
  const notes: string[] = [];
  const eps = translateEps(source, target, notes);
  const momentum = translateMomentum(source, target, notes);
  const from = conventionFor(source.framework, source.layer);
  const to = conventionFor(target, source.layer);
  if (from.runningVariance && to.runningVariance && from.runningVariance !== to.runningVariance)
    notes.push(
      `running variance: ${FRAMEWORK_APIS[source.framework].title} accumulates the ${from.runningVariance} batch variance, ${FRAMEWORK_APIS[target].title} the ${to.runningVariance} one (a factor n/(n-1) per batch of n values per channel); training outputs agree, eval outputs differ slightly. This cannot be matched exactly.`,
    );
  const features = source.numFeatures !== undefined ? String(source.numFeatures) : 'num_features';
  const epsArg = `${to.argNames.eps ?? 'eps'}=${valueText(eps)}`;
  const momentumArg = momentum === null ? undefined : `momentum=${valueText(momentum)}`;
  const channel = channelAxis(source);
  const torchRank = (source.layout ?? 'NCHW').length - 2;
  const rankSuffix = `${Math.min(3, Math.max(1, torchRank))}d`;
  if (
    target === 'torch' &&
    FRAMEWORK_APIS[source.framework].channelsLast &&
    source.layer !== 'layernorm' &&
    source.layer !== 'rmsnorm' &&
    source.layer !== 'unitnorm'
  )
    notes.push(
      'PyTorch reads the channel axis at 1: permute channels-last inputs, e.g. x.permute(0, 3, 1, 2), before the layer.',
    );
  const groups = source.numGroups !== undefined ? String(source.numGroups) : String(from.defaultGroups ?? 32);
  switch (source.layer) {
    case 'batchnorm': {
      const code =
        target === 'torch'
          ? call(target, `BatchNorm${rankSuffix}`, [features, epsArg, momentumArg])
          : target === 'keras'
            ? call(target, 'BatchNormalization', [`axis=${channel}`, momentumArg, epsArg])
            : call(target, 'BatchNorm', [
                'use_running_average=not train',
                `axis=${channel}`,
                momentumArg,
                epsArg,
              ]);
      return { framework: target, code, eps, momentum, axis: target === 'torch' ? 1 : channel, notes };
    }
    case 'groupnorm': {
      if (target === 'flax' && channel !== -1)
        notes.push('Flax GroupNorm reads channels last: transpose (N, C, …) to (N, …, C) before it.');
      const code =
        target === 'torch'
          ? call(target, 'GroupNorm', [groups, features, epsArg])
          : target === 'keras'
            ? call(target, 'GroupNormalization', [`groups=${groups}`, `axis=${channel}`, epsArg])
            : call(target, 'GroupNorm', [`num_groups=${groups}`, epsArg]);
      return { framework: target, code, eps, momentum: null, axis: target === 'flax' ? -1 : channel, notes };
    }
    case 'instancenorm': {
      const affine = from.scale;
      const code =
        target === 'torch'
          ? call(target, `InstanceNorm${rankSuffix}`, [features, epsArg, affine ? 'affine=True' : undefined])
          : target === 'keras'
            ? call(target, 'GroupNormalization', [
                'groups=-1',
                `axis=${channel}`,
                epsArg,
                ...(affine ? [] : ['center=False', 'scale=False']),
              ])
            : call(target, 'InstanceNorm', [
                epsArg,
                `feature_axes=${channel}`,
                ...(affine ? [] : ['use_scale=False', 'use_bias=False']),
              ]);
      return { framework: target, code, eps, momentum: null, axis: channel, notes };
    }
    case 'layernorm':
    case 'rmsnorm': {
      const axes = reducedIndices(source);
      const name =
        source.layer === 'layernorm' ? ['LayerNorm', 'LayerNormalization'] : ['RMSNorm', 'RMSNormalization'];
      if (
        target === 'torch' &&
        axes.some((a) => a >= 0) &&
        !(axes.length > 0 && axes.every((a, i) => i === 0 || a === axes[i - 1] + 1))
      )
        notes.push('PyTorch normalizes trailing axes only: move the reduced axes last first.');
      const shape =
        axes.length === 1 && axes[0] === -1 ? features : `(${(source.reducedAxes ?? []).join(', ')})`;
      const code =
        target === 'torch'
          ? call(target, name[0], [shape, epsArg])
          : target === 'keras'
            ? call(target, name[1], [`axis=${axisText(axes)}`, epsArg])
            : call(target, name[0], [
                epsArg,
                ...(axes.length === 1 && axes[0] === -1
                  ? []
                  : [`reduction_axes=${axisText(axes)}`, `feature_axes=${axisText(axes)}`]),
              ]);
      return { framework: target, code, eps, momentum: null, axis: oneOrMany(axes), notes };
    }
    case 'unitnorm': {
      const axes = reducedIndices(source);
      const code =
        target === 'torch'
          ? `F.normalize(x, p=2.0, dim=${axisText(axes)}, ${epsArg})`
          : target === 'keras'
            ? call(target, 'UnitNormalization', [`axis=${axisText(axes)}`])
            : `x / jnp.maximum(jnp.linalg.norm(x, axis=${axisText(axes)}, keepdims=True), ${valueText(eps)})`;
      if (target === 'flax')
        notes.push('Flax has no unit-normalization layer: the expression divides by the clamped L2 norm.');
      if (target === 'keras')
        notes.push(`Keras floors the norm at keras.config.epsilon() (${to.eps}); eps is not an argument.`);
      return { framework: target, code, eps, momentum: null, axis: oneOrMany(axes), notes };
    }
  }
}
