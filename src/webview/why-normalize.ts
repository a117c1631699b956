/**
 * "Why normalize" on the user's own columns: κ(XᵀX) before and after (how elongated a linear model's
 * squared-loss contours are, which slows gradient descent), the contours of the first two columns drawn
 * before and after, and the share of values in tanh's and the sigmoid's flat region.
 */
import { SIGMOID_FLAT_BEYOND, TANH_FLAT_BEYOND } from '../engine/advise/why-normalize';
import { formatPercent, formatSignificant } from '../engine/report/number-format';
import type { ViewPayload, WhyNormalizePayload } from '../shared/protocol';
import { el } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
/** Contours more elongated than this are drawn at this ratio (and said in words). */
const MAX_DRAWN_ELONGATION = 40;

/** The why-normalize section's content for a view, or a line saying what it needs. */
export function whyNormalizeContent(view: ViewPayload): HTMLElement[] {
  const why = view.why;
  if (!why) return [el('p', { text: 'Choose a method or apply the advice to compare before and after.' })];
  const { before, after, columns } = why;
  const pair = columns.slice(0, 2);
  return [
    el('p', {
      id: 'why-condition',
      text: `Condition number of XᵀX over ${before.rows} complete rows of ${columns.length} columns: ${condition(before)} before, ${condition(after)} after. A linear model's loss contours are √κ times longer than wide, so gradient descent zigzags across the narrow valley; near 1 it heads straight for the minimum.`,
    }),
    before.contour && after.contour
      ? el(
          'div',
          { className: 'pair' },
          contourFigure('before', `Before: loss contours over ${pair.join(' and ')}`, before.contour),
          contourFigure('after', `After: loss contours over ${pair.join(' and ')}`, after.contour),
        )
      : el('p', { text: 'Select two or more columns to see the loss contours.' }),
    el('p', {
      id: 'why-saturation',
      text: `Values in tanh's flat region (|x| > ${formatSignificant(TANH_FLAT_BEYOND, 3)}, slope under a tenth of its peak): ${share(before.tanhFlatShare)} before, ${share(after.tanhFlatShare)} after; in the sigmoid's (|x| > ${formatSignificant(SIGMOID_FLAT_BEYOND, 3)}): ${share(before.sigmoidFlatShare)} before, ${share(after.sigmoidFlatShare)} after. Saturated inputs pass almost no gradient.`,
    }),
  ];
}

function condition(w: WhyNormalizePayload): string {
  return `κ = ${Number.isFinite(w.condition) ? formatSignificant(w.condition, 3) : '∞ (collinear columns)'}`;
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
