/**
 * Finds normalization layers in Python source — PyTorch (nn.BatchNorm*, SyncBatchNorm, LazyBatchNorm*,
 * LayerNorm, GroupNorm, InstanceNorm*, RMSNorm, F.*_norm, F.normalize), Keras (layers.BatchNormalization,
 * LayerNormalization, GroupNormalization, UnitNormalization) and Flax (linen and nnx BatchNorm, LayerNorm, GroupNorm,
 * RMSNorm) — resolving imports and aliases, and explains each with the engine's explain plans: the axes
 * it reduces over for its conventional layout, statistic and parameter shapes, and defaults filled in.
 * Calls only count: a layer named in a comment or a string is not one.
 */
import type { Node, Parser } from 'web-tree-sitter';
import {
  conventionFor,
  type Framework,
  type MomentumConvention,
  type NormLayer,
} from '../engine/explain/conventions';
import { explainPlan } from '../engine/explain/plan';
import { ParameterError } from '../engine/parameter-error';

export interface LayerAnnotation {
  /** 1-based line and column of the layer's name in the call. */
  line: number;
  column: number;
  endColumn: number;
  /** 1-based line and column just after the call's closing parenthesis (where an inlay hint goes). */
  callEndLine: number;
  callEndColumn: number;
  framework: Framework;
  layer: NormLayer;
  /** The resolved name, e.g. torch.nn.BatchNorm2d. */
  api: string;
  /** Arguments as written. */
  args: string[];
  params: {
    /** A number, 'dtype-eps' (PyTorch's eps=None default), or an expression as written. */
    eps: number | string;
    momentum: number | null | string;
    momentumConvention: MomentumConvention | null;
    numFeatures?: number | string;
    normalizedShape?: (number | string)[] | string;
    numGroups?: number | string;
    axis?: number | number[] | string;
  };
  /** The layout the layer conventionally sees, or null when the code does not say. */
  layout: string | null;
  /** When the layout is unknown: each plausible layout and what it reduces. */
  alternatives?: { layout: string; reducedAxes: string[] }[];
  reducedAxes: string[];
  statShape: string[];
  paramShape: (string | number)[];
}

interface KnownApi {
  framework: Framework;
  layer: NormLayer;
  /** Conventional layouts; more than one means the code does not say which. */
  layouts: string[];
  functional?: boolean;
  /** Takes (N, C, *): the file's convolutions (featureMapLayout) pick the layout when they agree. */
  anyRank?: boolean;
  /** Positional parameter names, in order. */
  positional: string[];
}

