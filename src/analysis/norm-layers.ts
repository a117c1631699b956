/**
 * Finds normalization layers in Python source — every API of the layer table (PyTorch, Keras, Flax
 * linen and nnx), resolving imports and aliases — and explains each with the engine's explain plans:
 * the axes it reduces over for its conventional layout, statistic and parameter shapes, and defaults
 * filled in. Besides direct calls it follows how real code builds its norms: `functools.partial`
 * factories, names and attributes bound to a norm class and called later, norm modules the file
 * defines, `convert_sync_batchnorm`, and the calls of built modules. Calls only count: a layer named in
 * a comment, a string, an `isinstance` test or a registry list is not one.
 */
import type { Node, Parser } from 'web-tree-sitter';
import { layerApiNamed, type LayerApi } from '../engine/explain/layer-apis';
import { argumentNodes, bindArguments, sitePosition } from './call-binding';
import { readCustomNorms, type CustomNorm } from './custom-modules';
import { configDefaults, type ConfigDefaults } from './config-eps';
import { explainSite } from './explain-site';
import { FileIndex } from './file-index';
import { nameResolver, type NameResolver } from './imports';
import type { LayerAnnotation, LayerReference, SiteKind } from './layer-annotation';
import { featureMapLayout } from './layout-inference';
import { NameFlow, type FactoryValue } from './name-flow';
import { linkUses, settleFunctional } from './uses';

export type { LayerAnnotation, LayerReference } from './layer-annotation';

export interface AnnotateOptions {
  /** The file's dotted module name (e.g. torch.nn.modules.transformer), for relative imports. */
  module?: string;
  /** The source of another module of the package, by dotted name: its norm classes count as the file's own. */
  readModule?: (module: string) => string | undefined;
}

/** The norm classes other modules define, by module (analyzePython parses them with its parser). */
export type ImportedCustoms = (
  module: string,
  mapsLayout: string | undefined,
) => ReadonlyMap<string, CustomNorm>;

/** Norm classes the file imports from modules of its package (`from .layers import RMSNorm`). */
export function withImported(
  own: Map<string, CustomNorm>,
  resolver: NameResolver,
  mapsLayout: string | undefined,
  imported: ImportedCustoms | undefined,
): Map<string, CustomNorm> {
  if (!imported) return own;
  for (const [local, qualified] of resolver.bindings) {
    const dot = qualified.lastIndexOf('.');
    if (own.has(local) || dot < 0 || layerApiNamed(qualified)) continue;
    const custom = imported(qualified.slice(0, dot), mapsLayout).get(qualified.slice(dot + 1));
    if (custom) own.set(local, custom);
  }
  return own;
}

/** Reads the norm classes of the package's other modules with `parser`, each module once. */
export function importedCustoms(parser: Parser, options: AnnotateOptions): ImportedCustoms | undefined {
  const { readModule } = options;
  if (!readModule) return undefined;
  const read = new Map<string, ReadonlyMap<string, CustomNorm>>();
  return (module, mapsLayout) => {
    const key = `${module}@${mapsLayout}`;
    const known = read.get(key);
    if (known) return known;
    read.set(key, new Map());
    const source = readModule(module);
    const tree = source === undefined ? null : parser.parse(source);
    if (!tree) return new Map();
    try {
      const index = new FileIndex(tree.rootNode, source!);
      const customs = readCustomNorms(index.classes, nameResolver(index.imports, module), mapsLayout);
      read.set(key, customs);
      return customs;
    } finally {
      tree.delete();
    }
  };
}

export interface PythonAnalysis {
  /** Every site that builds or applies a normalization layer, in source order. */
  layers: LayerAnnotation[];
  /** Hovers that are not sites: factory bindings and calls of built modules. */
  references: LayerReference[];
}

const CONVERT_SYNC = 'torch.nn.SyncBatchNorm.convert_sync_batchnorm';

