/**
 * Norm modules a file defines, read from their bodies:
 * - subclasses of a norm class (`class GroupNorm32(nn.GroupNorm)`) keep its axes; what their `forward`
 *   adds is noted (dtype casts; torchvision's LayerNorm2d permutes NCHW → NHWC → NCHW, so it reduces C);
 * - modules whose `forward` computes a norm: a functional norm (nanoGPT's `F.layer_norm`), or the
 *   reduction written out — `x.pow(2).mean(-1, keepdim=True)` with `torch.rsqrt` and no mean subtracted
 *   is an RMSNorm (LLaMA, T5LayerNorm), `u = x.mean(1, …)` subtracted and `(x - u).pow(2).mean(1, …)` a
 *   LayerNorm over the channel axis (ConvNeXt's channels_first), each `data_format` branch a reading.
 */
import type { Node } from 'web-tree-sitter';
import type { Framework, NormLayer } from '../engine/explain/conventions';
import { conventionFor } from '../engine/explain/conventions';
import { layerApiNamed, type LayerApi } from '../engine/explain/layer-apis';
import {
  argumentNodes,
  bindArguments,
  literal,
  parameterNodes,
  sitePosition,
  type Literal,
} from './call-binding';
import { explainSite } from './explain-site';
import type { NameResolver } from './imports';
import type { CustomNormSummary, LayerAnnotation, Reading, SiteKind } from './layer-annotation';

export interface CustomNorm {
  summary: CustomNormSummary;
  framework: Framework;
  layer: NormLayer;
  /** A construction of the class: its arguments bound to `__init__`'s parameters. */
  site(call: Node, name: Node, args: readonly Node[], kind: SiteKind): LayerAnnotation;
}

interface ClassParts {
  node: Node;
  name: string;
  bases: Node[];
  init?: Node;
  forward?: Node;
}

function methods(cls: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def =
      statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (def?.type === 'function_definition') found.set(def.childForFieldName('name')?.text ?? '', def);
  }
  return found;
}

/** `__init__`'s parameters after self, with literal defaults. */
function initParameters(init: Node | undefined): { names: string[]; defaults: Map<string, Literal> } {
  const parameters = parameterNodes(init).slice(1);
  const defaults = new Map<string, Literal>();
  for (const p of parameters) if (p.default) defaults.set(p.name, literal(p.default));
  return { names: parameters.map((p) => p.name), defaults };
}

const isCall = (node: Node, method: string) =>
  node.type === 'call' &&
  node.childForFieldName('function')?.type === 'attribute' &&
  node.childForFieldName('function')?.childForFieldName('attribute')?.text === method;

/** The `dim` of `x.mean(dim, keepdim=True)` / `torch.mean(x, dim)`: an integer, or undefined. */
function reductionDim(call: Node, isFunction: boolean): number | undefined {
  const args = argumentNodes(call.childForFieldName('arguments'));
  const keyword = args.find(
    (a) => a.type === 'keyword_argument' && ['dim', 'axis'].includes(a.childForFieldName('name')!.text),
  );
  const positional = args.filter((a) => a.type !== 'keyword_argument')[isFunction ? 1 : 0];
  const node = keyword?.childForFieldName('value') ?? positional;
  const value = node ? literal(node) : undefined;
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && value.length === 1) return value[0];
  return undefined;
}

interface ForwardReading {
  layer: NormLayer;
  readings: Reading[];
  words: string;
  notes: string[];
}

