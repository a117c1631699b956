/**
 * Re-analysis as a document is edited: each edit goes to tree-sitter (`tree.edit` + reparse with the
 * old tree), and when the edit stays inside one top-level class or function whose names reach no other
 * statement — no name flow between it and the rest, no imports or config classes, the same custom norm
 * classes, the same feature-map layout — only that statement is recognized again and the rest of the
 * results move by the lines it gained or lost. Anything else re-reads the whole file, so the results
 * are always those `analyzeTree` gives.
 */
import type { Edit, Node, Parser, Point, Tree } from 'web-tree-sitter';
import { readCustomNorms, type CustomNorm } from './custom-modules';
import { configDefaults } from './config-eps';
import { FileIndex, lastStartingBy } from './file-index';
import { nameResolver, type NameResolver } from './imports';
import type { LayerAnnotation, LayerReference } from './layer-annotation';
import { featureMapLayout } from './layout-inference';
import { NameFlow, type FlowTracker } from './name-flow';
import {
  importedCustoms,
  recognize,
  withImported,
  type AnnotateOptions,
  type ImportedCustoms,
  type PythonAnalysis,
} from './norm-layers';

interface Chunk {
  start: number;
  end: number;
  startRow: number;
  endRow: number;
  type: string;
  /** Questions its name flow asked (`kw:norm_layer`, `call:Block`, `name:ModuleDef`). */
  asks: Set<string>;
  /** Answers it holds for others' questions: its calls' keywords and callees, its module-level names. */
  provides: Set<string>;
  /** A source used across its boundary, either way: it cannot be re-read alone. */
  linked: boolean;
  /** Its class names with their custom-norm readings, imports, config classes: what others read of it. */
  signature: string;
}

/** The tree-sitter edit for replacing `oldLength` UTF-16 units at `startIndex` (at `startPosition`) by `text`. */
export function editFor(
  startIndex: number,
  oldLength: number,
  startPosition: Point,
  oldEndPosition: Point,
  text: string,
): Edit {
  const lines = text.split('\n');
  const newEndPosition =
    lines.length === 1
      ? { row: startPosition.row, column: startPosition.column + text.length }
      : { row: startPosition.row + lines.length - 1, column: lines[lines.length - 1].length };
  return {
    startIndex,
    oldEndIndex: startIndex + oldLength,
    newEndIndex: startIndex + text.length,
    startPosition,
    oldEndPosition,
    newEndPosition,
  };
}

const REREADABLE = new Set(['class_definition', 'function_definition', 'decorated_definition']);
const IMPORT = /^\s*(?:from\s+\S+\s+)?import\s/m;

function chunkSignature(node: Node, customs: ReadonlyMap<string, CustomNorm>): string {
  const classes = node
    .descendantsOfType('class_definition')
    .concat(node.type === 'class_definition' ? [node] : [])
    .map((c) => c?.childForFieldName('name')?.text ?? '');
  const described = [...new Set(classes)].sort().map((name) => {
    const custom = customs.get(name);
    return custom ? `${name}=${custom.layer}:${JSON.stringify({ ...custom.summary, definedAt: 0 })}` : name;
  });
  const text = node.text;
  return `${described.join('|')}#${IMPORT.test(text)}#${/class\s+\w*Config\b/.test(text)}`;
}

/** Lines after `afterLine` (1-based) move by `delta`; each shared object once. */
function shiftLines(
  layers: LayerAnnotation[],
  references: LayerReference[],
  afterLine: number,
  delta: number,
) {
  if (delta === 0) return;
  const moved = new Set<object>();
  const move = (at: { line: number }) => {
    if (!moved.has(at) && at.line > afterLine) at.line += delta;
    moved.add(at);
  };
  for (const layer of layers) {
    if (layer.line > afterLine) layer.callEndLine += delta;
    move(layer);
    for (const use of layer.uses ?? []) move(use);
    for (const bound of layer.factory?.boundAt ?? []) move(bound);
    if (layer.custom && !moved.has(layer.custom)) {
      if (layer.custom.definedAt > afterLine) layer.custom.definedAt += delta;
      moved.add(layer.custom);
    }
    if (layer.epsFromConfig?.line !== undefined) move(layer.epsFromConfig as { line: number });
  }
  for (const reference of references) move(reference);
}

