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

/** The layout after permuting `layout` by `order` (torch's permute), e.g. NCHW by (0, 2, 3, 1) → NHWC. */
export function permuted(layout: string, order: readonly number[]): string | undefined {
  if (order.length !== layout.length || new Set(order).size !== order.length) return undefined;
  if (order.some((axis) => axis < 0 || axis >= layout.length)) return undefined;
  return order.map((axis) => layout[axis]).join('');
}

/** `x = x.permute(0, 2, 3, 1)` or `x = torch.permute(x, (0, 2, 3, 1))`, with an optional trailing comment. */
const PLAIN_PERMUTE =
  /^\s*(\w+)\s*=\s*(?:\1\.permute\(\s*|torch\.permute\(\s*\1\s*,\s*)[[(]?\s*([\d\s,]+?)\s*[\])]?\s*\)\s*(?:#.*)?$/;

/**
 * A plain permute on the statement right before line `line` (1-based; blank and comment lines
 * skipped), applied to the file's feature-map layout: what a channels-last LayerNorm then reduces.
 */
export function permuteBefore(
  lines: readonly string[],
  line: number,
  mapsLayout: string | undefined,
): string | undefined {
  let previous = line - 2;
  while (previous >= 0 && /^\s*(#.*)?$/.test(lines[previous])) previous--;
  const match = previous >= 0 ? PLAIN_PERMUTE.exec(lines[previous]) : null;
  if (!match) return undefined;
  const order = match[2].split(',').map((n) => Number(n.trim()));
  if (!order.every(Number.isInteger)) return undefined;
  const from = mapsLayout ?? (order.length === 4 ? 'NCHW' : undefined);
  return from ? permuted(from, order) : undefined;
}

/** The reading of a LayerNorm over the last axis of a permuted layout. */
export function lastAxisReading(layout: string): Reading {
  return { layout, reducedAxes: [layout[layout.length - 1]] };
}
