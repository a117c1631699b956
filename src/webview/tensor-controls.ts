/**
 * The tensor controls: the axis picker (each axis a toggle: reduced or kept), the layer presets that
 * set the reduced axes, GroupNorm's group count and whether to normalize.
 */
import { presetAxes, type TensorPreset } from '../engine/report/presets';
import type { ReportRequest } from '../engine/report/report';
import type { PanelInit } from '../shared/protocol';
import { el } from './dom';
import { t, type PanelMessageKey } from './l10n';

const PRESETS: { preset: Exclude<TensorPreset, 'custom'>; label: PanelMessageKey }[] = [
  { preset: 'batchnorm', label: 'presetBatchnorm' },
  { preset: 'layernorm', label: 'presetLayernorm' },
  { preset: 'instancenorm', label: 'presetInstancenorm' },
  { preset: 'groupnorm', label: 'presetGroupnorm' },
];

export interface TensorControlHandlers {
  /** The request changed in a way the controls show: build them again. */
  redraw(): void;
  compute(): void;
  /** A choice that cannot be computed, said in the status line. */
  status(text: string): void;
}

/** The controls for a tensor request (changed in place, as the table controls change theirs). */
export function tensorControls(
  dataset: Extract<PanelInit['dataset'], { kind: 'tensor' }>,
  request: Extract<ReportRequest, { kind: 'tensor' }>,
  handlers: TensorControlHandlers,
): HTMLElement[] {
  const { shape, axisNames } = dataset;
  const axes = el('div', { id: 'axes', role: 'group', 'aria-label': t('reducedAxes') });
  shape.forEach((extent, axis) => {
    const reduced = request.reducedAxes.includes(axis);
    const button = el('button', {
      className: reduced ? 'axis reduced' : 'axis',
      'aria-pressed': String(reduced),
      text: `${axisNames[axis]}=${extent}`,
    });
    button.addEventListener('click', () => {
      request.preset = 'custom';
      request.reducedAxes = reduced
        ? request.reducedAxes.filter((a) => a !== axis)
        : [...request.reducedAxes, axis].sort((a, b) => a - b);
      handlers.redraw();
      if (request.reducedAxes.length > 0) handlers.compute();
      else handlers.status(t('chooseAxis'));
    });
    axes.append(button);
    if (axis < shape.length - 1) axes.append(el('span', { className: 'dot', text: '·' }));
  });
  const presets = el('div', { className: 'presets', role: 'group', 'aria-label': t('presets') });
  for (const { preset, label } of PRESETS) {
    const button = el('button', {
      className: request.preset === preset ? 'preset active' : 'preset',
      'aria-pressed': String(request.preset === preset),
      text: t(label),
    });
    button.addEventListener('click', () => {
      request.preset = preset;
      request.reducedAxes = presetAxes(preset, shape.length);
      handlers.redraw();
      handlers.compute();
    });
    presets.append(button);
  }
  const groups = el('input', {
    id: 'groups',
    type: 'number',
    min: 1,
    step: 1,
    value: String(request.groups ?? 1),
    'aria-label': t('groups'),
  });
  groups.addEventListener('change', () => {
    request.groups = Number(groups.value);
    if (request.preset === 'groupnorm') handlers.compute();
  });
  const normalize = el('input', { id: 'normalize', type: 'checkbox', checked: request.normalize });
  normalize.checked = request.normalize;
  normalize.addEventListener('change', () => {
    request.normalize = normalize.checked;
    handlers.compute();
  });
  return [
    el('div', { className: 'axis-row' }, el('span', { text: `${t('reduceOver')} ` }), axes),
    presets,
    el('label', {}, `${t('groups')} `, groups),
    el('label', {}, normalize, ` ${t('normalize')}`),
  ];
}
