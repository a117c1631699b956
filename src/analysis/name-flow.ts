/**
 * Where a name's value comes from, flow-insensitively, within one file: the assignments to it in its
 * function, its parameter's default and the arguments callers in the file pass for it, and for
 * `self.x` every assignment in the class's methods, a dataclass-style field's default (Flax) and the
 * keyword `x=` callers pass. This is how `norm_layer(planes)` is known to build `nn.BatchNorm2d`
 * (`if norm_layer is None: norm_layer = nn.BatchNorm2d`), how Flax's `self.norm()` builds the
 * `partial(nn.BatchNorm, …)` its parent passed, and which construction `self.bn1(x)` calls.
 */
import type { Node } from 'web-tree-sitter';
import { layerApiNamed, type LayerApi } from '../engine/explain/layer-apis';
import { argumentNodes, parameterNodes } from './call-binding';
import type { CustomNorm } from './custom-modules';
import type { FileIndex, Region } from './file-index';
import type { NameResolver } from './imports';
import type { LayerAnnotation } from './layer-annotation';

export type FactoryTarget =
  { kind: 'api'; api: LayerApi; qualified: string } | { kind: 'custom'; custom: CustomNorm };

/** A norm class (or partial of one) that reaches a name. */
export interface FactoryValue {
  target: FactoryTarget;
  /** Arguments a functools.partial already holds, before the call's own. */
  preset: Node[];
  /** The expressions that name the class (`nn.BatchNorm2d` in `norm_layer = nn.BatchNorm2d`). */
  boundAt: Node[];
  /** The class reaches the name as a parameter's default: callers may pass another. */
  unlessGiven?: string;
}

interface Scope {
  node: Node | undefined;
  /** Assigned values by name (assignment right sides). */
  assignments: Map<string, Node[]>;
  parameters: Map<string, { index: number; default: Node | null }>;
  owner?: ClassInfo;
  name?: string;
}

interface ClassInfo {
  name: string;
  /** Values assigned to `self.<attr>` in its methods, with the method's scope. */
  attributes: Map<string, { value: Node; scope: Scope }[]>;
  /** Class-body fields (`norm: ModuleDef`, `eps: float = 1e-6`) with their defaults. */
  fields: Map<string, Node | null>;
}

interface CallIndex {
  byCallee: Map<string, Node[]>;
  keywords: Map<string, { call: Node; callee: string; value: Node }[]>;
}

interface Source {
  value: Node;
  scope: Scope;
  unlessGiven?: string;
}

const MAX_DEPTH = 8;

/**
 * What a resolution asks of the rest of the file and which source positions it uses: incremental
 * re-analysis reads this to know whether an edited statement affects others, or others it.
 */
export interface FlowTracker {
  /** `kw:<keyword>` (a keyword passed by any call), `call:<callee>` (positional arguments), `name:<name>` (a module-level name). */
  asked(question: string): void;
  used(sourceIndex: number): void;
}

export class NameFlow {
  private readonly module: Scope;
  private readonly scopes = new Map<number, Scope>();
  /** Class names the file defines, and each class statement's own record (names may repeat). */
  private readonly classNames = new Set<string>();
  private readonly classOfNode = new Map<number, ClassInfo>();
  private readonly calls: Node[];
  private callIndex?: CallIndex;
  private readonly factoryMemo = new Map<number, FactoryValue[]>();