const TORCH_BN = ['num_features', 'eps', 'momentum'];
const KNOWN: Record<string, KnownApi> = {};
function add(names: string[], api: KnownApi): void {
  for (const name of names) KNOWN[name] = api;
}
add(['torch.nn.BatchNorm1d', 'torch.nn.LazyBatchNorm1d'], {
  framework: 'torch',
  layer: 'batchnorm',
  layouts: ['NC', 'NCL'],
  positional: TORCH_BN,
});
add(['torch.nn.BatchNorm2d', 'torch.nn.LazyBatchNorm2d'], {
  framework: 'torch',
  layer: 'batchnorm',
  layouts: ['NCHW'],
  positional: TORCH_BN,
});
add(['torch.nn.BatchNorm3d', 'torch.nn.LazyBatchNorm3d'], {
  framework: 'torch',
  layer: 'batchnorm',
  layouts: ['NCDHW'],
  positional: TORCH_BN,
});
add(['torch.nn.SyncBatchNorm'], {
  framework: 'torch',
  layer: 'batchnorm',
  layouts: ['NCHW', 'NCL'],
  anyRank: true,
  positional: TORCH_BN,
});
add(['torch.nn.InstanceNorm1d', 'torch.nn.LazyInstanceNorm1d'], {
  framework: 'torch',
  layer: 'instancenorm',
  layouts: ['NCL'],
  positional: TORCH_BN,
});
add(['torch.nn.InstanceNorm2d', 'torch.nn.LazyInstanceNorm2d'], {
  framework: 'torch',
  layer: 'instancenorm',
  layouts: ['NCHW'],
  positional: TORCH_BN,
});
add(['torch.nn.InstanceNorm3d', 'torch.nn.LazyInstanceNorm3d'], {
  framework: 'torch',
  layer: 'instancenorm',
  layouts: ['NCDHW'],
  positional: TORCH_BN,
});
add(['torch.nn.LayerNorm'], {
  framework: 'torch',
  layer: 'layernorm',
  layouts: [],
  positional: ['normalized_shape', 'eps'],
});
add(['torch.nn.RMSNorm'], {
  framework: 'torch',
  layer: 'rmsnorm',
  layouts: [],
  positional: ['normalized_shape', 'eps'],
});
add(['torch.nn.GroupNorm'], {
  framework: 'torch',
  layer: 'groupnorm',
  layouts: ['NCHW', 'NCL'],
  anyRank: true,
  positional: ['num_groups', 'num_channels', 'eps'],
});
add(['torch.nn.functional.batch_norm'], {
  framework: 'torch',
  layer: 'batchnorm',
  layouts: ['NCHW', 'NCL'],
  functional: true,
  anyRank: true,
  positional: ['input', 'running_mean', 'running_var', 'weight', 'bias', 'training', 'momentum', 'eps'],
});
add(['torch.nn.functional.instance_norm'], {
  framework: 'torch',
  layer: 'instancenorm',
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
});
add(['torch.nn.functional.group_norm'], {
  framework: 'torch',
  layer: 'groupnorm',
  layouts: ['NCHW', 'NCL'],
  functional: true,
  anyRank: true,
  positional: ['input', 'num_groups', 'weight', 'bias', 'eps'],
});
add(['torch.nn.functional.layer_norm'], {
  framework: 'torch',
  layer: 'layernorm',
  layouts: [],
  functional: true,
  positional: ['input', 'normalized_shape', 'weight', 'bias', 'eps'],
});
add(['torch.nn.functional.rms_norm'], {
  framework: 'torch',
  layer: 'rmsnorm',
  layouts: [],
  functional: true,
  positional: ['input', 'normalized_shape', 'weight', 'eps'],
});
add(['keras.layers.BatchNormalization'], {
  framework: 'keras',
  layer: 'batchnorm',
  layouts: ['NHWC'],
  positional: ['axis', 'momentum', 'epsilon'],
});
add(['keras.layers.LayerNormalization'], {
  framework: 'keras',
  layer: 'layernorm',
  layouts: ['NHWC', 'NLC'],
  positional: ['axis', 'epsilon'],
});
add(['keras.layers.GroupNormalization'], {
  framework: 'keras',
  layer: 'groupnorm',
  layouts: ['NHWC'],
  positional: ['groups', 'axis', 'epsilon'],
});
add(['keras.layers.UnitNormalization'], {
  framework: 'keras',
  layer: 'unitnorm',
  layouts: ['NC', 'NLC'],
  positional: ['axis'],
});
add(['torch.nn.functional.normalize'], {
  framework: 'torch',
  layer: 'unitnorm',
  layouts: ['NC'],
  functional: true,
  positional: ['input', 'p', 'dim', 'eps'],
});
for (const module of ['flax.linen', 'flax.nnx']) {
  add([`${module}.BatchNorm`], {
    framework: 'flax',
    layer: 'batchnorm',
    layouts: ['NHWC'],
    positional: module === 'flax.nnx' ? ['num_features'] : ['use_running_average'],
  });
  add([`${module}.LayerNorm`], {
    framework: 'flax',
    layer: 'layernorm',
    layouts: ['NHWC', 'NLC'],
    positional: module === 'flax.nnx' ? ['num_features', 'epsilon'] : ['epsilon'],
  });
  add([`${module}.GroupNorm`], {
    framework: 'flax',
    layer: 'groupnorm',
    layouts: ['NHWC'],
    positional: module === 'flax.nnx' ? ['num_features', 'num_groups'] : ['num_groups'],
  });
  add([`${module}.RMSNorm`], {
    framework: 'flax',
    layer: 'rmsnorm',
    layouts: ['NHWC', 'NLC'],
    positional: module === 'flax.nnx' ? ['num_features', 'epsilon'] : ['epsilon'],
  });
}

