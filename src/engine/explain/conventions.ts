/**
 * Every convention that differs between frameworks, as data: defaults (eps, momentum), the direction
 * momentum weighs, whether running variance is the unbiased or biased batch variance, and what an
 * `axis` argument means. Layers, explain plans, hovers and the CLI read these rows; no other file
 * repeats these literals.
 */

export type Framework = 'torch' | 'keras' | 'flax';
export type NormLayer = 'batchnorm' | 'layernorm' | 'instancenorm' | 'groupnorm' | 'rmsnorm' | 'unitnorm';

export const FRAMEWORKS: readonly Framework[] = ['torch', 'keras', 'flax'];
export const NORM_LAYERS: readonly NormLayer[] = [
  'batchnorm',
  'layernorm',
  'instancenorm',
  'groupnorm',
  'rmsnorm',
  'unitnorm',
];

/**
 * How momentum updates a running statistic:
 * - 'new-batch' (PyTorch): running = (1 - momentum)·running + momentum·batch, so 0.1 weighs the new batch.
 * - 'old-value' (Keras, Flax): running = momentum·running + (1 - momentum)·batch, so 0.99 weighs the old value.
 * - 'cumulative' (PyTorch momentum=None): running = cumulative average of every batch statistic so far.
 */
export type MomentumConvention = 'new-batch' | 'old-value' | 'cumulative';

/** Which variance the running variance accumulates (the normalization itself always uses the biased one). */
export type RunningVarianceBias = 'unbiased' | 'biased';

/**
 * What the layer's axis argument names:
 * - 'channel': the one kept feature axis (statistics over every other axis but, for per-sample norms, the batch axis);
 * - 'normalized-trailing': normalized_shape, the trailing axes normalized over (PyTorch LayerNorm/RMSNorm);
 * - 'reduced': the axes normalized over (Keras LayerNormalization axis, Flax reduction_axes).
 */
export type AxisMeaning = 'channel' | 'normalized-trailing' | 'reduced';

/** Epsilon: a number, or the machine epsilon of the input's dtype (PyTorch RMSNorm with eps=None). */
export type EpsilonDefault = number | 'dtype-eps';

export interface LayerConvention {
  framework: Framework;
  layer: NormLayer;
  /** The constructor a user writes, e.g. 'torch.nn.BatchNorm2d'. */
  api: string;
  eps: EpsilonDefault;
  /** Momentum default; null where the layer keeps no running statistics by default. */
  momentum: number | null;
  momentumConvention: MomentumConvention | null;
  runningVariance: RunningVarianceBias | null;
  tracksRunningStatsByDefault: boolean;
  /** Learnable scale (γ) and shift (β) by default. */
  scale: boolean;
  shift: boolean;
  axisMeaning: AxisMeaning;
  /** Default of the axis argument (channel axis, or reduced axes), in the framework's own terms. */
  defaultAxis: number | null;
  /** Default number of groups (GroupNorm), null when the user must give it. */
  defaultGroups: number | null;
  /** Layout of the inputs the layer conventionally sees. */
  conventionalLayout: 'channels-first' | 'channels-last';
  /** The argument names as written in that framework. */
  argNames: { eps?: string; momentum?: string; axis?: string; groups?: string };
}

const torchCommon = {
  framework: 'torch',
  eps: 1e-5,
  conventionalLayout: 'channels-first',
  argNames: { eps: 'eps', momentum: 'momentum' },
} as const;
const kerasCommon = {
  framework: 'keras',
  eps: 1e-3,
  conventionalLayout: 'channels-last',
  defaultAxis: -1,
  argNames: { eps: 'epsilon', momentum: 'momentum', axis: 'axis', groups: 'groups' },
} as const;
const flaxCommon = {
  framework: 'flax',
  eps: 1e-6,
  conventionalLayout: 'channels-last',
  defaultAxis: -1,
  argNames: { eps: 'epsilon', momentum: 'momentum', axis: 'axis', groups: 'num_groups' },
} as const;
const noRunningStats = {
  momentum: null,
  momentumConvention: null,
  runningVariance: null,
  tracksRunningStatsByDefault: false,
} as const;

