/**
 * The explainer: the classic picture of an [N, C, H, W] tensor with the values one statistic of
 * BatchNorm, LayerNorm, InstanceNorm and GroupNorm reduces over highlighted, for an editable shape and
 * group count; the plans and the convention table for the chosen framework; statistics computed live by
 * the engine on the user's selected array or a seeded sample tensor. A second tab, "Why normalize": the loss contours of a two-feature
 * linear regression before and after scaling (with condition numbers) and sigmoid saturation.
 */
import { FRAMEWORKS, LAYER_CONVENTIONS, type Framework, type NormLayer } from '../engine/explain/conventions';
import { FRAMEWORK_APIS } from '../engine/explain/layer-apis';
import { describeMomentum, explainPlan, type ExplainPlan } from '../engine/explain/plan';
import { describeAxes } from '../engine/stats/describe';
import { tensor } from '../engine/tensor/tensor';
import type { ExplainerHostMessage } from '../shared/protocol';
import { el, formatValue } from './dom';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const PANELS: { layer: NormLayer; title: string }[] = [
  { layer: 'batchnorm', title: 'BatchNorm' },
  { layer: 'layernorm', title: 'LayerNorm' },
  { layer: 'instancenorm', title: 'InstanceNorm' },
  { layer: 'groupnorm', title: 'GroupNorm' },
];

const state = {
  shape: [8, 6, 4, 4],
  groups: 2,
  framework: 'torch' as Framework,
  focus: 'batchnorm' as NormLayer,
  /** The user's selected array (from the host), used while the shape is its shape. */
  array: undefined as { shape: number[]; values: Float64Array; source: string } | undefined,
};

function color(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

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

function drawPanel(canvas: HTMLCanvasElement, layer: NormLayer): void {
  const [N, C] = state.shape;
  const ctx = canvas.getContext('2d')!;
  const width = canvas.width;
  const height = canvas.height;
  const depth = 10;
  const cell = Math.min((width - 40 - depth) / C, (height - 40 - depth) / N);
  ctx.clearRect(0, 0, width, height);
  ctx.font = `12px ${color('--vscode-font-family', 'sans-serif')}`;
  const foreground = color('--vscode-foreground', '#888');
  const border = color('--vscode-editorWidget-border', '#666');
  const highlight = color('--vscode-charts-orange', '#d18616');
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

function planFor(layer: NormLayer): ExplainPlan | string {
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

/** The user's array when the shape is its shape, else a seeded sample tensor; NCHW either way. */
function liveTensor(): Float64Array {
  const array = state.array;
  if (array && array.shape.every((extent, i) => extent === state.shape[i])) return array.values;
  return sampleTensor();
}

function liveSource(): string {
  const array = state.array;
  return array && array.shape.every((extent, i) => extent === state.shape[i])
    ? `Live statistics of your selection (${array.source}).`
    : 'Live statistics of a seeded sample tensor (select an array literal and run the command to use yours).';
}

/** A seeded sample tensor (so the live numbers are reproducible), NCHW. */
function sampleTensor(): Float64Array {
  const size = state.shape.reduce((a, b) => a * b, 1);
  let seed = 12345;
  return Float64Array.from({ length: size }, (_, i) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const channel = Math.floor(i / (state.shape[2] * state.shape[3])) % state.shape[1];
    return (seed / 2147483648 - 0.5) * 4 + channel * 3;
  });
}

function liveStatistics(layer: NormLayer): string {
  const x = tensor(liveTensor(), state.shape);
  const axes = layer === 'batchnorm' ? [0, 2, 3] : layer === 'instancenorm' ? [2, 3] : [1, 2, 3];
  if (layer === 'groupnorm') {
    const [N, C, H, W] = state.shape;
    if (C % state.groups !== 0) return '—';
    const grouped = tensor(x.data, [N, state.groups, (C / state.groups) * H * W]);
    const first = describeAxes(grouped, [2]).summaries;
    return `${first.length} means, first ${first
      .slice(0, 3)
      .map((s) => formatValue(s.mean))
      .join(', ')}`;
  }
  const summaries = describeAxes(x, axes).summaries;
  return `${summaries.length} means, first ${summaries
    .slice(0, 3)
    .map((s) => formatValue(s.mean))
    .join(', ')}`;
}

function renderPictures(root: HTMLElement): void {
  root.querySelector('#source')!.textContent = liveSource();
  const grid = root.querySelector('#pictures')!;
  grid.replaceChildren(
    ...PANELS.map(({ layer, title }) => {
      const canvas = el('canvas', {
        width: 260,
        height: 200,
        role: 'img',
        'aria-label': `${title}: the values of one statistic, highlighted`,
      });
      drawPanel(canvas, layer);
      const plan = planFor(layer);
      const caption =
        typeof plan === 'string'
          ? plan
          : `over ${plan.reducedAxisNames.join(', ')} · ${plan.valuesPerStatistic} values per statistic · ${plan.statisticsPerBatch} per batch`;
      return el(
        'figure',
        { id: `panel-${layer}` },
        el('figcaption', { text: title }),
        canvas,
        el('p', { className: 'plan', text: caption }),
        el('p', { className: 'live', text: `live: ${liveStatistics(layer)}` }),
      );
    }),
  );
  const notes = root.querySelector('#notes')!;
  notes.replaceChildren(
    el('li', {
      text: 'BatchNorm normalizes each channel over N, H, W: its statistics depend on the rest of the batch, so eval uses running averages.',
    }),
    el('li', {
      text: 'LayerNorm normalizes each sample over its normalized_shape: C, H, W for images, C for tokens (B, T, C).',
    }),
    el('li', { text: 'GroupNorm(1, C) is LayerNorm over C, H, W; GroupNorm(C, C) is InstanceNorm.' }),
  );
}

function renderConventions(root: HTMLElement): void {
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
        ...['layer', 'API', 'eps', 'momentum', 'running variance'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
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
          el('td', { text: c.eps === 'dtype-eps' ? 'dtype eps' : String(c.eps) }),
          el('td', { text: describeMomentum(c.momentum, c.momentumConvention) }),
          el('td', { text: c.runningVariance ?? '—' }),
        ),
      ),
    ),
  );
  root.querySelector('#convention-table')!.replaceChildren(table);
}