/**
 * `tensorflow.keras` and `tf.keras` are keras; `keras.src.layers` too; torch's own modules import the
 * classes from where they are defined (`torch.nn.modules.batchnorm.BatchNorm2d`).
 */
function canonical(name: string): string {
  return name
    .replace(/^(tensorflow|tf)\.keras\./, 'keras.')
    .replace(/^keras\.src\./, 'keras.')
    .replace(/^keras\.layers\.normalization\.[a-z_]+\./, 'keras.layers.')
    .replace(/^torch\.nn\.modules\.[a-z_]+\./, 'torch.nn.');
}

/**
 * Keras Applications receive the layers module as an argument (`backend, layers, models, utils =
 * get_submodules_from_kwargs(kwargs)`), so no import binds `layers`: a Keras-only class name on an
 * unbound `layers` is Keras's.
 */
const UNBOUND_KERAS_LAYER =
  /^(?:\w+\.)*layers\.(BatchNormalization|LayerNormalization|GroupNormalization|UnitNormalization)$/;

/** `from .x import y` in module `a.b.c` is `a.b.x.y`; unresolvable without the module's own name. */
function absoluteModule(written: string, module: string | undefined): string | undefined {
  const dots = /^\.*/.exec(written)![0].length;
  if (dots === 0) return written;
  if (!module) return undefined;
  const packageParts = module.split('.').slice(0, -dots);
  if (packageParts.length === 0) return undefined;
  const rest = written.slice(dots);
  return rest ? `${packageParts.join('.')}.${rest}` : packageParts.join('.');
}

/** Module-level import bindings: local name → qualified name. */
function importBindings(root: Node, module: string | undefined): Map<string, string> {
  const bindings = new Map<string, string>();
  // descendantsOfType walks the tree inside WebAssembly: only the import nodes become JS objects.
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!node) continue;
    if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'aliased_import') {
          bindings.set(child.childForFieldName('alias')!.text, child.childForFieldName('name')!.text);
        } else if (child.type === 'dotted_name') {
          const first = child.text.split('.')[0];
          bindings.set(first, first);
        }
      }
    } else {
      const from = absoluteModule(node.childForFieldName('module_name')?.text ?? '', module);
      if (from === undefined) continue;
      for (const child of node.childrenForFieldName('name')) {
        if (!child) continue;
        if (child.type === 'aliased_import') {
          bindings.set(
            child.childForFieldName('alias')!.text,
            `${from}.${child.childForFieldName('name')!.text}`,
          );
        } else {
          bindings.set(child.text, `${from}.${child.text}`);
        }
      }
    }
  }
  return bindings;
}

/** `a.b.c` as written, when the callee is a plain dotted name. */
function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    const left = object ? dottedName(object) : undefined;
    return left && attribute ? `${left}.${attribute.text}` : undefined;
  }
  return undefined;
}

type Literal = number | number[] | null | boolean | string;

/** A literal argument's value, or its text when it is an expression. */
function literal(node: Node): Literal {
  switch (node.type) {
    case 'integer':
    case 'float':
      return Number(node.text.replaceAll('_', ''));
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const value = operand ? literal(operand) : node.text;
      return typeof value === 'number' && node.text.startsWith('-')
        ? -value
        : typeof value === 'number'
          ? value
          : node.text;
    }
    case 'none':
      return null;
    case 'true':
      return true;
    case 'false':
      return false;
    case 'tuple':
    case 'list': {
      const items = node.namedChildren.filter((c): c is Node => c !== null).map(literal);
      return items.every((v) => typeof v === 'number') ? items : node.text;
    }
    case 'parenthesized_expression':
      return node.namedChildren[0] ? literal(node.namedChildren[0]) : node.text;
    default:
      return node.text;
  }
}

