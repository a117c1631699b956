/**
 * The one table of normalization-layer APIs: for each framework, how it spells each layer (every alias a
 * file may import), its positional parameters, the layouts its inputs conventionally have, and the
 * framework-wide conventions (momentum direction, channel axis, what the shape argument means, display
 * title). The recognizer, explain plans, hover and inlay text, the explainer's framework switch, the
 * translator and the CLI read these rows; numeric defaults stay in conventions.ts.
 * A new framework is one FRAMEWORK_APIS entry (the Record type makes every other place fail to compile
 * until it is handled); a new layer is one LAYER_APIS row plus its convention row.
 */
import type { Framework, MomentumConvention, NormLayer } from './conventions';

export interface FrameworkApi {
  /** How the framework is named to people ("PyTorch"). */
  title: string;
  /** Running statistics: 'new-batch' weighs the batch by momentum, 'old-value' the running value. */
  momentumConvention: MomentumConvention;
  /** Inputs are channels-last (N, H, W, C) by convention. */
  channelsLast: boolean;
  /** LayerNorm/RMSNorm's shape argument: the trailing extents normalized over, or the reduced axes. */
  layerShapeArgument: 'normalized-trailing' | 'reduced-axes';
  /** The module a translated layer is written against, and how a file imports it. */
  module: string;
  importLine: string;
}

export const FRAMEWORK_APIS: Record<Framework, FrameworkApi> = {
  torch: {
    title: 'PyTorch',
    momentumConvention: 'new-batch',
    channelsLast: false,
    layerShapeArgument: 'normalized-trailing',
    module: 'nn',
    importLine: 'from torch import nn',
  },
  keras: {
    title: 'Keras',
    momentumConvention: 'old-value',
    channelsLast: true,
    layerShapeArgument: 'reduced-axes',
    module: 'keras.layers',
    importLine: 'import keras',
  },
  flax: {
    title: 'Flax',
    momentumConvention: 'old-value',
    channelsLast: true,
    layerShapeArgument: 'reduced-axes',
    module: 'nn',
    importLine: 'import flax.linen as nn',
  },
};

/** Display titles of the layers. */
export const LAYER_TITLES: Record<NormLayer, string> = {
  batchnorm: 'BatchNorm',
  layernorm: 'LayerNorm',
  instancenorm: 'InstanceNorm',
  groupnorm: 'GroupNorm',
  rmsnorm: 'RMSNorm',
  unitnorm: 'Unit (L2) normalization',
};

export interface LayerApi {
  framework: Framework;
  layer: NormLayer;
  /** Qualified names, canonical spelling (torch.nn.X, keras.layers.X, flax.linen.X). */
  names: readonly string[];
  /** Conventional layouts; more than one means the code does not say which. */
  layouts: readonly string[];
  /** A function applied to the input (F.layer_norm), not a module constructed and called later. */
  functional?: boolean;
  /** Takes (N, C, *): the file's convolutions pick the layout when they agree. */
  anyRank?: boolean;
  /** Positional parameter names, in order. */
  positional: readonly string[];
}

const TORCH_BN = ['num_features', 'eps', 'momentum'];
const lazy = (name: string) => [`torch.nn.${name}`, `torch.nn.Lazy${name}`];

function flax(module: 'flax.linen' | 'flax.nnx'): LayerApi[] {
  const nnx = module === 'flax.nnx';
  const features = nnx ? ['num_features'] : [];
  return [
    {
      framework: 'flax',
      layer: 'batchnorm',
      names: [`${module}.BatchNorm`],
      layouts: ['NHWC'],
      positional: nnx ? features : ['use_running_average'],
    },
    {
      framework: 'flax',
      layer: 'layernorm',
      names: [`${module}.LayerNorm`],
      layouts: ['NHWC', 'NLC'],
      positional: [...features, 'epsilon'],
    },
    {
      framework: 'flax',
      layer: 'groupnorm',
      names: [`${module}.GroupNorm`],
      layouts: ['NHWC'],
      positional: [...features, 'num_groups'],
    },
    {
      framework: 'flax',
      layer: 'instancenorm',
      names: [`${module}.InstanceNorm`],
      layouts: ['NHWC'],
      positional: [...features, 'epsilon'],
    },
    {
      framework: 'flax',
      layer: 'rmsnorm',
      names: [`${module}.RMSNorm`],
      layouts: ['NHWC', 'NLC'],
      positional: [...features, 'epsilon'],
    },
  ];
}

