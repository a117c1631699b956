/**
 * One pass of typed node lists over a parsed file (tree-sitter collects them inside WebAssembly) and the
 * nesting of its classes and functions by byte range, so that "which function holds this node" is a
 * binary search rather than a walk up `node.parent` (which tree-sitter answers by descending from the
 * root each time).
 */
import type { Node, Point } from 'web-tree-sitter';

export interface Region {
  node: Node;
  kind: 'class' | 'function';
  start: number;
  end: number;
  parent?: Region;
}

/** Part of a file: one top-level statement, for re-reading only what an edit touched. */
export interface IndexRange {
  startIndex: number;
  endIndex: number;
  startPosition: Point;
  endPosition: Point;
}

const INDEXED = [
  'call',
  'class_definition',
  'function_definition',
  'assignment',
  'import_statement',
  'import_from_statement',
];

/** Every indexed node of the file (or range) in one walk of the tree, by type. */
function typed(root: Node, range: IndexRange | undefined): Map<string, Node[]> {
  const found = range
    ? root.descendantsOfType(INDEXED, range.startPosition, range.endPosition)
    : root.descendantsOfType(INDEXED);
  const byType = new Map<string, Node[]>(INDEXED.map((type) => [type, []]));
  for (const node of found) {
    if (!node || (range && (node.startIndex < range.startIndex || node.endIndex > range.endIndex))) continue;
    byType.get(node.type)?.push(node);
  }
  return byType;
}

/** The last of `ranges` (sorted by start) that starts at or before `index`; -1 when none does. */
export function lastStartingBy(ranges: readonly { start: number }[], index: number): number {
  let low = 0;
  let high = ranges.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ranges[middle].start <= index) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export class FileIndex {
  readonly calls: Node[];
  readonly classes: Node[];
  readonly functions: Node[];
  readonly assignments: Node[];
  readonly imports: Node[];
  /** The source's lines, for readings taken from the text around a call. */
  readonly lines: string[];
  private readonly regions: Region[];

  constructor(
    readonly root: Node,
    readonly source: string,
    range?: IndexRange,
  ) {
    const byType = typed(root, range);
    this.calls = byType.get('call')!;
    this.classes = byType.get('class_definition')!;
    this.functions = byType.get('function_definition')!;
    this.assignments = byType.get('assignment')!;
    this.imports = [...byType.get('import_statement')!, ...byType.get('import_from_statement')!].sort(
      (a, b) => a.startIndex - b.startIndex,
    );
    this.lines = source.split('\n');
    const regions: Region[] = [
      ...this.classes.map((node) => ({
        node,
        kind: 'class' as const,
        start: node.startIndex,
        end: node.endIndex,
      })),
      ...this.functions.map((node) => ({
        node,
        kind: 'function' as const,
        start: node.startIndex,
        end: node.endIndex,
      })),
    ].sort((a, b) => a.start - b.start || b.end - a.end);
    const stack: Region[] = [];
    for (const region of regions) {
      while (stack.length > 0 && stack[stack.length - 1].end <= region.start) stack.pop();
      region.parent = stack[stack.length - 1];
      stack.push(region);
    }
    this.regions = regions;
  }

  /** The innermost class or function (of `kind`, when given) strictly holding `node`. */
  enclosing(node: Node, kind?: Region['kind']): Region | undefined {
    const at = node.startIndex;
    const found = lastStartingBy(this.regions, at);
    for (let region = this.regions[found] as Region | undefined; region; region = region.parent) {
      if (region.end <= at || region.node.id === node.id) continue;
      if (!kind || region.kind === kind) return region;
    }
    return undefined;
  }
}
