/**
 * The tensor controls: the axis picker (each axis a toggle: reduced or kept), the layer presets that
 * set the reduced axes, GroupNorm's group count and whether to normalize.
 */
import { presetAxes, type TensorPreset } from '../engine/report/presets';
import type { ReportRequest } from '../engine/report/report';
import type { PanelInit } from '../shared/protocol';
import { actionButton, checkBox, numberField } from './controls';
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

/** A button that is on or off (aria-pressed), as the axis and preset toggles are. */
function toggleButton(text: string, pressed: boolean, className: string, onClick: () => void): HTMLElement {
  const button = actionButton(undefined, text, onClick, { className, secondary: !pressed });
  button.setAttribute('aria-pressed', String(pressed));
  return button;
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
    const button = toggleButton(
      `${axisNames[axis]}=${extent}`,
      reduced,
      reduced ? 'axis reduced' : 'axis',
      () => {
        request.preset = 'custom';
        request.reducedAxes = reduced
          ? request.reducedAxes.filter((a) => a !== axis)
          : [...request.reducedAxes, axis].sort((a, b) => a - b);
        handlers.redraw();
        if (request.reducedAxes.length > 0) handlers.compute();
        else handlers.status(t('chooseAxis'));
      },
    );
    axes.append(button);
    if (axis < shape.length - 1) axes.append(el('span', { className: 'dot', text: '·' }));
  });
  const presets = el('div', { className: 'presets', role: 'group', 'aria-label': t('presets') });
  for (const { preset, label } of PRESETS) {
    const active = request.preset === preset;
    const button = toggleButton(t(label), active, active ? 'preset active' : 'preset', () => {
      request.preset = preset;
      request.reducedAxes = presetAxes(preset, shape.length);
      handlers.redraw();
      handlers.compute();
    });
    presets.append(button);
  }
  const groups = numberField(
    { id: 'groups', label: t('groups'), min: 1, step: 1 },
    request.groups ?? 1,
    (value) => {
      request.groups = value;
      if (request.preset === 'groupnorm') handlers.compute();
    },
  );
  const normalize = checkBox('normalize', t('normalize'), request.normalize, (checked) => {
    request.normalize = checked;
    handlers.compute();
  });
  return [
    el('div', { className: 'axis-row' }, el('span', { text: `${t('reduceOver')} ` }), axes),
    presets,
    el('label', {}, `${t('groups')} `, groups),
    normalize,
  ];
}
