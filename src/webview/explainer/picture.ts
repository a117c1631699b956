/**
 * The explainer's picture: for each of BatchNorm, LayerNorm, InstanceNorm and GroupNorm, the [N, C]
 * grid of an [N, C, H, W] tensor with the values of one statistic highlighted, the framework's plan for
 * the shape (reduced axes, values per statistic) and live statistics from the engine.
 */
import type { NormLayer } from '../../engine/explain/conventions';
import { FRAMEWORK_APIS } from '../../engine/explain/layer-apis';
import { explainPlan, type ExplainPlan } from '../../engine/explain/plan';
import { describeAxes } from '../../engine/stats/describe';
import { tensor } from '../../engine/tensor/tensor';
import { el, formatValue } from '../dom';
import { t } from '../l10n';
import { liveTensor, themeColor, usesArray, type ExplainerState } from './state';

const PANELS: { layer: NormLayer; title: string }[] = [
  { layer: 'batchnorm', title: 'BatchNorm' },
  { layer: 'layernorm', title: 'LayerNorm' },
  { layer: 'instancenorm', title: 'InstanceNorm' },
  { layer: 'groupnorm', title: 'GroupNorm' },
];

/** Whether cell (n, c) belongs to the first statistic of a layer (spatial positions always do, but for BN across N). */
function inFirstStatistic(layer: NormLayer, n: number, c: number, channels: number, groups: number): boolean {
  switch (layer) {
    case 'batchnorm':
      return c === 0;
    case 'layernorm':
    case 'rmsnorm':
      return n === 0;
    case 'instancenorm':
      return n === 0 && c === 0;
    case 'groupnorm':
      return n === 0 && c < channels / groups;
    case 'unitnorm':
      return false; // not drawn: the explainer shows the four statistics-based norms
  }
}

function drawPanel(canvas: HTMLCanvasElement, layer: NormLayer, state: ExplainerState): void {
  const [N, C] = state.shape;
  const ctx = canvas.getContext('2d')!;
  const width = canvas.width;
  const height = canvas.height;
  const depth = 10;
  const cell = Math.min((width - 40 - depth) / C, (height - 40 - depth) / N);
  ctx.clearRect(0, 0, width, height);
  ctx.font = `12px ${themeColor('--vscode-font-family', 'sans-serif')}`;
  const foreground = themeColor('--vscode-foreground', '#888');
  const border = themeColor('--vscode-editorWidget-border', '#666');
  const highlight = themeColor('--vscode-charts-orange', '#d18616');
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const x = 30 + c * cell;
      const y = 20 + depth + n * cell;
      const on = inFirstStatistic(layer, n, c, C, state.groups);
      // the H·W face behind each (n, c) cell, drawn as a shifted square: every spatial value is included
      ctx.fillStyle = on ? highlight : 'transparent';
      ctx.strokeStyle = border;
      ctx.globalAlpha = on ? 0.45 : 1;
      ctx.fillRect(x + depth / 2, y - depth / 2, cell - 1, cell - 1);
      ctx.globalAlpha = 1;
      ctx.fillStyle = on ? highlight : 'transparent';
      ctx.fillRect(x, y, cell - 1, cell - 1);
      ctx.strokeRect(x, y, cell - 1, cell - 1);
    }
  }
  ctx.fillStyle = foreground;
  ctx.fillText('C →', 30, 14);
  ctx.save();
  ctx.translate(14, 30 + depth);
  ctx.rotate(Math.PI / 2);
  ctx.fillText('N →', 0, 0);
  ctx.restore();
}

function planFor(layer: NormLayer, state: ExplainerState): ExplainPlan | string {
  const { channelsLast, layerShapeArgument } = FRAMEWORK_APIS[state.framework];
  const [N, C, H, W] = state.shape;
  const shape = channelsLast ? [N, H, W, C] : [N, C, H, W];
  try {
    return explainPlan({
      layer,
      framework: state.framework,
      shape,
      numGroups: layer === 'groupnorm' ? state.groups : undefined,
      normalizedShape:
        layerShapeArgument === 'normalized-trailing' && (layer === 'layernorm' || layer === 'rmsnorm')
          ? [C, H, W]
          : undefined,
      axis: layerShapeArgument === 'reduced-axes' && layer === 'layernorm' ? [1, 2, 3] : undefined,
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function liveSource(state: ExplainerState): string {
  return usesArray(state) ? t('liveSelection', { source: state.array!.source }) : t('liveSample');
}

function liveStatistics(layer: NormLayer, state: ExplainerState): string {
  const x = tensor(liveTensor(state), state.shape);
  const axes = layer === 'batchnorm' ? [0, 2, 3] : layer === 'instancenorm' ? [2, 3] : [1, 2, 3];
  if (layer === 'groupnorm') {
    const [N, C, H, W] = state.shape;
    if (C % state.groups !== 0) return '—';
    const grouped = tensor(x.data, [N, state.groups, (C / state.groups) * H * W]);
    const first = describeAxes(grouped, [2]).summaries;
    return liveLine(first.map((s) => s.mean));
  }
  const summaries = describeAxes(x, axes).summaries;
  return liveLine(summaries.map((s) => s.mean));
}

/** How many means a layer computes, and the first three. */
function liveLine(means: number[]): string {
  return t('liveLine', { count: means.length, means: means.slice(0, 3).map(formatValue).join(', ') });
}

export function renderPictures(root: HTMLElement, state: ExplainerState): void {
  root.querySelector('#source')!.textContent = liveSource(state);
  const grid = root.querySelector('#pictures')!;
  grid.replaceChildren(
    ...PANELS.map(({ layer, title }) => {
      const canvas = el('canvas', {
        width: 260,
        height: 200,
        role: 'img',
        'aria-label': t('pictureLabel', { layer: title }),
      });
      drawPanel(canvas, layer, state);
      const plan = planFor(layer, state);
      const caption =
        typeof plan === 'string'
          ? plan
          : t('planCaption', {
              axes: plan.reducedAxisNames.join(', '),
              values: plan.valuesPerStatistic,
              count: plan.statisticsPerBatch,
            });
      return el(
        'figure',
        { id: `panel-${layer}` },
        el('figcaption', { text: title }),
        canvas,
        el('p', { className: 'plan', text: caption }),
        el('p', { className: 'live', text: liveStatistics(layer, state) }),
      );
    }),
  );
  const notes = root.querySelector('#notes')!;
  notes.replaceChildren(
    el('li', {
      text: t('noteBatchnorm'),
    }),
    el('li', {
      text: t('noteLayernorm'),
    }),
    el('li', { text: t('noteGroupnorm') }),
  );
}
