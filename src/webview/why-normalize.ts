/**
 * "Why normalize" on the user's own columns: κ(XᵀX) before and after (how elongated a linear model's
 * squared-loss contours are, which slows gradient descent), the contours of the first two columns drawn
 * before and after, and the share of values in tanh's and the sigmoid's flat region.
 */
import { SIGMOID_FLAT_BEYOND, TANH_FLAT_BEYOND } from '../engine/advise/why-normalize';
import { formatPercent, formatSignificant } from '../engine/report/number-format';
import type { ViewPayload, WhyNormalizePayload } from '../shared/protocol';
import { el } from './dom';
import { t } from './l10n';

const SVG = 'http://www.w3.org/2000/svg';
/** Contours more elongated than this are drawn at this ratio (and said in words). */
const MAX_DRAWN_ELONGATION = 40;

/** The why-normalize section's content for a view, or a line saying what it needs. */
export function whyNormalizeContent(view: ViewPayload): HTMLElement[] {
  const why = view.why;
  if (!why) return [el('p', { text: t('whyNone') })];
  const { before, after, columns } = why;
  const pair = columns.slice(0, 2);
  return [
    el('p', {
      id: 'why-condition',
      text: t('whyCondition', {
        rows: before.rows,
        columns: columns.length,
        before: condition(before),
        after: condition(after),
      }),
    }),
    before.contour && after.contour
      ? el(
          'div',
          { className: 'pair' },
          contourFigure(
            'before',
            t('whyContours', { when: t('before'), columns: pair.join(', ') }),
            before.contour,
          ),
          contourFigure(
            'after',
            t('whyContours', { when: t('after'), columns: pair.join(', ') }),
            after.contour,
          ),
        )
      : el('p', { text: t('whyTwoColumns') }),
    el('p', {
      id: 'why-saturation',
      text: t('whySaturation', {
        tanh: formatSignificant(TANH_FLAT_BEYOND, 3),
        tanhBefore: share(before.tanhFlatShare),
        tanhAfter: share(after.tanhFlatShare),
        sigmoid: formatSignificant(SIGMOID_FLAT_BEYOND, 3),
        sigmoidBefore: share(before.sigmoidFlatShare),
        sigmoidAfter: share(after.sigmoidFlatShare),
      }),
    }),
  ];
}

function condition(w: WhyNormalizePayload): string {
  return `κ = ${Number.isFinite(w.condition) ? formatSignificant(w.condition, 3) : t('whyCollinear')}`;
}

function share(value: number): string {
  return Number.isNaN(value) ? '—' : formatPercent(value);
}

function contourFigure(
  id: string,
  caption: string,
  contour: { elongation: number; angle: number },
): HTMLElement {
  const size = 180;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `contours contours-${id}`);
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  const drawn = Math.min(contour.elongation, MAX_DRAWN_ELONGATION);
  svg.setAttribute(
    'aria-label',
    `${caption}: ellipses ${formatSignificant(contour.elongation, 3)} times longer than wide${drawn < contour.elongation ? ` (drawn at ${MAX_DRAWN_ELONGATION})` : ''}`,
  );
  const degrees = (-contour.angle * 180) / Math.PI; // SVG's y axis points down
  for (const level of [1, 0.7, 0.4]) {
    const ellipse = document.createElementNS(SVG, 'ellipse');
    const long = (size / 2 - 6) * level;
    ellipse.setAttribute('cx', String(size / 2));
    ellipse.setAttribute('cy', String(size / 2));
    ellipse.setAttribute('rx', String(long));
    ellipse.setAttribute('ry', String(Math.max(long / drawn, 0.75)));
    ellipse.setAttribute('transform', `rotate(${degrees} ${size / 2} ${size / 2})`);
    svg.append(ellipse);
  }
  return el(
    'figure',
    {},
    el('figcaption', { text: caption }),
    svg,
    el('p', { className: 'counts', text: `${formatSignificant(contour.elongation, 3)} : 1` }),
  );
}