export interface AnnotateOptions {
  /** The file's dotted module name (e.g. torch.nn.modules.transformer), for relative imports. */
  module?: string;
}

/**
 * Reads Python source and returns every normalization layer it constructs or calls, in source order —
 * including layers configured through `functools.partial(nn.BatchNorm2d, eps=1e-3)`, the factories
 * torchvision passes around as `norm_layer`.
 */
export function annotatePython(
  parser: Parser,
  source: string,
  options: AnnotateOptions = {},
): LayerAnnotation[] {
  const tree = parser.parse(source);
  if (!tree) return [];
  const bindings = importBindings(tree.rootNode, options.module);
  const resolveWritten = (written: string): string | undefined => {
    const [head, ...rest] = written.split('.');
    const bound = bindings.get(head);
    if (bound) return canonical([bound, ...rest].join('.'));
    const keras = UNBOUND_KERAS_LAYER.exec(written);
    return keras ? `keras.layers.${keras[1]}` : undefined;
  };
  const resolve = (node: Node | null): string | undefined => {
    const written = node ? dottedName(node) : undefined;
    return written ? resolveWritten(written) : undefined;
  };
  const calls = tree.rootNode.descendantsOfType('call').filter((node): node is Node => node !== null);
  const resolved = calls.map((node) => resolve(node.childForFieldName('function')));
  const mapsLayout = featureMapLayout(tree.rootNode, source, resolveWritten);
  const found: LayerAnnotation[] = [];
  for (const [index, node] of calls.entries()) {
    let callee = node.childForFieldName('function');
    let qualified = resolved[index];
    let argumentNodes = namedArguments(node.childForFieldName('arguments'));
    if (qualified === 'functools.partial' && argumentNodes.length > 0) {
      // partial(Layer, *args, **kwargs): the layer's own arguments follow the class.
      callee = argumentNodes[0];
      qualified = resolve(callee);
      argumentNodes = argumentNodes.slice(1);
      if (qualified && KNOWN[qualified]?.functional) qualified = undefined;
    }
    const api = qualified ? KNOWN[qualified] : undefined;
    if (!api || !qualified || !callee) continue;
    const nameNode = callee.type === 'attribute' ? callee.childForFieldName('attribute')! : callee;
    found.push({
      ...annotate(api, qualified, nameNode, argumentNodes, mapsLayout),
      callEndLine: node.endPosition.row + 1,
      callEndColumn: node.endPosition.column + 1,
    });
  }
  tree.delete();
  return found;
}

const CONVOLUTION =
  /^torch\.nn\.(?:Lazy)?Conv(?:Transpose)?([123])d$|^torch\.nn\.functional\.conv(?:_transpose)?([123])d$/;
const CONVOLUTION_MENTION =
  /(?<![\w.])(?:[A-Za-z_]\w*\.)*(?:Lazy)?(?:Conv(?:Transpose)?|conv(?:_transpose)?)[123]d\b/g;

/**
 * The layout of a PyTorch file's feature maps, from the convolutions it names in code (calls, and class
 * references such as torchaudio's `klass = nn.Conv2d if freq else nn.Conv1d`): only 1-d ones (audio,
 * sequences) → NCL, only 2-d → NCHW, only 3-d → NCDHW; none or a mix → undefined. GroupNorm and
 * SyncBatchNorm take any (N, C, *), so this is what says which of their readings the file means.
 */
