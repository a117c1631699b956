/**
 * The detail's charts: a figure per histogram (canvas, the counts line, and its text alternative, a
 * table of each bin's range and count behind a toggle), and drawing one from its payload.
 */
import type { HistogramPayload } from '../shared/protocol';
import { binLabel, drawHistogram } from './charts';
import { el } from './dom';
import { t } from './l10n';

/** A histogram's figure, filled by drawDetailChart: canvas, counts line, and the bins table behind a toggle. */
export function chartFigure(id: string, caption: string): HTMLElement {
  return el(
    'figure',
    {},
    el('figcaption', { text: caption }),
    el('canvas', {
      id: `chart-${id}`,
      width: 420,
      height: 220,
      role: 'img',
      'aria-label': t('histogramOf', { chart: caption }),
    }),
    el('p', { id: `counts-${id}`, className: 'counts' }),
    el(
      'details',
      { className: 'bins-table' },
      el('summary', { text: t('binsAndCounts', { chart: caption }) }),
      el('div', { id: `bins-${id}` }),
    ),
  );
}

/** A chart's text alternative: each bin's range and count. */
function binsTable(histogram: HistogramPayload, id: string): HTMLElement {
  return el(
    'table',
    { id: `bins-table-${id}` },
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col', text: t('bin') }), el('th', { scope: 'col', text: t('count') })),
    ),
    el(
      'tbody',
      {},
      ...Array.from(histogram.counts, (count, i) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: binLabel(histogram, i) }),
          el('td', { text: String(count) }),
        ),
      ),
    ),
  );
}

/** Draws one histogram into its figure (by id) with a theme colour, and fills its counts and bins table. */
export function drawDetailChart(
  root: HTMLElement,
  logY: boolean,
  id: string,
  histogram: HistogramPayload,
  color: string,
): void {
  const canvas = root.querySelector<HTMLCanvasElement>(`#chart-${id}`);
  if (!canvas) return;
  drawHistogram(canvas, histogram, color, { logY });
  root.querySelector(`#bins-${id}`)?.replaceChildren(binsTable(histogram, id));
  const counts = root.querySelector<HTMLElement>(`#counts-${id}`)!;
  const total = histogram.counts.reduce((s, c) => s + c, 0);
  counts.textContent = t('countsLine', {
    total,
    nan: histogram.missing,
    positive: histogram.positiveInfinities,
    negative: histogram.negativeInfinities,
  });
}