/** Everything recognition reads besides the calls themselves: built once per file (or per edited statement). */
export interface RecognitionContext {
  index: FileIndex;
  resolver: NameResolver;
  mapsLayout: string | undefined;
  customs: ReadonlyMap<string, CustomNorm>;
  configs: ConfigDefaults;
  flow: NameFlow;
  /** Told which call a name-flow query starts from (incremental re-analysis tracks dependencies). */
  beforeQuery?: (call: Node) => void;
}

/** Reads a parsed file: sites and references. */
export function analyzeTree(
  root: Node,
  source: string,
  options: AnnotateOptions = {},
  imported?: ImportedCustoms,
): PythonAnalysis {
  const index = new FileIndex(root, source);
  const resolver = nameResolver(index.imports, options.module);
  const mapsLayout = featureMapLayout(root, source, resolver.written);
  const customs = withImported(
    readCustomNorms(index.classes, resolver, mapsLayout),
    resolver,
    mapsLayout,
    imported,
  );
  const configs = configDefaults(index.classes);
  const flow = new NameFlow(index, resolver, customs);
  return recognize({ index, resolver, mapsLayout, customs, configs, flow });
}

/** The sites and references of the calls in the context's index. */
export function recognize(context: RecognitionContext): PythonAnalysis {
  const { index, resolver, mapsLayout, customs, configs, flow } = context;
  const calls = index.calls;
  const layers: LayerAnnotation[] = [];
  const siteOfCall = new Map<number, LayerAnnotation>();
  const push = (call: Node, site: LayerAnnotation | undefined) => {
    if (!site) return;
    configs.annotate(site);
    layers.push(site);
    siteOfCall.set(call.id, site);
  };
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    let callee: Node = fn;
    let qualified = resolver.node(fn);
    let args = argumentNodes(call.childForFieldName('arguments'));
    if (qualified === CONVERT_SYNC) {
      push(call, conversionSite(call, fn, args, mapsLayout));
      continue;
    }
    if (qualified === 'functools.partial' && args.length > 0) {
      // partial(Layer, *args, **kwargs): the layer's own arguments follow the class.
      callee = args[0];
      qualified = resolver.node(callee);
      args = args.slice(1);
      const custom = callee.type === 'identifier' ? customs.get(callee.text) : undefined;
      if (custom && !flow.isLocal(callee)) {
        push(call, custom.site(call, nameOf(callee), args, 'custom'));
        continue;
      }
      if (qualified && layerApiNamed(qualified)?.functional) qualified = undefined;
    }
    const api = qualified ? layerApiNamed(qualified) : undefined;
    if (api && qualified) {
      const site = directSite('call', api, qualified, call, nameOf(callee), args, mapsLayout);
      if (api.functional) settleFunctional(site, index.lines, mapsLayout);
      push(call, site);
      continue;
    }
    // A norm class of the file, or one imported from a module of its package.
    const custom = fn.type === 'identifier' ? customs.get(fn.text) : undefined;
    if (custom && !flow.isLocal(fn)) {
      push(call, custom.site(call, nameOf(fn), args, 'custom'));
      continue;
    }
    if (qualified !== undefined && callee === fn) continue;
    if (
      fn.type !== 'identifier' &&
      fn.type !== 'subscript' &&
      !(fn.type === 'attribute' && fn.childForFieldName('object')?.text === 'self')
    )
      continue;
    context.beforeQuery?.(call);
    const values = flow.factoryValues(fn);
    if (values.length > 0) push(call, factorySite(values, call, fn, args, mapsLayout));
  }
  layers.sort((a, b) => a.line - b.line || a.column - b.column);
  const references = linkUses(calls, flow, siteOfCall, index.lines, mapsLayout, context.beforeQuery);
  for (const layer of layers) {
    for (const bound of layer.factory?.boundAt ?? []) {
      if (
        !references.some(
          (r) => r.kind === 'factory-binding' && r.line === bound.line && r.column === bound.column,
        )
      )
        references.push({ kind: 'factory-binding', ...bound, layer });
    }
  }
  references.sort((a, b) => a.line - b.line || a.column - b.column);
  return { layers, references };
}

