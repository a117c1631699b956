/** The explainer's conventions table: eps, momentum and running variance of each layer, for one framework. */
import { LAYER_CONVENTIONS } from '../../engine/explain/conventions';
import { describeMomentum } from '../../engine/explain/plan';
import { el } from '../dom';
import { t } from '../l10n';
import type { ExplainerState } from './state';

export function renderConventions(root: HTMLElement, state: ExplainerState): void {
  const rows = LAYER_CONVENTIONS.filter((c) => c.framework === state.framework);
  const table = el(
    'table',
    { id: 'conventions' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(
          [
            'conventionLayer',
            'conventionApi',
            'conventionEps',
            'conventionMomentum',
            'conventionRunningVariance',
          ] as const
        ).map((h) => el('th', { scope: 'col', text: t(h) })),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((c) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: c.layer }),
          el('td', { text: c.api }),
          el('td', { text: c.eps === 'dtype-eps' ? t('dtypeEps') : String(c.eps) }),
          el('td', { text: describeMomentum(c.momentum, c.momentumConvention) }),
          el('td', { text: c.runningVariance ?? '—' }),
        ),
      ),
    ),
  );
  root.querySelector('#convention-table')!.replaceChildren(table);
}