function featureMapLayout(
  root: Node,
  source: string,
  resolveWritten: (written: string) => string | undefined,
): string | undefined {
  const dims = new Set<string>();
  for (const mention of source.matchAll(CONVOLUTION_MENTION)) {
    const match = CONVOLUTION.exec(resolveWritten(mention[0]) ?? '');
    if (!match) continue;
    // Code only: a name in a comment or a string says nothing about the maps.
    const node = root.descendantForIndex(mention.index);
    if (!node || node.type === 'comment' || node.type.startsWith('string')) continue;
    dims.add(match[1] ?? match[2]);
  }
  return dims.size === 1 ? { '1': 'NCL', '2': 'NCHW', '3': 'NCDHW' }[[...dims][0]] : undefined;
}

function namedArguments(argumentList: Node | null): Node[] {
  return (argumentList?.namedChildren ?? []).filter(
    (child): child is Node => child !== null && child.type !== 'comment',
  );
}

function annotate(
  api: KnownApi,
  qualified: string,
  nameNode: Node,
  argumentNodes: Node[],
  mapsLayout: string | undefined,
): Omit<LayerAnnotation, 'callEndLine' | 'callEndColumn'> {
  const args: string[] = [];
  const values = new Map<string, Literal>();
  let position = 0;
  for (const child of argumentNodes) {
    args.push(child.text);
    if (child.type === 'keyword_argument') {
      values.set(child.childForFieldName('name')!.text, literal(child.childForFieldName('value')!));
    } else if (child.type !== 'list_splat' && child.type !== 'dictionary_splat') {
      const name = api.positional[position++];
      if (name) values.set(name, literal(child));
    }
  }
  const convention = conventionFor(api.framework, api.layer);
  const value = (...names: string[]) => names.map((n) => values.get(n)).find((v) => v !== undefined);
  const epsValue = value('eps', 'epsilon');
  const eps =
    typeof epsValue === 'number' ? epsValue : typeof epsValue === 'string' ? epsValue : convention.eps;
  const momentumValue = value('momentum');
  const tracks =
    api.layer === 'batchnorm' || (api.layer === 'instancenorm' && value('track_running_stats') === true);
  const momentum = !tracks
    ? null
    : momentumValue === null
      ? null
      : typeof momentumValue === 'number' || typeof momentumValue === 'string'
        ? momentumValue
        : (convention.momentum ?? 0.1);
  const momentumConvention: MomentumConvention | null = !tracks
    ? null
    : momentumValue === null
      ? 'cumulative'
      : api.framework === 'torch'
        ? 'new-batch'
        : 'old-value';
  const params: LayerAnnotation['params'] = { eps, momentum, momentumConvention };
  const features = value('num_features', 'num_channels');
  if (features !== undefined) params.numFeatures = typeof features === 'number' ? features : String(features);
  const groups = value('num_groups', 'groups');
  if (api.layer === 'groupnorm')
    params.numGroups =
      typeof groups === 'number'
        ? groups
        : groups !== undefined
          ? String(groups)
          : (convention.defaultGroups ?? 32);
  const axisValue = value('axis', 'reduction_axes', ...(api.layer === 'unitnorm' ? ['dim'] : []));
  if (axisValue !== undefined)
    params.axis = typeof axisValue === 'number' || Array.isArray(axisValue) ? axisValue : String(axisValue);
  let trailing: number | undefined;
  if (api.layer === 'layernorm' || api.layer === 'rmsnorm') {
    const shape = value('normalized_shape');
    if (api.framework === 'torch') {
      params.normalizedShape =
        typeof shape === 'number'
          ? [shape]
          : Array.isArray(shape)
            ? shape
            : shape !== undefined
              ? String(shape)
              : 'unknown';
      trailing = typeof shape === 'number' ? 1 : Array.isArray(shape) ? shape.length : undefined;
    }
  }
  const explained = shapes(api, params, trailing, mapsLayout);
  // affine=False (torch BatchNorm/InstanceNorm), elementwise_affine=False (LayerNorm): no γ, β; InstanceNorm has none unless affine=True.
  const affine = value('affine', 'elementwise_affine', 'scale');
  if (affine === false || (api.framework === 'torch' && api.layer === 'instancenorm' && affine !== true))
    explained.paramShape = [];
  if (api.framework === 'torch' && api.layer === 'instancenorm' && affine === true)
    explained.paramShape = ['C'];
  return {
    line: nameNode.startPosition.row + 1,
    column: nameNode.startPosition.column + 1,
    endColumn: nameNode.endPosition.column + 1,
    framework: api.framework,
    layer: api.layer,
    api: qualified,
    args,
    params,
    ...explained,
  };
}