export const LAYER_CONVENTIONS: readonly LayerConvention[] = [
  {
    ...torchCommon,
    layer: 'batchnorm',
    api: 'torch.nn.BatchNorm2d',
    momentum: 0.1,
    momentumConvention: 'new-batch',
    runningVariance: 'unbiased',
    tracksRunningStatsByDefault: true,
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultAxis: 1,
    defaultGroups: null,
  },
  {
    ...torchCommon,
    ...noRunningStats,
    layer: 'layernorm',
    api: 'torch.nn.LayerNorm',
    scale: true,
    shift: true,
    axisMeaning: 'normalized-trailing',
    defaultAxis: null,
    defaultGroups: null,
  },
  {
    ...torchCommon,
    layer: 'instancenorm',
    api: 'torch.nn.InstanceNorm2d',
    momentum: 0.1,
    momentumConvention: 'new-batch',
    runningVariance: 'unbiased',
    tracksRunningStatsByDefault: false,
    scale: false,
    shift: false,
    axisMeaning: 'channel',
    defaultAxis: 1,
    defaultGroups: null,
  },
  {
    ...torchCommon,
    ...noRunningStats,
    layer: 'groupnorm',
    api: 'torch.nn.GroupNorm',
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultAxis: 1,
    defaultGroups: null,
  },
  {
    ...torchCommon,
    ...noRunningStats,
    layer: 'rmsnorm',
    api: 'torch.nn.RMSNorm',
    eps: 'dtype-eps',
    scale: true,
    shift: false,
    axisMeaning: 'normalized-trailing',
    defaultAxis: null,
    defaultGroups: null,
  },
  {
    // F.normalize(x, p=2, dim=1, eps=1e-12): y = x / max(‖x‖_p, eps) along dim.
    ...torchCommon,
    ...noRunningStats,
    layer: 'unitnorm',
    api: 'torch.nn.functional.normalize',
    eps: 1e-12,
    scale: false,
    shift: false,
    axisMeaning: 'reduced',
    defaultAxis: 1,
    defaultGroups: null,
    argNames: { eps: 'eps', axis: 'dim' },
  },
  {
    ...kerasCommon,
    layer: 'batchnorm',
    api: 'keras.layers.BatchNormalization',
    momentum: 0.99,
    momentumConvention: 'old-value',
    runningVariance: 'biased',
    tracksRunningStatsByDefault: true,
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultGroups: null,
  },
  {
    ...kerasCommon,
    ...noRunningStats,
    layer: 'layernorm',
    api: 'keras.layers.LayerNormalization',
    scale: true,
    shift: true,
    axisMeaning: 'reduced',
    defaultGroups: null,
  },
  {
    // Keras has no InstanceNormalization layer; GroupNormalization(groups=-1) is instance normalization.
    ...kerasCommon,
    ...noRunningStats,
    layer: 'instancenorm',
    api: 'keras.layers.GroupNormalization(groups=-1)',
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultGroups: -1,
  },
  {
    ...kerasCommon,
    ...noRunningStats,
    layer: 'groupnorm',
    api: 'keras.layers.GroupNormalization',
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultGroups: 32,
  },
  {
    ...kerasCommon,
    ...noRunningStats,
    layer: 'rmsnorm',
    api: 'keras.layers.RMSNormalization',
    eps: 1e-6,
    scale: true,
    shift: false,
    axisMeaning: 'reduced',
    defaultGroups: null,
  },
  {
    // L2 normalization along the axes: y = x / max(‖x‖₂, eps). Keras 3 floors the norm at
    // keras.config.epsilon() (ops.normalize); tf.keras 2 floored the squared norm at 1e-12.
    ...kerasCommon,
    ...noRunningStats,
    layer: 'unitnorm',
    api: 'keras.layers.UnitNormalization',
    eps: 1e-7,
    scale: false,
    shift: false,
    axisMeaning: 'reduced',
    defaultGroups: null,
    argNames: { axis: 'axis' },
  },
  {
    ...flaxCommon,
    layer: 'batchnorm',
    api: 'flax.linen.BatchNorm',
    eps: 1e-5,
    momentum: 0.99,
    momentumConvention: 'old-value',
    runningVariance: 'biased',
    tracksRunningStatsByDefault: true,
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultGroups: null,
  },
  {
    ...flaxCommon,
    ...noRunningStats,
    layer: 'layernorm',
    api: 'flax.linen.LayerNorm',
    scale: true,
    shift: true,
    axisMeaning: 'reduced',
    defaultGroups: null,
  },
  {
    ...flaxCommon,
    ...noRunningStats,
    layer: 'instancenorm',
    api: 'flax.linen.InstanceNorm',
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultGroups: null,
  },
  {
    ...flaxCommon,
    ...noRunningStats,
    layer: 'groupnorm',
    api: 'flax.linen.GroupNorm',
    scale: true,
    shift: true,
    axisMeaning: 'channel',
    defaultGroups: 32,
  },
  {
    ...flaxCommon,
    ...noRunningStats,
    layer: 'rmsnorm',
    api: 'flax.linen.RMSNorm',
    scale: true,
    shift: false,
    axisMeaning: 'reduced',
    defaultGroups: null,
  },
];

/** The convention row for a layer in a framework; throws naming both when there is none. */
export function conventionFor(framework: Framework, layer: NormLayer): LayerConvention {
  const row = LAYER_CONVENTIONS.find((c) => c.framework === framework && c.layer === layer);
  if (!row) throw new RangeError(`conventions: no ${layer} in framework '${framework}'`);
  return row;
}

/** Machine epsilon of the data type, as torch.finfo(dtype).eps. */
export function dtypeEpsilon(dtype: 'float32' | 'float64'): number {
  return dtype === 'float32' ? 2 ** -23 : Number.EPSILON;
}

/** Resolves an epsilon default against the input's dtype. */
export function resolveEpsilon(eps: EpsilonDefault, dtype: 'float32' | 'float64'): number {
  return eps === 'dtype-eps' ? dtypeEpsilon(dtype) : eps;
}

/**
 * One step of a running statistic under a momentum convention. `step` counts updates so far including
 * this one (1 for the first batch), used by the cumulative average.
 */
export function updateRunning(
  running: number,
  batch: number,
  momentum: number | null,
  convention: MomentumConvention,
  step: number,
): number {
  // Operand order as each framework evaluates it, so results agree to the last bit.
  switch (convention) {
    case 'new-batch':
      return (momentum ?? 0) * batch + (1 - (momentum ?? 0)) * running;
    case 'old-value':
      return running * (momentum ?? 0) + batch * (1 - (momentum ?? 0));
    case 'cumulative': {
      const factor = 1 / step; // PyTorch's exponential_average_factor = 1 / num_batches_tracked
      return factor * batch + (1 - factor) * running;
    }
  }
}