  constructor(
    private readonly index: FileIndex,
    private readonly resolver: NameResolver,
    private readonly customs: ReadonlyMap<string, CustomNorm>,
    private readonly tracker?: FlowTracker,
    /** Class names defined outside the index's range (when it covers one statement). */
    outsideClassNames: Iterable<string> = [],
  ) {
    for (const name of outsideClassNames) this.classNames.add(name);
    this.module = { node: undefined, assignments: new Map(), parameters: new Map() };
    for (const cls of index.classes) {
      const name = cls.childForFieldName('name')?.text ?? '';
      const info: ClassInfo = { name, attributes: new Map(), fields: new Map() };
      this.classNames.add(name);
      this.classOfNode.set(cls.id, info);
      for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
        const assignment =
          statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
        if (left?.type === 'identifier') info.fields.set(left.text, assignment!.childForFieldName('right'));
      }
    }
    for (const fn of index.functions) this.scopes.set(fn.id, this.scopeOf(fn));
    for (const assignment of index.assignments) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (!left || !right) continue;
      const scope = this.scopeAt(assignment);
      if (left.type === 'identifier') {
        if (scope.node === undefined && index.enclosing(assignment, 'class')) continue;
        const list = scope.assignments.get(left.text) ?? [];
        list.push(right);
        scope.assignments.set(left.text, list);
      } else if (
        left.type === 'attribute' &&
        left.childForFieldName('object')?.text === 'self' &&
        scope.owner
      ) {
        const attribute = left.childForFieldName('attribute')!.text;
        const list = scope.owner.attributes.get(attribute) ?? [];
        list.push({ value: right, scope });
        scope.owner.attributes.set(attribute, list);
      }
    }
    this.calls = index.calls;
  }

  private scopeOf(fn: Node): Scope {
    const parameters = new Map<string, { index: number; default: Node | null }>();
    for (const [index, p] of parameterNodes(fn).entries())
      parameters.set(p.name, { index, default: p.default });
    const cls = this.index.enclosing(fn)?.node;
    const owner = cls?.type === 'class_definition' ? this.classOfNode.get(cls.id) : undefined;
    return { node: fn, assignments: new Map(), parameters, owner, name: fn.childForFieldName('name')?.text };
  }

  private scopeAt(node: Node): Scope {
    const fn = this.index.enclosing(node, 'function');
    return fn ? (this.scopes.get(fn.node.id) ?? this.module) : this.module;
  }

  /** A name bound in its own function (an assignment or a parameter), so not the class of that name. */
  isLocal(identifier: Node): boolean {
    const scope = this.scopeAt(identifier);
    return scope.assignments.has(identifier.text) || scope.parameters.has(identifier.text);
  }

  /** The expressions that flow into a name or `self.attr` at `node`. */
  private sources(node: Node, scope: Scope): Source[] {
    if (node.type === 'identifier') {
      const name = node.text;
      const found: Source[] = [];
      let at: Scope | undefined = scope;
      // Python's closures: a name not bound in a nested function is its enclosing function's.
      while (at && !at.assignments.has(name) && !at.parameters.has(name)) {
        const outer: Region | undefined = at.node ? this.index.enclosing(at.node, 'function') : undefined;
        at = outer ? this.scopes.get(outer.node.id) : at === this.module ? undefined : this.module;
      }
      if (!at || at === this.module) this.tracker?.asked(`name:${name}`);
      if (!at) return [];
      const parameter = at.parameters.get(name);
      for (const value of at.assignments.get(name) ?? [])
        found.push({ value, scope: at, unlessGiven: parameter ? name : undefined });
      if (parameter) {
        if (parameter.default)
          found.push({ value: parameter.default, scope: this.module, unlessGiven: name });
        found.push(...this.passedFor(at, name, parameter.index));
      }
      for (const source of found) this.tracker?.used(source.value.startIndex);
      return found;
    }
    if (node.type === 'attribute' && node.childForFieldName('object')?.text === 'self' && scope.owner) {
      const attribute = node.childForFieldName('attribute')!.text;
      const owner = scope.owner;
      const found: Source[] = (owner.attributes.get(attribute) ?? []).map((a) => ({ ...a }));
      if (owner.fields.has(attribute)) {
        const fallback = owner.fields.get(attribute);
        if (fallback) found.push({ value: fallback, scope: this.module, unlessGiven: attribute });
        found.push(...this.keywordsPassedTo(owner.name, attribute));
      }
      for (const source of found) this.tracker?.used(source.value.startIndex);
      return found;
    }
    return [];
  }

  /** Arguments the file's callers pass for a function's parameter (an `__init__`'s: its class's callers). */
  private passedFor(scope: Scope, name: string, index: number): Source[] {
    if (scope.name === '__init__' && scope.owner)
      return this.keywordsPassedTo(scope.owner.name, name, index - 1);
    return scope.name ? this.keywordsPassedTo(scope.name, name, index) : [];
  }

  /**
   * Values given as `keyword=` to calls of `callee` — or of a class held in a name or attribute
   * (`self.block_cls(…, norm=norm)`), which the file cannot resolve further — and, by position, to
   * calls of `callee` itself.
   */
  private keywordsPassedTo(callee: string, keyword: string, position = -1): Source[] {
    const index = (this.callIndex ??= this.indexCalls());
    this.tracker?.asked(`kw:${keyword}`);
    if (position >= 0) this.tracker?.asked(`call:${callee}`);
    const found: Source[] = [];
    for (const passed of index.keywords.get(keyword) ?? []) {
      if (passed.callee !== callee && !this.isOpaque(passed.call, passed.callee)) continue;
      found.push({ value: passed.value, scope: this.scopeAt(passed.call) });
    }
    if (position < 0) return found;
    for (const call of index.byCallee.get(callee) ?? []) {
      const positional = argumentNodes(call.childForFieldName('arguments')).filter(
        (arg) => !['keyword_argument', 'list_splat', 'dictionary_splat'].includes(arg.type),
      );
      if (positional[position]) found.push({ value: positional[position], scope: this.scopeAt(call) });
    }
    return found;
  }

  /** A callee the file cannot resolve further: a name or attribute that is no class of the file and no import. */
  private isOpaque(call: Node, last: string): boolean {
    const fn = call.childForFieldName('function');
    return (
      !!fn &&
      (fn.type === 'identifier' || fn.type === 'attribute') &&
      !this.classNames.has(last) &&
      !this.resolver.node(fn)
    );
  }

  /** Every call by the last name of its callee, and every keyword argument by its keyword: one pass. */
  private indexCalls(): CallIndex {
    const byCallee = new Map<string, Node[]>();
    const keywords = new Map<string, { call: Node; callee: string; value: Node }[]>();
    for (const call of this.calls) {
      const fn = call.childForFieldName('function');
      if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) continue;
      const callee = (fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text) ?? '';
      const list = byCallee.get(callee) ?? [];
      list.push(call);
      byCallee.set(callee, list);
      for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type !== 'keyword_argument') continue;
        const name = arg.childForFieldName('name')?.text ?? '';
        const passed = keywords.get(name) ?? [];
        passed.push({ call, callee, value: arg.childForFieldName('value')! });
        keywords.set(name, passed);
      }
    }
    return { byCallee, keywords };
  }

  /** The norm classes (and partials) a called name or `self.attr` holds; [] when none. */
  factoryValues(node: Node): FactoryValue[] {
    const memo = this.factoryMemo.get(node.id);
    if (memo) return memo;
    const values = this.valuesOf(node, this.scopeAt(node), 0, new Set());
    this.factoryMemo.set(node.id, values);
    return values;
  }

  private valuesOf(node: Node, scope: Scope, depth: number, seen: Set<number>): FactoryValue[] {
    if (depth > MAX_DEPTH || seen.has(node.id)) return [];
    seen.add(node.id);
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.valuesOf(node.namedChildren[0], scope, depth + 1, seen) : [];
      case 'conditional_expression': {
        const [consequence, , alternative] = node.namedChildren;
        return [consequence, alternative].flatMap((branch) =>
          branch ? this.valuesOf(branch, scope, depth + 1, seen) : [],
        );
      }
      case 'subscript': {
        // A registry of classes indexed at the call (`_BN_CLASS_MAP[dim](…)`): every class it holds.
        const container = node.childForFieldName('value');
        return container ? this.elementValues(container, scope, depth + 1, seen) : [];
      }
      case 'boolean_operator': {
        // timm's `norm_layer = norm_layer or partial(nn.LayerNorm, eps=1e-6)`: either side.
        const sides = [node.childForFieldName('left'), node.childForFieldName('right')];
        return sides.flatMap((side) => (side ? this.valuesOf(side, scope, depth + 1, seen) : []));
      }
      case 'call': {
        if (this.resolver.node(node.childForFieldName('function')) !== 'functools.partial') return [];
        const [inner, ...preset] = argumentNodes(node.childForFieldName('arguments'));
        if (!inner) return [];
        return this.valuesOf(inner, scope, depth + 1, seen).map((value) => ({
          ...value,
          preset: [...value.preset, ...preset],
          boundAt: [node],
        }));
      }
      case 'identifier':
      case 'attribute': {
        const direct = this.target(node, scope);
        if (direct) return [{ target: direct, preset: [], boundAt: [node] }];
        return this.sources(node, scope).flatMap((source) =>
          this.valuesOf(source.value, source.scope, depth + 1, seen).map((value) => ({
            ...value,
            unlessGiven: value.unlessGiven ?? source.unlessGiven,
          })),
        );
      }
      default:
        return [];
    }
  }

  /** The values a dict, list or tuple (or a name bound to one) holds. */
  private elementValues(node: Node, scope: Scope, depth: number, seen: Set<number>): FactoryValue[] {
    if (depth > MAX_DEPTH) return [];
    if (node.type === 'dictionary')
      return node.namedChildren.flatMap((pair) => {
        const value = pair?.type === 'pair' ? pair.childForFieldName('value') : null;
        return value ? this.valuesOf(value, scope, depth + 1, seen) : [];
      });
    if (node.type === 'list' || node.type === 'tuple')
      return node.namedChildren.flatMap((item) => (item ? this.valuesOf(item, scope, depth + 1, seen) : []));
    if (node.type === 'identifier' || node.type === 'attribute')
      return this.sources(node, scope).flatMap((source) =>
        this.elementValues(source.value, source.scope, depth + 1, seen),
      );
    return [];
  }

  /** A class reference: a norm API through the imports, or a norm module the file defines. */
  private target(node: Node, scope: Scope): FactoryTarget | undefined {
    if (node.type === 'identifier') {
      const custom = this.customs.get(node.text);
      if (custom && !scope.assignments.has(node.text) && !scope.parameters.has(node.text))
        return { kind: 'custom', custom };
      if (scope.assignments.has(node.text) || scope.parameters.has(node.text)) return undefined;
    }
    const qualified = this.resolver.node(node);
    const api = qualified ? layerApiNamed(qualified) : undefined;
    return api && qualified && !api.functional ? { kind: 'api', api, qualified } : undefined;
  }

  /** The call sites (constructions) a name or `self.attr` holds: what `self.bn1(x)` calls. */
  instanceSites(node: Node, siteOfCall: ReadonlyMap<number, LayerAnnotation>): LayerAnnotation[] {
    const found: LayerAnnotation[] = [];
    const visit = (expr: Node, scope: Scope, depth: number, seen: Set<number>) => {
      if (depth > MAX_DEPTH || seen.has(expr.id)) return;
      seen.add(expr.id);
      if (expr.type === 'call') {
        const site = siteOfCall.get(expr.id);
        if (site && site.kind !== 'conversion' && !isFunctional(site)) found.push(site);
        return;
      }
      if (expr.type === 'parenthesized_expression' || expr.type === 'conditional_expression') {
        for (const child of expr.namedChildren) if (child) visit(child, scope, depth + 1, seen);
        return;
      }
      if (expr.type === 'identifier' || expr.type === 'attribute')
        for (const source of this.sources(expr, scope)) visit(source.value, source.scope, depth + 1, seen);
    };
    visit(node, this.scopeAt(node), 0, new Set());
    return found;
  }
}

function isFunctional(site: LayerAnnotation): boolean {
  return layerApiNamed(site.api)?.functional === true;
}