export class IncrementalAnalysis {
  private tree: Tree;
  private source: string;
  private analysis!: PythonAnalysis;
  private chunks: Chunk[] = [];
  private resolver!: NameResolver;
  private mapsLayout: string | undefined;
  private customs: Map<string, CustomNorm> = new Map();
  private classNames = new Set<string>();
  private configs!: ReturnType<typeof configDefaults>;
  /** What the last update re-read: one statement, or the whole file. */
  lastReread: 'statement' | 'file' = 'file';
  private readonly imported: ImportedCustoms | undefined;

  constructor(
    private readonly parser: Parser,
    source: string,
    private readonly options: AnnotateOptions = {},
  ) {
    this.source = source;
    this.imported = importedCustoms(parser, options);
    this.tree = this.parse(source);
    this.readAll();
  }

  get result(): PythonAnalysis {
    return this.analysis;
  }

  private parse(source: string, old?: Tree): Tree {
    const tree = this.parser.parse(source, old);
    if (!tree) throw new Error('the Python parser returned no tree');
    return tree;
  }

  /** The source after `edits` (applied in order, each against the text the previous left). */
  update(source: string, edits: readonly Edit[]): PythonAnalysis {
    for (const edit of edits) this.tree.edit(edit);
    const tree = this.parse(source, this.tree);
    const previous = this.tree;
    this.tree = tree;
    this.source = source;
    const reread = edits.length === 1 && this.rereadStatement(edits[0]);
    previous.delete();
    this.lastReread = reread ? 'statement' : 'file';
    if (!reread) this.readAll();
    return this.analysis;
  }

  dispose(): void {
    this.tree.delete();
  }

  private chunkAt(index: number): number {
    const found = lastStartingBy(this.chunks, index);
    return found >= 0 && index < this.chunks[found].end ? found : -1;
  }

  private readAll(): void {
    const root = this.tree.rootNode;
    const index = new FileIndex(root, this.source);
    this.resolver = nameResolver(index.imports, this.options.module);
    this.mapsLayout = featureMapLayout(root, this.source, this.resolver.written);
    this.customs = withImported(
      readCustomNorms(index.classes, this.resolver, this.mapsLayout),
      this.resolver,
      this.mapsLayout,
      this.imported,
    );
    this.classNames = new Set(index.classes.map((c) => c.childForFieldName('name')?.text ?? ''));
    this.configs = configDefaults(index.classes);
    this.chunks = root.namedChildren
      .filter((n): n is Node => n !== null && n.type !== 'comment')
      .map((node) => ({
        start: node.startIndex,
        end: node.endIndex,
        startRow: node.startPosition.row,
        endRow: node.endPosition.row,
        type: node.type,
        asks: new Set<string>(),
        provides: new Set<string>(),
        linked: false,
        signature: REREADABLE.has(node.type) ? chunkSignature(node, this.customs) : '',
      }));
    let origin = -1;
    const tracker: FlowTracker = {
      asked: (question) => {
        if (origin >= 0) this.chunks[origin].asks.add(question);
      },
      used: (sourceIndex) => {
        const target = this.chunkAt(sourceIndex);
        if (origin >= 0 && target !== origin) {
          this.chunks[origin].linked = true;
          if (target >= 0) this.chunks[target].linked = true;
        }
      },
    };
    const flow = new NameFlow(index, this.resolver, this.customs, tracker);
    this.analysis = recognize({
      index,
      resolver: this.resolver,
      mapsLayout: this.mapsLayout,
      customs: this.customs,
      configs: this.configs,
      flow,
      beforeQuery: (call) => {
        origin = this.chunkAt(call.startIndex);
      },
    });
    for (const [chunk, provided] of this.providedBy(index)) this.chunks[chunk]?.provides.add(provided);
    // A site's uses in another statement link the two.
    for (const reference of this.analysis.references) {
      const from = this.rowChunk(reference.line - 1);
      const to = this.rowChunk(reference.layer.line - 1);
      if (from !== to) for (const c of [from, to]) if (c >= 0) this.chunks[c].linked = true;
    }
  }

