/**
 * The histograms' controls: the bins (Freedman–Diaconis, the default, with its count shown once
 * computed, or a fixed count) and counts on a log axis.
 */
import type { ViewPayload } from '../shared/protocol';
import { checkBox, choiceSelect, showChoice } from './controls';
import { el } from './dom';
import { t } from './l10n';
import type { TableRequest } from './request-state';

const FIXED_COUNTS = [10, 20, 30, 50, 100];

function fdText(drawn: ViewPayload['bins'] | undefined): string {
  return drawn?.rule === 'fd' ? `Freedman–Diaconis (${drawn.count})` : 'Freedman–Diaconis';
}

export interface HistogramControlHandlers {
  /** The bins changed (in the request): compute again. */
  compute(): void;
  /** Log y was switched: redraw the charts. */
  logY(on: boolean): void;
}

/** The bins select and the log-y checkbox, changing `request` in place. */
export function histogramControls(
  request: TableRequest,
  drawn: ViewPayload['bins'] | undefined,
  logY: boolean,
  handlers: HistogramControlHandlers,
): HTMLElement {
  const current = request.binRule === 'fd' ? 'fd' : String(request.bins);
  const bins = choiceSelect(
    { id: 'bins', label: t('bins') },
    [
      { value: 'fd', text: fdText(drawn) },
      ...FIXED_COUNTS.map((n) => ({ value: String(n), text: String(n) })),
    ],
    current,
    (value) => {
      if (value === 'fd') request.binRule = 'fd';
      else {
        request.binRule = undefined;
        request.bins = Number(value);
      }
      handlers.compute();
    },
  );
  showChoice(bins, current);
  return el(
    'span',
    { id: 'histogram-controls', className: 'group' },
    el('label', {}, `${t('bins')} `, bins),
    checkBox('log-y', t('logCount'), logY, (on) => handlers.logY(on)),
  );
}

/** Whether the bins select shows the Freedman–Diaconis count of the drawn view (else it is built again). */
export function showsBinCount(root: HTMLElement, drawn: ViewPayload['bins']): boolean {
  const fd = root.querySelector('#bins vscode-option[value="fd"]');
  return !fd || fd.textContent === fdText(drawn);
}