/** Parses and reads Python source; see analyzeTree. */
export function analyzePython(parser: Parser, source: string, options: AnnotateOptions = {}): PythonAnalysis {
  const tree = parser.parse(source);
  if (!tree) return { layers: [], references: [] };
  try {
    return analyzeTree(tree.rootNode, source, options, importedCustoms(parser, options));
  } finally {
    tree.delete();
  }
}

/** Every normalization site in Python source, in source order. */
export function annotatePython(
  parser: Parser,
  source: string,
  options: AnnotateOptions = {},
): LayerAnnotation[] {
  return analyzePython(parser, source, options).layers;
}

/** The name node a site points at: the attribute of `nn.BatchNorm2d`, or the identifier itself. */
function nameOf(callee: Node): Node {
  if (callee.type === 'subscript') return nameOf(callee.childForFieldName('value') ?? callee);
  return callee.type === 'attribute' ? callee.childForFieldName('attribute')! : callee;
}

function directSite(
  kind: SiteKind,
  api: LayerApi,
  qualified: string,
  call: Node,
  name: Node,
  args: readonly Node[],
  mapsLayout: string | undefined,
): LayerAnnotation {
  const bound = bindArguments(api.positional, args);
  return {
    kind,
    ...sitePosition(call, name),
    api: qualified,
    args: bound.written,
    ...explainSite(api, bound.values, mapsLayout),
  };
}

function conversionSite(
  call: Node,
  fn: Node,
  args: readonly Node[],
  mapsLayout: string | undefined,
): LayerAnnotation {
  const sync = layerApiNamed('torch.nn.SyncBatchNorm')!;
  const site = directSite('conversion', sync, CONVERT_SYNC, call, nameOf(fn), [], mapsLayout);
  return { ...site, args: args.map((a) => a.text) };
}

function factorySite(
  values: readonly FactoryValue[],
  call: Node,
  fn: Node,
  args: readonly Node[],
  mapsLayout: string | undefined,
): LayerAnnotation {
  const sites = values.map((value) =>
    value.target.kind === 'custom'
      ? value.target.custom.site(call, nameOf(fn), [...value.preset, ...args], 'factory')
      : directSite(
          'factory',
          value.target.api,
          value.target.qualified,
          call,
          nameOf(fn),
          [...value.preset, ...args],
          mapsLayout,
        ),
  );
  const [first] = sites;
  const choices = [...new Set(sites.map((s) => s.api))];
  const variants = [...new Set(values.map((v) => v.preset.map((n) => n.text).join(', ')))];
  const unlessGiven = values.find((v) => v.unlessGiven)?.unlessGiven;
  const boundAt = values.flatMap((v) =>
    v.boundAt.map((n) => ({
      line: n.startPosition.row + 1,
      column: n.startPosition.column + 1,
      endColumn:
        n.startPosition.row === n.endPosition.row
          ? n.endPosition.column + 1
          : n.startPosition.column + 1 + n.text.indexOf('('),
    })),
  );
  const site: LayerAnnotation = {
    ...first,
    kind: 'factory',
    factory: {
      name: fn.text,
      boundAt: boundAt.filter(
        (b, i) => boundAt.findIndex((o) => o.line === b.line && o.column === b.column) === i,
      ),
      ...(unlessGiven ? { unlessGiven } : {}),
      ...(choices.length > 1 ? { choices } : {}),
      ...(variants.length > 1 ? { variants } : {}),
    },
  };
  if (choices.length > 1) {
    // Both readings: each class that reaches the call, with the layout it reads.
    const readings = sites.flatMap((s) =>
      s.layout !== null ? [{ layout: s.layout, reducedAxes: s.reducedAxes }] : (s.alternatives ?? []),
    );
    const distinct = readings.filter(
      (r, i) =>
        readings.findIndex((o) => o.layout === r.layout && o.reducedAxes.join() === r.reducedAxes.join()) ===
        i,
    );
    if (distinct.length > 1) {
      site.layout = null;
      site.alternatives = distinct;
    }
  }
  return site;
}
