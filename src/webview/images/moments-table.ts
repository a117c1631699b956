/** A table of per-channel mean, std, min and max (before, or after a transform), one row per channel. */
import type { ImageMomentsPayload } from '../../shared/image-protocol';
import { el, formatValue } from '../dom';
import { t } from '../l10n';

export function momentsTable(
  id: string,
  caption: string,
  rows: { name: string; moments: ImageMomentsPayload }[],
): HTMLTableElement {
  const fields = ['mean', 'std', 'min', 'max'] as const;
  const headers = [t('imageHeaderMean'), t('imageHeaderStd'), t('imageHeaderMin'), t('imageHeaderMax')];
  return el(
    'table',
    { id },
    el('caption', { text: caption }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: t('imageHeaderChannel') }),
        ...headers.map((text) => el('th', { scope: 'col', text })),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map(({ name, moments }) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: name }),
          // the full float64 value rides along for readers that want more than 6 digits
          ...fields.map((f) => el('td', { text: formatValue(moments[f]), 'data-value': String(moments[f]) })),
        ),
      ),
    ),
  );
}
