/**
 * A table's controls: the method picker, the column to draw, the histograms' controls and the chosen
 * method's options (none while a plan or parameters fitted elsewhere are in force).
 */
import type { PanelInit, ViewPayload } from '../shared/protocol';
import { choiceSelect } from './controls';
import { el } from './dom';
import { histogramControls } from './histogram-controls';
import { t } from './l10n';
import { methodPicker } from './method-picker';
import { optionLabel } from './method-words';
import { optionControl } from './option-control';
import { METHOD_OPTIONS } from './options';
import type { RequestState } from './request-state';

export interface TableControlHandlers {
  /** The method changed: build the controls again (its options differ), then compute. */
  methodChanged(): void;
  compute(): void;
  logY(on: boolean): void;
}

export function tableControls(
  dataset: Extract<PanelInit['dataset'], { kind: 'table' }>,
  state: RequestState,
  view: { bins: ViewPayload['bins'] | undefined; logY: boolean },
  handlers: TableControlHandlers,
): HTMLElement[] {
  const request = state.table!;
  const method = methodPicker({
    methods: state.init!.methods,
    current: state.plan ? 'plan' : request.method,
    hasPlan: state.plan !== undefined,
    disabled: request.prefitted !== undefined,
    pick: (picked) => {
      state.pickMethod(picked);
      handlers.methodChanged();
    },
  });
  const numeric = dataset.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const drawable = state.appliedColumns() ?? numeric;
  const focus = choiceSelect(
    { id: 'focus', label: t('columnToDraw') },
    drawable.map((name) => ({ value: name, text: name })),
    request.focus ?? drawable[0] ?? '',
    (column) => {
      request.focus = column;
      handlers.compute();
    },
  );
  const options =
    request.prefitted || state.plan
      ? []
      : (METHOD_OPTIONS[request.method] ?? []).map((field) =>
          optionControl(
            field,
            optionLabel(request.method, field),
            state.options[field.key] ?? field.initial,
            (value) => {
              state.options[field.key] = value;
              handlers.compute();
            },
          ),
        );
  return [
    el('label', {}, `${t('method')} `, method),
    el('label', {}, `${t('column')} `, focus),
    histogramControls(request, view.bins, view.logY, handlers),
    ...options,
  ];
}
