/**
 * The detail of the focused column (or the tensor): its title and advice, the before/after histograms
 * and outlier view, and the sortable statistics tables, drawn from the host's view.
 */
import type { StatisticsPayload, ViewPayload } from '../shared/protocol';
import { chartsIn } from './charts';
import { drawDetailChart } from './detail-charts';
import { setTabStop } from './grid-keys';
import { t } from './l10n';
import { statisticsTable, type SortState } from './stats-table';

/** The detail's title and the focused column's advice. */
export function showFocus(root: HTMLElement, view: ViewPayload): void {
  root.querySelector('#focus-title')!.textContent = t('distributionOf', { column: view.focusLabel });
  const advice = view.overview?.find((row) => row.name === view.focusLabel);
  root.querySelector('#focus-advice')!.textContent = advice
    ? t('focusAdvice', {
        method: advice.advisedMethod,
        diagnoses: advice.diagnoses.length ? ` (${advice.diagnoses.join(', ')})` : '',
        reason: advice.reason,
      })
    : '';
}

/** Draws the histograms (counts on a log axis when `logY`) and records how many charts are drawn. */
export function drawCharts(root: HTMLElement, view: ViewPayload, logY: boolean): void {
  drawDetailChart(root, logY, 'before', view.histogramBefore, '--vscode-charts-blue');
  drawDetailChart(root, logY, 'after', view.histogramAfter, '--vscode-charts-orange');
  if (view.outliers) {
    drawDetailChart(root, logY, 'minmax', view.outliers.minmax, '--vscode-charts-purple');
    drawDetailChart(root, logY, 'robust', view.outliers.robust, '--vscode-charts-green');
  }
  root.dataset.charts = String(chartsIn(root));
  // When, in epoch ms: benchmarks read it rather than the moment their polling noticed.
  root.dataset.drawnAt = String(Date.now());
}

/** The before and after statistics tables, each keeping its sort; copies go to `onCopy`. */
export class StatisticsTables {
  private readonly sort: Record<'before' | 'after', SortState | undefined> = {
    before: undefined,
    after: undefined,
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly onCopy: (text: string, what: string) => void,
  ) {}

  render(view: ViewPayload): void {
    this.renderTable(view, 'before', t('before'), view.before);
    this.renderTable(view, 'after', t('after'), view.after);
  }

  private renderTable(
    view: ViewPayload,
    which: 'before' | 'after',
    title: string,
    stats: StatisticsPayload,
  ): void {
    // A sort re-renders the table: the sort button pressed keeps focus and the tab stop.
    const pressed = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(
      `#stats-${which} button.sort`,
    )?.dataset.field;
    this.root.querySelector(`#table-${which}`)!.replaceChildren(
      ...statisticsTable({
        which,
        title,
        stats,
        percentiles: view.percentiles,
        sort: this.sort[which],
        onSort: (sort) => {
          this.sort[which] = sort;
          this.renderTable(view, which, title, stats);
        },
        onCopy: this.onCopy,
      }),
    );
    if (pressed === undefined) return;
    const button = this.root.querySelector<HTMLElement>(
      `#stats-${which} button.sort[data-field="${pressed}"]`,
    );
    const grid = this.root.querySelector<HTMLElement>(`#stats-${which}`);
    if (!button || !grid) return;
    setTabStop(grid, button.parentElement!);
    button.focus();
  }
}