  private rowChunk(row: number): number {
    return this.chunks.findIndex((c) => c.startRow <= row && row <= c.endRow);
  }

  /** The answers each call and module-level assignment of the index gives, with its statement. */
  private providedBy(index: FileIndex): [number, string][] {
    const found: [number, string][] = [];
    for (const call of index.calls) {
      const chunk = this.chunkAt(call.startIndex);
      const fn = call.childForFieldName('function');
      const callee = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (callee) found.push([chunk, `call:${callee}`]);
      for (const arg of call.childForFieldName('arguments')?.namedChildren ?? [])
        if (arg?.type === 'keyword_argument')
          found.push([chunk, `kw:${arg.childForFieldName('name')?.text}`]);
    }
    for (const assignment of index.assignments) {
      if (index.enclosing(assignment)) continue;
      const left = assignment.childForFieldName('left');
      if (left?.type === 'identifier') found.push([this.chunkAt(assignment.startIndex), `name:${left.text}`]);
    }
    return found;
  }

  /** Re-reads the one statement an edit stays inside, when nothing else can change; false otherwise. */
  private rereadStatement(edit: Edit): boolean {
    const k = this.chunkAt(edit.startIndex);
    if (k < 0) return false;
    const old = this.chunks[k];
    if (edit.oldEndIndex >= old.end || !REREADABLE.has(old.type) || old.linked) return false;
    if (!old.signature.endsWith('#false#false')) return false;
    const delta = edit.newEndIndex - edit.oldEndIndex;
    const root = this.tree.rootNode;
    const node = root.firstNamedChildForIndex(old.start);
    if (!node || node.startIndex !== old.start || node.endIndex !== old.end + delta || node.type !== old.type)
      return false;
    if (featureMapLayout(root, this.source, this.resolver.written) !== this.mapsLayout) return false;
    const range = {
      startIndex: node.startIndex,
      endIndex: node.endIndex,
      startPosition: node.startPosition,
      endPosition: node.endPosition,
    };
    const index = new FileIndex(root, this.source, range);
    const own = readCustomNorms(index.classes, this.resolver, this.mapsLayout);
    const customs = new Map(this.customs);
    for (const cls of index.classes) customs.delete(cls.childForFieldName('name')?.text ?? '');
    for (const [name, custom] of own) customs.set(name, custom);
    if (chunkSignature(node, customs) !== old.signature) return false;
    const asks = new Set<string>();
    const tracker: FlowTracker = { asked: (q) => asks.add(q), used: () => {} };
    const flow = new NameFlow(index, this.resolver, customs, tracker, this.classNames);
    const part = recognize({
      index,
      resolver: this.resolver,
      mapsLayout: this.mapsLayout,
      customs,
      configs: this.configs,
      flow,
    });
    const provides = new Set(this.providedBy(index).map(([, q]) => q));
    const others = this.chunks.filter((_, i) => i !== k);
    if (
      others.some((c) => [...asks].some((q) => c.provides.has(q)) || [...provides].some((q) => c.asks.has(q)))
    )
      return false;
    // The statement's results replace its old ones; everything after it moves by the lines it changed.
    const firstLine = old.startRow + 1;
    const lastLine = old.endRow + 1;
    const outside = (line: number) => line < firstLine || line > lastLine;
    const layers = this.analysis.layers.filter((l) => outside(l.line));
    const references = this.analysis.references.filter((r) => outside(r.line));
    const rowDelta = node.endPosition.row - old.endRow;
    shiftLines(layers, references, lastLine, rowDelta);
    this.analysis = {
      layers: [...layers, ...part.layers].sort((a, b) => a.line - b.line || a.column - b.column),
      references: [...references, ...part.references].sort((a, b) => a.line - b.line || a.column - b.column),
    };
    this.customs = customs;
    this.chunks[k] = { ...old, end: node.endIndex, endRow: node.endPosition.row, asks, provides };
    for (const chunk of this.chunks.slice(k + 1)) {
      chunk.start += delta;
      chunk.end += delta;
      chunk.startRow += rowDelta;
      chunk.endRow += rowDelta;
    }
    return true;
  }
}