export const LAYER_APIS: readonly LayerApi[] = [
  {
    framework: 'torch',
    layer: 'batchnorm',
    names: lazy('BatchNorm1d'),
    layouts: ['NC', 'NCL'],
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'batchnorm',
    names: lazy('BatchNorm2d'),
    layouts: ['NCHW'],
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'batchnorm',
    names: lazy('BatchNorm3d'),
    layouts: ['NCDHW'],
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'batchnorm',
    names: ['torch.nn.SyncBatchNorm'],
    layouts: ['NCHW', 'NCL'],
    anyRank: true,
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'instancenorm',
    names: lazy('InstanceNorm1d'),
    layouts: ['NCL'],
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'instancenorm',
    names: lazy('InstanceNorm2d'),
    layouts: ['NCHW'],
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'instancenorm',
    names: lazy('InstanceNorm3d'),
    layouts: ['NCDHW'],
    positional: TORCH_BN,
  },
  {
    framework: 'torch',
    layer: 'layernorm',
    names: ['torch.nn.LayerNorm'],
    layouts: [],
    positional: ['normalized_shape', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'rmsnorm',
    names: ['torch.nn.RMSNorm'],
    layouts: [],
    positional: ['normalized_shape', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'groupnorm',
    names: ['torch.nn.GroupNorm'],
    layouts: ['NCHW', 'NCL'],
    anyRank: true,
    positional: ['num_groups', 'num_channels', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'batchnorm',
    names: ['torch.nn.functional.batch_norm'],
    layouts: ['NCHW', 'NCL'],
    functional: true,
    anyRank: true,
    positional: ['input', 'running_mean', 'running_var', 'weight', 'bias', 'training', 'momentum', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'instancenorm',
    names: ['torch.nn.functional.instance_norm'],
    layouts: ['NCHW', 'NCL'],
    functional: true,
    anyRank: true,
    positional: [
      'input',
      'running_mean',
      'running_var',
      'weight',
      'bias',
      'use_input_stats',
      'momentum',
      'eps',
    ],
  },
  {
    framework: 'torch',
    layer: 'groupnorm',
    names: ['torch.nn.functional.group_norm'],
    layouts: ['NCHW', 'NCL'],
    functional: true,
    anyRank: true,
    positional: ['input', 'num_groups', 'weight', 'bias', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'layernorm',
    names: ['torch.nn.functional.layer_norm'],
    layouts: [],
    functional: true,
    positional: ['input', 'normalized_shape', 'weight', 'bias', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'rmsnorm',
    names: ['torch.nn.functional.rms_norm'],
    layouts: [],
    functional: true,
    positional: ['input', 'normalized_shape', 'weight', 'eps'],
  },
  {
    framework: 'torch',
    layer: 'unitnorm',
    names: ['torch.nn.functional.normalize'],
    layouts: ['NC'],
    functional: true,
    positional: ['input', 'p', 'dim', 'eps'],
  },
  {
    framework: 'keras',
    layer: 'batchnorm',
    names: ['keras.layers.BatchNormalization'],
    layouts: ['NHWC'],
    positional: ['axis', 'momentum', 'epsilon'],
  },
  {
    framework: 'keras',
    layer: 'layernorm',
    names: ['keras.layers.LayerNormalization'],
    layouts: ['NHWC', 'NLC'],
    positional: ['axis', 'epsilon'],
  },
  {
    framework: 'keras',
    layer: 'groupnorm',
    names: ['keras.layers.GroupNormalization'],
    layouts: ['NHWC'],
    positional: ['groups', 'axis', 'epsilon'],
  },
  {
    framework: 'keras',
    layer: 'rmsnorm',
    names: ['keras.layers.RMSNormalization'],
    layouts: ['NHWC', 'NLC'],
    positional: ['axis', 'epsilon'],
  },
  {
    framework: 'keras',
    layer: 'unitnorm',
    names: ['keras.layers.UnitNormalization'],
    layouts: ['NC', 'NLC'],
    positional: ['axis'],
  },
  ...flax('flax.linen'),
  ...flax('flax.nnx'),
];

const BY_NAME = new Map(LAYER_APIS.flatMap((api) => api.names.map((name) => [name, api] as const)));

/** The API row of a canonical qualified name (torch.nn.BatchNorm2d), if it is a normalization layer. */
export function layerApiNamed(qualified: string): LayerApi | undefined {
  return BY_NAME.get(qualified);
}

/** Keras class names of the layers (for modules bound by no import, as Keras Applications do). */
export const KERAS_LAYER_CLASSES: readonly string[] = LAYER_APIS.filter(
  (api) => api.framework === 'keras',
).flatMap((api) => api.names.map((name) => name.slice('keras.layers.'.length)));
