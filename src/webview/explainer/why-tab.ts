/**
 * The explainer's "Why normalize" tab: the loss contours of a two-feature linear regression before and
 * after z-scores, with the condition numbers of XᵀX/n, and how many inputs sit in a sigmoid's flat region.
 */
import { el, formatValue } from '../dom';
import { t } from '../l10n';
import { themeColor } from './state';

/** Condition number of XᵀX/n for two features, and the loss contours (ellipses) it implies. */
function conditionNumber(a: number, b: number, c: number): number {
  // eigenvalues of [[a, b], [b, c]]
  const mean = (a + c) / 2;
  const spread = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return (mean + spread) / (mean - spread);
}

export function renderWhy(root: HTMLElement): void {
  // rooms (1–6) and price (60k–310k): the features of samples/arrays.py
  const rooms = [3, 2, 4, 1, 3, 5, 2, 4];
  const price = [185000, 99000, 310000, 62000, 149000, 280000, 120000, 230000];
  const moments = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0) / x.length;
  const standardize = (x: number[]) => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length);
    return x.map((v) => (v - m) / sd);
  };
  const raw = conditionNumber(moments(rooms, rooms), moments(rooms, price), moments(price, price));
  const zr = standardize(rooms);
  const zp = standardize(price);
  const scaled = conditionNumber(moments(zr, zr), moments(zr, zp), moments(zp, zp));
  const contours = (canvas: HTMLCanvasElement, a: number, b: number, c: number) => {
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.strokeStyle = themeColor('--vscode-charts-blue', '#3794ff');
    const mean = (a + c) / 2;
    const spread = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const [l1, l2] = [mean + spread, mean - spread];
    const angle = 0.5 * Math.atan2(2 * b, a - c);
    for (let level = 1; level <= 5; level++) {
      // loss = w'Hw: an ellipse with semi-axes ∝ 1/√λ, drawn on a common scale so the shapes compare
      const rx = (level * 12) / Math.sqrt(l1 / l2 > 1e6 ? 1e6 : l1 / Math.max(l2, 1e-300)) + 2;
      const ry = level * 12;
      ctx.beginPath();
      ctx.ellipse(
        canvas.width / 2,
        canvas.height / 2,
        Math.min(rx, 110),
        Math.min(ry, 110),
        Math.PI / 2 - angle,
        0,
        2 * Math.PI,
      );
      ctx.stroke();
    }
  };
  const before = el('canvas', {
    id: 'contours-before',
    width: 260,
    height: 240,
    role: 'img',
    'aria-label': t('contoursBeforeLabel'),
  });
  const after = el('canvas', {
    id: 'contours-after',
    width: 260,
    height: 240,
    role: 'img',
    'aria-label': t('contoursAfterLabel'),
  });
  contours(before, moments(rooms, rooms), moments(rooms, price), moments(price, price));
  contours(after, moments(zr, zr), moments(zr, zp), moments(zp, zp));
  const saturated = (xs: number[]) => xs.filter((x) => Math.abs(x) > 4).length;
  const rawInputs = [...rooms, ...price.map((p) => p / 1000)];
  const standardized = [...zr, ...zp];
  root.querySelector('#why')!.replaceChildren(
    el('h2', { text: t('contoursHeading') }),
    el(
      'div',
      { className: 'pair' },
      el(
        'figure',
        {},
        el('figcaption', {
          id: 'kappa-before',
          text: t('kappaBefore', { kappa: formatValue(raw) }),
        }),
        before,
      ),
      el(
        'figure',
        {},
        el('figcaption', {
          id: 'kappa-after',
          text: t('kappaAfter', { kappa: formatValue(scaled) }),
        }),
        after,
      ),
    ),
    el('p', {
      text: t('zigzag'),
    }),
    el('h2', { text: t('sigmoidHeading') }),
    el('p', {
      id: 'saturation',
      text: t('sigmoidSaturation', {
        rawFlat: saturated(rawInputs),
        rawCount: rawInputs.length,
        scaledFlat: saturated(standardized),
        scaledCount: standardized.length,
      }),
    }),
  );
}