/** Condition number of XᵀX/n for two features, and the loss contours (ellipses) it implies. */
function conditionNumber(a: number, b: number, c: number): number {
  // eigenvalues of [[a, b], [b, c]]
  const mean = (a + c) / 2;
  const spread = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return (mean + spread) / (mean - spread);
}

function renderWhy(root: HTMLElement): void {
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
    ctx.strokeStyle = color('--vscode-charts-blue', '#3794ff');
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
    'aria-label': 'Loss contours before scaling',
  });
  const after = el('canvas', {
    id: 'contours-after',
    width: 260,
    height: 240,
    role: 'img',
    'aria-label': 'Loss contours after scaling',
  });
  contours(before, moments(rooms, rooms), moments(rooms, price), moments(price, price));
  contours(after, moments(zr, zr), moments(zr, zp), moments(zp, zp));
  const saturated = (xs: number[]) => xs.filter((x) => Math.abs(x) > 4).length;
  const rawInputs = [...rooms, ...price.map((p) => p / 1000)];
  const standardized = [...zr, ...zp];
  root.querySelector('#why')!.replaceChildren(
    el('h2', { text: 'Loss contours of a two-feature linear regression (rooms, price)' }),
    el(
      'div',
      { className: 'pair' },
      el(
        'figure',
        {},
        el('figcaption', {
          id: 'kappa-before',
          text: `Before scaling: condition number ${formatValue(raw)}`,
        }),
        before,
      ),
      el(
        'figure',
        {},
        el('figcaption', {
          id: 'kappa-after',
          text: `After z-scores: condition number ${formatValue(scaled)}`,
        }),
        after,
      ),
    ),
    el('p', {
      text: 'Gradient descent zig-zags across long, thin contours; after scaling they are nearly round and one learning rate suits both weights.',
    }),
    el('h2', { text: 'Sigmoid saturation' }),
    el('p', {
      id: 'saturation',
      text: `Unscaled inputs (price in thousands): ${saturated(rawInputs)} of ${rawInputs.length} sit where the sigmoid is flat (|x| > 4) and its gradient vanishes; standardized: ${saturated(standardized)} of ${standardized.length}.`,
    }),
  );
}

