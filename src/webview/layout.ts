/**
 * The panel's page structure: header (title, shape, note, how the file was read), overview, controls,
 * status line, the detail's charts and outlier view, why normalize, the statistics tables and the
 * actions. Empty sections, filled by the components that own them; the status line is set here.
 */
import type { PanelInit, ReadAsOverrides } from '../shared/protocol';
import { chartFigure } from './detail-charts';
import { el } from './dom';
import { t } from './l10n';
import { methodTitle } from './method-words';
import { readAsLine } from './read-as';

export interface LayoutParts {
  /** The overview's "Apply advice" button, beside its title. */
  applyAdvice: HTMLElement;
  /** Posts the "Read as …" line's choices. */
  reread(overrides: ReadAsOverrides): void;
}

/** The dataset's shape: rows × columns of a table, or `name=extent` per tensor axis. */
function shapeText(init: PanelInit): string {
  const dataset = init.dataset;
  return dataset.kind === 'table'
    ? t('shapeTable', { rows: dataset.rowCount, columns: dataset.columns.length })
    : dataset.shape.map((n, i) => `${dataset.axisNames[i]}=${n}`).join(' · ');
}

/** The page's sections for `init`, in order. */
export function panelLayout(init: PanelInit, parts: LayoutParts): HTMLElement[] {
  const table = init.dataset.kind === 'table';
  const sections: (HTMLElement | null)[] = [
    el('header', {}, el('h1', { text: init.title }), el('p', { className: 'shape', text: shapeText(init) })),
    init.note ? el('p', { className: 'note', role: 'note', text: init.note }) : null,
    // Components that describe how the file was read or loaded sit here, above the overview.
    el(
      'div',
      { id: 'header-slot' },
      init.readAs ? readAsLine(init.readAs, (overrides) => parts.reread(overrides)) : null,
    ),
    el(
      'section',
      { id: 'overview', 'aria-labelledby': 'overview-title', hidden: !table },
      el(
        'div',
        { className: 'table-title' },
        el('h2', { id: 'overview-title', text: t('columns') }),
        parts.applyAdvice,
      ),
      el('div', { id: 'overview-body' }),
    ),
    el('section', { id: 'controls', 'aria-label': t('normalization') }),
    el('p', { id: 'status', role: 'status' }),
    el(
      'section',
      { id: 'charts', 'aria-label': t('distributions') },
      el('h2', { id: 'focus-title', text: t('distribution') }),
      el('p', { id: 'focus-advice', className: 'focus-advice' }),
      el('div', { className: 'pair' }, chartFigure('before', t('before')), chartFigure('after', t('after'))),
      el(
        'div',
        { id: 'outliers', className: 'outliers', hidden: !table },
        el('h2', {
          text:
            init.initialRequest.kind === 'table' && init.initialRequest.outlierReference
              ? t('outliersTraining')
              : t('outliersSame'),
        }),
        el(
          'div',
          { className: 'pair' },
          chartFigure('minmax', methodTitle('minmax', 'Min-max')),
          chartFigure('robust', methodTitle('robust', 'Robust (median / IQR)')),
        ),
      ),
    ),
    el(
      'section',
      { id: 'why', 'aria-labelledby': 'why-title', hidden: !table },
      el('h2', { id: 'why-title', text: t('whyTitle') }),
      el('div', { id: 'why-body' }),
    ),
    el(
      'section',
      { id: 'tables', 'aria-label': t('statistics') },
      el('div', { id: 'table-before' }),
      el('div', { id: 'table-after' }),
    ),
    el('section', { id: 'actions', 'aria-label': t('actions') }),
  ];
  return sections.filter((section): section is HTMLElement => section !== null);
}

/** Sets the status line: a polite status, or an alert for an error. */
export function setStatus(root: HTMLElement, text: string, error = false): void {
  const status = root.querySelector<HTMLElement>('#status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('error', error);
  status.setAttribute('role', error ? 'alert' : 'status');
}
