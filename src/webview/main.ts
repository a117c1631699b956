/**
 * The panel: method and options (or, for tensors, the axes each statistic reduces over), before/after
 * histograms of the focused column with NaN/±Inf counted, a min-max vs robust outlier view, sortable
 * before/after statistics tables (copyable as CSV or Markdown) and the actions. All numbers come from
 * the host; this page only draws them.
 */
import type { ReportRequest } from '../engine/report/report';
import type { HostMessage, PanelInit, StatisticsPayload, ViewPayload } from '../shared/protocol';
import { chartsIn, destroyChartsIn, watchTheme } from './charts';
import { el } from './dom';
import { METHOD_OPTIONS } from './options';
import { overviewGrid } from './overview';
import { setPanelLanguage, t } from './l10n';
import { statisticsTable, type SortState } from './stats-table';
import { chartFigure, drawDetailChart } from './detail-charts';
import { optionControl } from './option-control';
import { tensorControls } from './tensor-controls';
import { methodTitle, optionLabel } from './method-words';
import { methodPicker } from './method-picker';
import { actionButtons } from './actions';
import { setTabStop } from './grid-keys';
import { whyNormalizeContent } from './why-normalize';
import type { ColumnPlan, PlanAction } from '../engine/advise/plan';
import { vscodeTransport, type Transport } from './transport';
import { readAsLine } from './read-as';

/** Whether two inits describe the same table (names and kinds) or tensor (shape), rows aside. */
function sameColumns(a: PanelInit, b: PanelInit): boolean {
  const shape = (init: PanelInit) =>
    init.dataset.kind === 'table'
      ? JSON.stringify(init.dataset.columns)
      : JSON.stringify([init.dataset.shape.slice(1), init.dataset.axisNames]);
  return a.title === b.title && a.dataset.kind === b.dataset.kind && shape(a) === shape(b);
}

export class PanelView {
  private init: PanelInit | undefined;
  private request: ReportRequest | undefined;
  private view: ViewPayload | undefined;
  private latestRequest = 0;
  private readonly sort: Record<'before' | 'after', SortState | undefined> = {
    before: undefined,
    after: undefined,
  };
  private readonly options: Record<string, unknown> = {};
  /** The per-column plan being shown (column → method), when the user applied advice or chose per column. */
  private plan: Map<string, string> | undefined;
  /** Histogram counts on a log axis. */
  private logY = false;
  private readonly stopWatchingTheme: () => void;

  constructor(
    private readonly root: HTMLElement,
    private readonly transport: Transport,
  ) {
    transport.onMessage((message) => this.receive(message));
    this.stopWatchingTheme = watchTheme(() => this.drawCharts());
    transport.post({ type: 'ready' });
  }