function render(root: HTMLElement): void {
  renderPictures(root);
  renderConventions(root);
  renderWhy(root);
  root.dataset.ready = '1';
}

function start(): void {
  const api = acquireVsCodeApi();
  const root = document.getElementById('app')!;
  const number = (id: string, label: string, value: number) => {
    const input = el('input', {
      id,
      type: 'number',
      min: 1,
      step: 1,
      value: String(value),
      'aria-label': label,
    });
    return input;
  };
  const inputs = ['N', 'C', 'H', 'W'].map((name, i) => number(`shape-${name}`, name, state.shape[i]));
  const groups = number('groups', 'Groups', state.groups);
  const framework = el('select', { id: 'framework', 'aria-label': 'Framework' });
  for (const f of FRAMEWORKS) framework.append(el('option', { value: f, text: FRAMEWORK_APIS[f].title }));
  const update = () => {
    state.shape = inputs.map((input) => Math.max(1, Math.min(64, Math.floor(Number(input.value) || 1))));
    state.groups = Math.max(1, Math.floor(Number(groups.value) || 1));
    state.framework = framework.value as Framework;
    render(root);
  };
  for (const input of [...inputs, groups]) input.addEventListener('change', update);
  framework.addEventListener('change', update);
  const tabs = el('div', { role: 'tablist' });
  const explainTab = el('button', {
    id: 'tab-explain',
    role: 'tab',
    'aria-selected': 'true',
    text: 'BatchNorm vs LayerNorm',
  });
  const whyTab = el('button', {
    id: 'tab-why',
    role: 'tab',
    'aria-selected': 'false',
    text: 'Why normalize',
  });
  tabs.append(explainTab, whyTab);
  const explainPanel = el(
    'section',
    { id: 'explain', role: 'tabpanel' },
    el(
      'div',
      { id: 'controls' },
      el(
        'label',
        {},
        'Shape ',
        ...inputs.flatMap((input, i) => [el('span', { text: `${'NCHW'[i]}=` }), input]),
      ),
      el('label', {}, 'Groups ', groups),
      el('label', {}, 'Framework ', framework),
    ),
    el('p', { id: 'source' }),
    el('div', { id: 'pictures', className: 'pair' }),
    el('ul', { id: 'notes' }),
    el('h2', { text: 'Conventions' }),
    el('div', { id: 'convention-table' }),
  );
  const whyPanel = el('section', { id: 'why', role: 'tabpanel', hidden: true });
  const select = (why: boolean) => {
    explainPanel.hidden = why;
    whyPanel.hidden = !why;
    explainTab.setAttribute('aria-selected', String(!why));
    whyTab.setAttribute('aria-selected', String(why));
  };
  explainTab.addEventListener('click', () => select(false));
  whyTab.addEventListener('click', () => select(true));
  root.replaceChildren(
    el('h1', { text: 'BatchNorm, LayerNorm, InstanceNorm, GroupNorm: which values share a statistic' }),
    tabs,
    explainPanel,
    whyPanel,
  );
  window.addEventListener('message', (event: MessageEvent<ExplainerHostMessage>) => {
    if (event.data.type !== 'explainerInit') return;
    state.framework = event.data.framework;
    state.focus = event.data.layer;
    framework.value = state.framework;
    const array = event.data.array;
    if (array) {
      state.array = { shape: array.shape, values: Float64Array.from(array.values), source: array.source };
      state.shape = [...array.shape];
      inputs.forEach((input, i) => (input.value = String(state.shape[i])));
      // keep GroupNorm drawable: the largest group count up to the current one that divides C
      while (state.shape[1] % state.groups !== 0) state.groups--;
      groups.value = String(state.groups);
    }
    render(root);
    root.querySelector(`#panel-${state.focus}`)?.classList.add('focus');
  });
  new MutationObserver(() => render(root)).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });
  render(root);
  api.postMessage({ type: 'ready' });
}

start();