/** Reduced axes and symbolic shapes from the engine's explain plan, for each plausible layout. */
function shapes(
  api: KnownApi,
  params: LayerAnnotation['params'],
  trailing: number | undefined,
  mapsLayout: string | undefined,
): Pick<LayerAnnotation, 'layout' | 'alternatives' | 'reducedAxes' | 'statShape' | 'paramShape'> {
  let layouts = api.layouts;
  // (N, C, *): the file's convolutions say which; without them, every conventional reading.
  if (api.anyRank && mapsLayout) layouts = [mapsLayout];
  if (api.framework === 'torch' && (api.layer === 'layernorm' || api.layer === 'rmsnorm')) {
    // normalized_shape of one extent: tokens (B, T, C); of three: images (N, C, H, W); else unknown.
    layouts =
      trailing === 1 ? ['BTC'] : trailing === 3 ? ['NCHW'] : trailing === 2 ? ['NCHW'] : ['BTC', 'NCHW'];
  }
  if (
    typeof params.axis === 'string' &&
    api.framework !== 'torch' &&
    (api.layer === 'batchnorm' || api.layer === 'groupnorm')
  ) {
    // A channel axis written as a name (Keras Applications' `bn_axis = 3 if channels_last else 1`):
    // channels-last or channels-first, the code does not say which.
    layouts = ['NHWC', 'NCHW'];
  }
  const groups = typeof params.numGroups === 'number' && params.numGroups > 0 ? params.numGroups : 1;
  const planFor = (layout: string) => {
    const shape = layout.split('').map((letter) => (letter === 'C' ? 2 * groups : 4));
    const axis = typeof params.axis === 'number' || Array.isArray(params.axis) ? params.axis : undefined;
    return explainPlan({
      layer: api.layer,
      framework: api.framework,
      shape,
      layout,
      numGroups: api.layer === 'groupnorm' ? groups : undefined,
      normalizedShape: trailing !== undefined ? shape.slice(shape.length - trailing) : undefined,
      axis: api.framework !== 'torch' || api.layer === 'unitnorm' ? axis : undefined,
    });
  };
  // Only the layouts the call's own arguments fit (an explicit axis=3 rules out a rank-2 reading).
  const plans = layouts.flatMap((layout) => {
    try {
      return [{ layout, plan: planFor(layout) }];
    } catch (error) {
      if (error instanceof ParameterError) return [];
      throw error;
    }
  });
  if (plans.length === 0) return { layout: null, reducedAxes: [], statShape: [], paramShape: [] };
  const { layout, plan } = plans[0];
  const symbolic = plan.layer === 'groupnorm' ? ['N', 'G'] : plan.keptAxisNames;
  const paramShape: (string | number)[] =
    plan.paramShape.length === 0
      ? []
      : plan.layer === 'layernorm' || plan.layer === 'rmsnorm'
        ? Array.isArray(params.normalizedShape)
          ? params.normalizedShape
          : plan.reducedAxisNames
        : ['C'];
  return {
    layout: plans.length === 1 ? layout : null,
    ...(plans.length > 1
      ? { alternatives: plans.map((p) => ({ layout: p.layout, reducedAxes: p.plan.reducedAxisNames })) }
      : {}),
    reducedAxes: plan.reducedAxisNames,
    statShape: symbolic,
    paramShape,
  };
}
