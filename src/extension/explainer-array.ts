/**
 * The user's selected array as the explainer's tensor (vscode-free, so unit-tested directly): an array
 * literal of rank 2 to 4 read as [N, C], [N, C, L] or [N, C, H, W], padded with unit axes to the
 * explainer's [N, C, H, W]. The explainer's shape controls go up to 64 per axis.
 */
import { parseArrayLiteral } from '../io/literal';
import type { ExplainerArray } from '../shared/protocol';

const MAX_EXTENT = 64;

/** The explainer's array for a selection, or a sentence saying why it cannot be one. */
export function explainerArrayFrom(text: string, where: string): ExplainerArray | string {
  let literal;
  try {
    literal = parseArrayLiteral(text, where);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { shape, data } = literal;
  if (shape.length < 2 || shape.length > 4)
    return `the explainer reads [N, C], [N, C, L] or [N, C, H, W]; the selection has shape [${shape.join(', ')}]`;
  const padded = [...shape, 1, 1].slice(0, 4);
  if (padded.some((extent) => extent < 1 || extent > MAX_EXTENT))
    return `the explainer draws up to ${MAX_EXTENT} per axis; the selection has shape [${shape.join(', ')}]`;
  return { shape: padded, values: Array.from(data), source: `${where}, shape [${shape.join(', ')}]` };
}