const COMPUTES_A_NORM = /_norm\s*\(|\.mean\(|\.var\(|torch\.mean|rsqrt/;

const SQUARES = /\.pow\(\s*2\s*\)|\*\*\s*2\b|\.square\(\)|torch\.square\(/;

/** A reading for a reduction over one axis of a channels-first map: -1 → tokens (B, T, C), 1 → (N, C, H, W). */
function readingForDim(dim: number, mapsLayout: string | undefined): Reading | undefined {
  if (dim === -1) return { layout: 'BTC', reducedAxes: ['C'] };
  if (dim === 1) return { layout: mapsLayout ?? 'NCHW', reducedAxes: ['C'] };
  return undefined;
}

function readForward(
  forward: Node,
  resolver: NameResolver,
  mapsLayout: string | undefined,
): ForwardReading | undefined {
  const text = forward.text;
  const calls = forward.descendantsOfType('call').filter((n): n is Node => n !== null);
  const permutes = calls.filter((c) => isCall(c, 'permute'));
  const channelsLastFirst = permutes.some((c) =>
    /\(\s*\[?\s*0\s*,\s*2\s*,\s*3\s*,\s*1\s*\]?\s*\)/.test(c.childForFieldName('arguments')?.text ?? ''),
  );
  const readings: Reading[] = [];
  let layer: NormLayer | undefined;
  let words = '';
  const notes: string[] = [];
  const switches = /data_format|channels_last|channels_first/.test(text);
  for (const call of calls) {
    const qualified = resolver.node(call.childForFieldName('function'));
    const api = qualified ? layerApiNamed(qualified) : undefined;
    if (!api?.functional || api.layer === 'unitnorm') continue;
    layer ??= api.layer;
    const short = qualified!.replace('torch.nn.functional.', 'F.');
    if ((api.layer === 'layernorm' || api.layer === 'rmsnorm') && channelsLastFirst) {
      readings.push({ layout: 'NCHW', reducedAxes: ['C'] });
      words = `permutes (N, C, H, W) to (N, H, W, C), ${short} over C, and permutes back`;
    } else if (api.layer === 'layernorm' || api.layer === 'rmsnorm') {
      readings.push({ layout: switches ? 'NHWC' : 'BTC', reducedAxes: ['C'] });
      words = `${short} over the last axis${switches ? ' (channels_last)' : ''}`;
    } else {
      const explained = explainSite(api, new Map(), mapsLayout);
      readings.push(
        ...(explained.layout !== null
          ? [{ layout: explained.layout, reducedAxes: explained.reducedAxes }]
          : (explained.alternatives ?? [])),
      );
      words = `${short}`;
    }
  }
  const means = calls.filter(
    (c) => isCall(c, 'mean') || resolver.node(c.childForFieldName('function')) === 'torch.mean',
  );
  const variances = calls.filter(
    (c) => isCall(c, 'var') || resolver.node(c.childForFieldName('function')) === 'torch.var',
  );
  const roots = /rsqrt|sqrt|\.std\(/.test(text);
  if (roots && (means.length > 0 || variances.length > 0)) {
    const dims = [...means, ...variances].map((c) =>
      reductionDim(c, c.childForFieldName('function')?.type !== 'attribute'),
    );
    const dim = dims.find((d) => d !== undefined);
    const squared = means.some((m) => SQUARES.test(m.text) || /(\w+)\s*\*\s*\1\b/.test(m.text));
    const meanNames = new Set(
      means.flatMap((m) =>
        m.parent?.type === 'assignment' ? [m.parent.childForFieldName('left')?.text ?? ''] : [],
      ),
    );
    const subtracted =
      variances.length > 0 ||
      forward
        .descendantsOfType('binary_operator')
        .some(
          (b) =>
            b?.childForFieldName('operator')?.text === '-' &&
            (meanNames.has(b.childForFieldName('right')?.text ?? '') ||
              /\.mean\(/.test(b.childForFieldName('right')?.text ?? '')),
        );
    const reading = dim !== undefined ? readingForDim(dim, mapsLayout) : undefined;
    if (reading && (squared || subtracted)) {
      const computed: NormLayer = subtracted ? 'layernorm' : 'rmsnorm';
      const axis = dim === -1 ? 'the last axis' : `the channel axis (dim ${dim})`;
      const these = subtracted
        ? `mean and variance over ${axis}, mean subtracted`
        : `mean of squares over ${axis}, no mean subtraction`;
      if (layer === undefined || layer === computed) {
        layer = computed;
        readings.push(reading);
        words = words ? `${words}; else ${these}${switches ? ' (channels_first)' : ''}` : these;
      }
    }
  }
  if (!layer || readings.length === 0) return undefined;
  const distinct = readings.filter((r, i) => readings.findIndex((o) => o.layout === r.layout) === i);
  return { layer, readings: distinct, words, notes };
}

/** What a subclass's forward changes: dtype casts and channel permutes. */
function forwardNotes(forward: Node | undefined): { notes: string[]; channelsFirst: string | undefined } {
  if (!forward) return { notes: [], channelsFirst: undefined };
  const text = forward.text;
  const notes: string[] = [];
  if (/\.float\(\)|torch\.float32/.test(text) && /\.type\(|\.to\(/.test(text))
    notes.push("forward computes in float32 and casts the result back to the input's dtype");
  const permute = /permute\(\s*\[?\s*0\s*,\s*2\s*,\s*3\s*,\s*1/.test(text);
  if (permute)
    notes.push(
      'forward permutes (N, C, H, W) to (N, H, W, C) and back: it normalizes over C of an NCHW input',
    );
  const transpose = /transpose\(\s*(?:-2\s*,\s*-1|-1\s*,\s*-2|1\s*,\s*2|2\s*,\s*1)\s*\)/.test(text);
  if (transpose && !permute)
    notes.push('forward swaps the last two axes and back: it normalizes over C of an (N, C, L) input');
  return { notes, channelsFirst: permute ? 'NCHW' : transpose ? 'NCL' : undefined };
}

function gammaShape(init: Node | undefined): string | undefined {
  const match = init ? /nn\.Parameter\(\s*torch\.ones\(\s*([^()]*?)\s*\)/.exec(init.text) : null;
  return match?.[1];
}

const kept = (reading: Reading) => reading.layout.split('').filter((a) => !reading.reducedAxes.includes(a));

export function readCustomNorms(
  classNodes: readonly Node[],
  resolver: NameResolver,
  mapsLayout: string | undefined,
): Map<string, CustomNorm> {
  const classes: ClassParts[] = [];
  for (const node of classNodes) {
    const found = methods(node);
    classes.push({
      node,
      name: node.childForFieldName('name')?.text ?? '',
      bases: argumentNodes(node.childForFieldName('superclasses')).filter(
        (b) => b.type !== 'keyword_argument',
      ),
      init: found.get('__init__'),
      forward: found.get('forward') ?? found.get('__call__'),
    });
  }
  const customs = new Map<string, CustomNorm>();
  for (const cls of classes) {
    const custom = readClass(cls, resolver, mapsLayout, customs);
    if (custom) customs.set(cls.name, custom);
  }
  // Again for subclasses of a custom norm the file defines further down.
  for (const cls of classes) {
    if (customs.has(cls.name) || !cls.bases.some((b) => customs.has(b.text))) continue;
    const custom = readClass(cls, resolver, mapsLayout, customs);
    if (custom) customs.set(cls.name, custom);
  }
  return customs;
}

function readClass(
  cls: ClassParts,
  resolver: NameResolver,
  mapsLayout: string | undefined,
  customs: ReadonlyMap<string, CustomNorm>,
): CustomNorm | undefined {
  const definedAt = cls.node.startPosition.row + 1;
  const { names, defaults } = initParameters(cls.init);
  for (const base of cls.bases) {
    const qualified = resolver.node(base);
    const api = qualified ? layerApiNamed(qualified) : undefined;
    if (api && !api.functional)
      return subclassNorm(cls, api, qualified!, definedAt, names, defaults, mapsLayout);
    const inherited = base.type === 'identifier' ? customs.get(base.text) : undefined;
    if (inherited && !cls.forward)
      return {
        ...inherited,
        summary: { ...inherited.summary, className: cls.name, definedAt, base: base.text },
      };
  }
  if (!cls.forward) return undefined;
  // Only bodies that reduce or call a norm can compute one: skip the rest without walking them.
  if (!COMPUTES_A_NORM.test(cls.node.text)) return undefined;
  // The class body, not forward alone: LLaMA's RMSNorm computes in a `_norm` method forward calls.
  const reading = readForward(cls.node.childForFieldName('body') ?? cls.forward, resolver, mapsLayout);
  if (!reading) return undefined;
  const gamma = gammaShape(cls.init);
  const summary: CustomNormSummary = {
    className: cls.name,
    definedAt,
    reading: reading.words,
    ...(gamma ? { gammaShape: gamma } : {}),
    notes: reading.notes,
  };
  const framework: Framework = 'torch';
  return {
    summary,
    framework,
    layer: reading.layer,
    site(call, name, args, kind) {
      const bound = bindArguments(names, args);
      const value = (key: string) => bound.values.get(key) ?? defaults.get(key);
      const epsName = names.find((n) => /eps/.test(n));
      const eps = epsName ? value(epsName) : undefined;
      const [first] = reading.readings;
      const gammaValue = gamma ? (bound.values.get(gamma) ?? gamma) : undefined;
      return {
        kind,
        ...sitePosition(call, name),
        framework,
        layer: reading.layer,
        api: cls.name,
        args: bound.written,
        params: {
          eps:
            typeof eps === 'number' || typeof eps === 'string'
              ? eps
              : conventionFor(framework, reading.layer).eps,
          momentum: null,
          momentumConvention: null,
        },
        layout: reading.readings.length === 1 ? first.layout : null,
        ...(reading.readings.length > 1 ? { alternatives: reading.readings } : {}),
        reducedAxes: first.reducedAxes,
        statShape: kept(first),
        paramShape:
          gammaValue !== undefined ? [typeof gammaValue === 'number' ? gammaValue : String(gammaValue)] : [],
        custom: summary,
      };
    },
  };
}

function subclassNorm(
  cls: ClassParts,
  api: LayerApi,
  qualified: string,
  definedAt: number,
  names: string[],
  defaults: Map<string, Literal>,
  mapsLayout: string | undefined,
): CustomNorm {
  const { notes, channelsFirst } = forwardNotes(cls.forward);
  const base = qualified.split('.').slice(-1)[0];
  const summary: CustomNormSummary = {
    className: cls.name,
    definedAt,
    base: qualified,
    reading: channelsFirst
      ? `a ${base} over C of an (${channelsFirst.split('').join(', ')}) input`
      : `a ${base}: the same axes as its base`,
    notes,
  };
  return {
    summary,
    framework: api.framework,
    layer: api.layer,
    site(call, name, args, kind) {
      // Without its own __init__ the class takes its base's parameters.
      const positional = cls.init ? names : api.positional;
      const bound = bindArguments(positional, args);
      const values = new Map(defaults);
      for (const [k, v] of bound.values) values.set(k, v);
      if (cls.init && names[0] && !values.has(api.positional[0])) {
        const first = values.get(names[0]);
        if (first !== undefined) values.set(api.positional[0], first);
      }
      const explained = explainSite(api, values, mapsLayout);
      const site: LayerAnnotation = {
        kind,
        ...sitePosition(call, name),
        api: cls.name,
        args: bound.written,
        ...explained,
        custom: summary,
      };
      if (channelsFirst) {
        const reading = { layout: channelsFirst, reducedAxes: ['C'] };
        Object.assign(site, {
          layout: channelsFirst,
          reducedAxes: ['C'],
          statShape: kept(reading),
          paramShape: ['C'],
        });
        delete site.alternatives;
      }
      return site;
    },
  };
}
