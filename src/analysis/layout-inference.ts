/**
 * What a file says about the layout its layers see: the rank of its feature maps from the convolutions
 * and fixed-rank norms it names, and plain permutes right before a layer is called.
 */
import type { Node } from 'web-tree-sitter';
import type { Reading } from './layer-annotation';

const FIXED_RANK =
  /^torch\.nn\.(?:Lazy)?(?:Conv(?:Transpose)?|BatchNorm|InstanceNorm)([123])d$|^torch\.nn\.functional\.conv(?:_transpose)?([123])d$/;
const FIXED_RANK_MENTION =
  /(?<![\w.])(?:[A-Za-z_]\w*\.)*(?:Lazy)?(?:Conv(?:Transpose)?|conv(?:_transpose)?|BatchNorm|InstanceNorm)[123]d\b/g;

/**
 * The layout of a PyTorch file's feature maps, from the convolutions and BatchNorm/InstanceNorm it
 * names in code (calls, and class references such as torchaudio's `klass = nn.Conv2d if freq else
 * nn.Conv1d`): only 1-d ones (audio, sequences) → NCL, only 2-d → NCHW, only 3-d → NCDHW; none or a
 * mix → undefined. GroupNorm and SyncBatchNorm take any (N, C, *), so this is what says which of their
 * readings the file means.
 */
export function featureMapLayout(
  root: Node,
  source: string,
  resolveWritten: (written: string) => string | undefined,
): string | undefined {
  const dims = new Set<string>();
  for (const mention of source.matchAll(FIXED_RANK_MENTION)) {
    const match = FIXED_RANK.exec(resolveWritten(mention[0]) ?? '');
    if (!match) continue;
    // BatchNorm1d takes (N, C) as well as (N, C, L): only its 2-d and 3-d forms fix a rank.
    if (match[1] === '1' && /BatchNorm/.test(mention[0])) continue;
    // Code only: a name in a comment or a string says nothing about the maps.
    const node = root.descendantForIndex(mention.index);
    if (!node || node.type === 'comment' || node.type.startsWith('string')) continue;
    dims.add(match[1] ?? match[2]);
  }
  return dims.size === 1 ? { '1': 'NCL', '2': 'NCHW', '3': 'NCDHW' }[[...dims][0]] : undefined;
}

/** Integer arguments of a call (`permute(0, 2, 3, 1)` or `permute([0, 2, 3, 1])`), or undefined. */
function integerArguments(call: Node): number[] | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  const items =
    args.length === 1 && (args[0].type === 'list' || args[0].type === 'tuple')
      ? args[0].namedChildren.filter((n): n is Node => n !== null)
      : args;
  const values = items.map((n) => (n.type === 'integer' ? Number(n.text) : NaN));
  return values.length > 0 && values.every(Number.isInteger) ? values : undefined;
}

/** The layout after permuting `layout` by `order` (torch's permute), e.g. NCHW by (0, 2, 3, 1) → NHWC. */
export function permuted(layout: string, order: readonly number[]): string | undefined {
  if (order.length !== layout.length || new Set(order).size !== order.length) return undefined;
  if (order.some((axis) => axis < 0 || axis >= layout.length)) return undefined;
  return order.map((axis) => layout[axis]).join('');
}

/**
 * A plain `x = x.permute(…)` (or `torch.permute(x, …)`) on the statement right before `statement`,
 * applied to the file's feature-map layout: what a channels-last LayerNorm then reduces.
 */
export function permuteBefore(statement: Node, mapsLayout: string | undefined): string | undefined {
  let previous = statement.previousNamedSibling;
  while (previous?.type === 'comment') previous = previous.previousNamedSibling;
  if (!previous || previous.type !== 'expression_statement') return undefined;
  const assignment = previous.namedChildren[0];
  if (assignment?.type !== 'assignment') return undefined;
  const right = assignment.childForFieldName('right');
  if (right?.type !== 'call') return undefined;
  const fn = right.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'permute') return undefined;
  const order = integerArguments(right);
  const from = mapsLayout ?? (order?.length === 4 ? 'NCHW' : undefined);
  return order && from ? permuted(from, order) : undefined;
}

/** The reading of a LayerNorm over the last axis of a permuted layout. */
export function lastAxisReading(layout: string): Reading {
  return { layout, reducedAxes: [layout[layout.length - 1]] };
}
