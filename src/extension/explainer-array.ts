/**
 * The user's selected array as the explainer's tensor (vscode-free, so unit-tested directly): an array
 * literal of rank 2 to 4 read as [N, C], [N, C, L] or [N, C, H, W], padded with unit axes to the
 * explainer's [N, C, H, W]. The explainer's shape controls go up to 64 per axis.
 */
import { parseArrayLiteral } from '../io/literal';
import { ENGLISH_L10N, type L10n } from '../shared/l10n';
import type { ExplainerArray } from '../shared/protocol';

const MAX_EXTENT = 64;

/** The explainer's array for a selection, or a sentence saying why it cannot be one. */
export function explainerArrayFrom(
  text: string,
  where: string,
  l10n: L10n = ENGLISH_L10N,
): ExplainerArray | string {
  let literal;
  try {
    literal = parseArrayLiteral(text, where);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { shape, data } = literal;
  if (shape.length < 2 || shape.length > 4)
    return l10n.t(
      'the explainer reads [N, C], [N, C, L] or [N, C, H, W]; the selection has shape [{0}]',
      shape.join(', '),
    );
  const padded = [...shape, 1, 1].slice(0, 4);
  if (padded.some((extent) => extent < 1 || extent > MAX_EXTENT))
    return l10n.t(
      'the explainer draws up to {0} per axis; the selection has shape [{1}]',
      MAX_EXTENT,
      shape.join(', '),
    );
  return {
    shape: padded,
    values: Array.from(data),
    source: l10n.t('{0}, shape [{1}]', where, shape.join(', ')),
  };
}