  /** Destroys the charts and stops watching the theme (a notebook output being removed). */
  dispose(): void {
    this.stopWatchingTheme();
    destroyChartsIn(this.root);
    this.root.replaceChildren();
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'init': {
        // The whole file after a first look at its prefix: keep what the user chose meanwhile.
        const refines = this.init !== undefined && sameColumns(this.init, message.init);
        this.init = message.init;
        setPanelLanguage(message.init.language);
        if (!refines) {
          this.plan = undefined;
          this.request = structuredClone(message.init.initialRequest);
          if (this.request.kind === 'table') this.request.binRule ??= 'fd';
          if (this.request.kind === 'table') Object.assign(this.options, this.request.options);
        }
        this.renderShell();
        this.compute();
        return;
      }
      case 'view':
        if (message.requestId !== this.latestRequest) return; // a newer request is on its way
        this.view = message.view;
        this.setStatus('');
        this.renderView();
        return;
      case 'error':
        if (message.requestId !== undefined && message.requestId !== this.latestRequest) return;
        this.setStatus(message.message, true);
        return;
      case 'notice':
        this.setStatus(message.message);
        return;
    }
  }

  private compute(): void {
    if (!this.request) return;
    if (this.request.kind === 'table') {
      this.request.options = { ...this.options };
      this.request.plan = this.plan ? planOf(this.plan) : undefined;
    }
    this.latestRequest++;
    this.setStatus(t('computing'));
    this.transport.post({
      type: 'compute',
      requestId: this.latestRequest,
      request: structuredClone(this.request),
    });
  }

  private setStatus(text: string, error = false): void {
    const status = this.root.querySelector<HTMLElement>('#status');
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('error', error);
    status.setAttribute('role', error ? 'alert' : 'status');
  }

  private renderShell(): void {
    const init = this.init!;
    const shape =
      init.dataset.kind === 'table'
        ? t('shapeTable', { rows: init.dataset.rowCount, columns: init.dataset.columns.length })
        : init.dataset.shape
            .map((n, i) => `${(init.dataset as { axisNames: string[] }).axisNames[i]}=${n}`)
            .join(' · ');
    const parts: (HTMLElement | null)[] = [
      el('header', {}, el('h1', { text: init.title }), el('p', { className: 'shape', text: shape })),
      init.note ? el('p', { className: 'note', role: 'note', text: init.note }) : null,
      // Components that describe how the file was read or loaded sit here, above the overview.
      el(
        'div',
        { id: 'header-slot' },
        init.readAs
          ? readAsLine(init.readAs, (overrides) => this.transport.post({ type: 'readAs', overrides }))
          : null,
      ),
      el(
        'section',
        { id: 'overview', 'aria-labelledby': 'overview-title', hidden: init.dataset.kind !== 'table' },
        el(
          'div',
          { className: 'table-title' },
          el('h2', { id: 'overview-title', text: t('columns') }),
          this.applyAdviceButton(),
        ),
        el('div', { id: 'overview-body' }),
      ),
      el('section', { id: 'controls', 'aria-label': t('normalization') }),
      el('p', { id: 'status', role: 'status' }),
      el(
        'section',
        { id: 'charts', 'aria-label': t('distributions') },
        el('h2', { id: 'focus-title', text: t('distribution') }),
        el('p', { id: 'focus-advice', className: 'focus-advice' }),
        el(
          'div',
          { className: 'pair' },
          chartFigure('before', t('before')),
          chartFigure('after', t('after')),
        ),
        el(
          'div',
          { id: 'outliers', className: 'outliers', hidden: init.dataset.kind !== 'table' },
          el('h2', {
            text:
              init.initialRequest.kind === 'table' && init.initialRequest.outlierReference
                ? t('outliersTraining')
                : t('outliersSame'),
          }),
          el(
            'div',
            { className: 'pair' },
            chartFigure('minmax', methodTitle('minmax', 'Min-max')),
            chartFigure('robust', methodTitle('robust', 'Robust (median / IQR)')),
          ),
        ),
      ),
      el(
        'section',
        { id: 'why', 'aria-labelledby': 'why-title', hidden: init.dataset.kind !== 'table' },
        el('h2', { id: 'why-title', text: t('whyTitle') }),
        el('div', { id: 'why-body' }),
      ),
      el(
        'section',
        { id: 'tables', 'aria-label': t('statistics') },
        el('div', { id: 'table-before' }),
        el('div', { id: 'table-after' }),
      ),
      el('section', { id: 'actions', 'aria-label': t('actions') }),
    ];
    this.root.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
    this.renderControls();
    this.renderActions();
  }

  private renderControls(): void {
    const box = this.root.querySelector<HTMLElement>('#controls')!;
    const init = this.init!;
    const request = this.request!;
    box.replaceChildren();
    if (request.kind === 'table' && init.dataset.kind === 'table') {
      const method = methodPicker({
        methods: init.methods,
        current: this.plan ? 'plan' : request.method,
        hasPlan: this.plan !== undefined,
        disabled: request.prefitted !== undefined,
        pick: (picked) => {
          this.plan = undefined;
          request.method = picked as typeof request.method;
          for (const key of Object.keys(this.options)) delete this.options[key];
          this.renderControls();
          this.compute();
        },
      });
      const focus = el('select', { id: 'focus', 'aria-label': t('columnToDraw') });
      const numeric = init.dataset.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
      for (const name of this.appliedColumns() ?? numeric)
        focus.append(el('option', { value: name, text: name }));
      if (request.focus) focus.value = request.focus;
      focus.addEventListener('change', () => {
        request.focus = focus.value;
        this.compute();
      });
      box.append(
        el('label', {}, `${t('method')} `, method),
        el('label', {}, `${t('column')} `, focus),
        this.binsControl(),
        ...(request.prefitted || this.plan
          ? []
          : (METHOD_OPTIONS[request.method] ?? []).map((field) =>
              optionControl(
                field,
                optionLabel(request.method, field),
                this.options[field.key] ?? field.initial,
                (value) => {
                  this.options[field.key] = value;
                  this.compute();
                },
              ),
            )),
      );
      return;
    }
    if (request.kind === 'tensor' && init.dataset.kind === 'tensor') {
      box.append(
        ...tensorControls(init.dataset, request, {
          redraw: () => this.renderControls(),
          compute: () => this.compute(),
          status: (text) => this.setStatus(text, true),
        }),
      );
    }
  }

  /** Bins: Freedman–Diaconis (the default, its count shown once computed) or a fixed count; log y. */
  private binsControl(): HTMLElement {
    const request = this.request;
    const bins = el('select', { id: 'bins' });
    if (request?.kind !== 'table') return bins;
    const drawn = this.view?.bins;
    bins.append(
      el('option', {
        value: 'fd',
        text: drawn?.rule === 'fd' ? `Freedman–Diaconis (${drawn.count})` : 'Freedman–Diaconis',
      }),
    );
    for (const n of [10, 20, 30, 50, 100]) bins.append(el('option', { value: String(n), text: String(n) }));
    bins.value = request.binRule === 'fd' ? 'fd' : String(request.bins);
    if (bins.value === '') {
      bins.append(el('option', { value: String(request.bins), text: String(request.bins) }));
      bins.value = String(request.bins);
    }
    bins.addEventListener('change', () => {
      if (bins.value === 'fd') request.binRule = 'fd';
      else {
        request.binRule = undefined;
        request.bins = Number(bins.value);
      }
      this.compute();
    });
    const logY = el('input', { id: 'log-y', type: 'checkbox' });
    logY.checked = this.logY;
    logY.addEventListener('change', () => {
      this.logY = logY.checked;
      this.drawCharts();
    });
    return el(
      'span',
      { className: 'group' },
      el('label', {}, `${t('bins')} `, bins),
      el('label', {}, logY, ` ${t('logCount')}`),
    );
  }

  /** The columns the current method or plan applies to (undefined: every numeric column). */
  private appliedColumns(): string[] | undefined {
    const request = this.request;
    if (request?.kind !== 'table') return undefined;
    if (this.plan) return [...this.plan].filter(([, m]) => m !== 'drop' && m !== 'exclude').map(([c]) => c);
    return request.columns;
  }

  private editable(): boolean {
    const request = this.request;
    return !this.init?.statisticsOnly && request?.kind === 'table' && request.prefitted === undefined;
  }

  private applyAdviceButton(): HTMLElement {
    const button = el('button', {
      id: 'apply-advice',
      text: t('applyAdvice'),
      title: t('applyAdviceTitle'),
    });
    button.addEventListener('click', () => {
      const rows = this.view?.overview ?? [];
      this.plan = new Map(rows.filter((r) => r.kind === 'numeric').map((r) => [r.name, r.advisedMethod]));
      if (this.request?.kind === 'table') this.request.focus = undefined;
      this.renderControls();
      this.compute();
    });
    return button;
  }

  private renderOverview(): void {
    const view = this.view;
    const body = this.root.querySelector<HTMLElement>('#overview-body');
    const request = this.request;
    if (!view?.overview || !body || request?.kind !== 'table') return;
    const apply = this.root.querySelector<HTMLButtonElement>('#apply-advice');
    if (apply) apply.disabled = !this.editable();
    const hadFocus = body.contains(document.activeElement);
    body.replaceChildren(
      overviewGrid(
        {
          rows: view.overview,
          methods: this.init!.methods,
          focus: view.focusLabel,
          plan: this.plan,
          method: request.method,
          editable: this.editable(),
        },
        {
          select: (column) => {
            if (!(this.appliedColumns() ?? numericNames(view)).includes(column)) {
              this.setStatus(t('leftOutOfPlan', { column }));
              return;
            }
            request.focus = column;
            this.compute();
          },
          choose: (column, method) => {
            this.plan ??= new Map(
              numericNames(view).map((name) => [
                name,
                (request.columns ?? [name]).includes(name) ? request.method : 'none',
              ]),
            );
            this.plan.set(column, method);
            this.renderControls();
            this.compute();
          },
        },
      ),
    );
    if (hadFocus) {
      const selected = body.querySelector<HTMLElement>(`tr[aria-selected="true"] th`);
      selected?.focus();
    }
  }

  private renderActions(): void {
    this.root
      .querySelector<HTMLElement>('#actions')!
      .replaceChildren(...actionButtons(this.init!, (message) => this.transport.post(message)));
  }

  private renderView(): void {
    const view = this.view!;
    this.root.querySelector('#focus-title')!.textContent = t('distributionOf', { column: view.focusLabel });
    const focus = this.root.querySelector<HTMLSelectElement>('#focus');
    if (focus) focus.value = view.focusLabel;
    const advice = view.overview?.find((row) => row.name === view.focusLabel);
    this.root.querySelector('#focus-advice')!.textContent = advice
      ? t('focusAdvice', {
          method: advice.advisedMethod,
          diagnoses: advice.diagnoses.length ? ` (${advice.diagnoses.join(', ')})` : '',
          reason: advice.reason,
        })
      : '';
    this.renderOverview();
    this.root.querySelector('#why-body')?.replaceChildren(...whyNormalizeContent(view));
    const fd = this.root.querySelector<HTMLOptionElement>('#bins option[value="fd"]');
    if (fd && view.bins.rule === 'fd') fd.textContent = `Freedman–Diaconis (${view.bins.count})`;
    this.drawCharts();
    this.renderTable('before', t('before'), view.before);
    this.renderTable('after', t('after'), view.after);
    for (const id of ['save-params', 'copy-code']) {
      const b = this.root.querySelector<HTMLButtonElement>(`#${id}`);
      if (b) b.disabled = !view.hasFittedParameters;
    }
  }

  private drawCharts(): void {
    const view = this.view;
    if (!view) return;
    drawDetailChart(this.root, this.logY, 'before', view.histogramBefore, '--vscode-charts-blue');
    drawDetailChart(this.root, this.logY, 'after', view.histogramAfter, '--vscode-charts-orange');
    if (view.outliers) {
      drawDetailChart(this.root, this.logY, 'minmax', view.outliers.minmax, '--vscode-charts-purple');
      drawDetailChart(this.root, this.logY, 'robust', view.outliers.robust, '--vscode-charts-green');
    }
    this.root.dataset.charts = String(chartsIn(this.root));
    // When, in epoch ms: benchmarks read it rather than the moment their polling noticed.
    this.root.dataset.drawnAt = String(Date.now());
  }

  private renderTable(which: 'before' | 'after', title: string, stats: StatisticsPayload): void {
    // A sort re-renders the table: the sort button pressed keeps focus and the tab stop.
    const pressed = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(
      `#stats-${which} button.sort`,
    )?.dataset.field;
    this.root.querySelector(`#table-${which}`)!.replaceChildren(
      ...statisticsTable({
        which,
        title,
        stats,
        percentiles: this.view?.percentiles,
        sort: this.sort[which],
        onSort: (sort) => {
          this.sort[which] = sort;
          this.renderTable(which, title, stats);
        },
        onCopy: (text, what) => this.transport.post({ type: 'copyText', text, what }),
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

/** The plan request for a column → method map. */
function planOf(plan: ReadonlyMap<string, string>): ColumnPlan {
  return {
    format: 'normscope/plan',
    version: 1,
    columns: [...plan].map(([column, method]) => ({ column, method: method as PlanAction })),
  };
}

function numericNames(view: ViewPayload): string[] {
  return (view.overview ?? []).filter((r) => r.kind === 'numeric').map((r) => r.name);
}

export function start(transport: Transport = vscodeTransport()): PanelView {
  return new PanelView(document.getElementById('app')!, transport);
}
