/**
 * The panel: method and options (or, for tensors, the axes each statistic reduces over), before/after
 * histograms of the focused column with NaN/±Inf counted, a min-max vs robust outlier view, sortable
 * before/after statistics tables (copyable as CSV or Markdown) and the actions. All numbers come from
 * the host; this page only draws them. This class wires the components: the request state, the layout,
 * the controls, the overview and the detail.
 */
import type { HostMessage, ViewPayload } from '../shared/protocol';
import { actionButtons } from './actions';
import { destroyChartsIn, watchTheme } from './charts';
import { actionButton, setButtonDisabled, type VscodeButton, type VscodeSingleSelect } from './controls';
import { drawCharts, showFocus, StatisticsTables } from './detail-view';
import { showsBinCount } from './histogram-controls';
import { setPanelLanguage, t } from './l10n';
import { panelLayout, setStatus } from './layout';
import { overviewGrid } from './overview';
import { numericNames, RequestState } from './request-state';
import { tableControls } from './table-controls';
import { tensorControls } from './tensor-controls';
import { vscodeTransport, type Transport } from './transport';
import { whyNormalizeContent } from './why-normalize';

export class PanelView {
  private readonly state = new RequestState();
  private view: ViewPayload | undefined;
  /** Histogram counts on a log axis. */
  private logY = false;
  private readonly tables: StatisticsTables;
  private readonly stopWatchingTheme: () => void;

  constructor(
    private readonly root: HTMLElement,
    private readonly transport: Transport,
  ) {
    this.tables = new StatisticsTables(root, (text, what) =>
      transport.post({ type: 'copyText', text, what }),
    );
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
      case 'init':
        this.state.receiveInit(message.init);
        setPanelLanguage(message.init.language);
        this.renderShell();
        this.compute();
        return;
      case 'view':
        if (!this.state.isLatest(message.requestId)) return; // a newer request is on its way
        this.view = message.view;
        setStatus(this.root, '');
        this.renderView();
        return;
      case 'error':
        if (message.requestId !== undefined && !this.state.isLatest(message.requestId)) return;
        setStatus(this.root, message.message, true);
        return;
      case 'notice':
        setStatus(this.root, message.message);
        return;
    }
  }

  private compute(): void {
    const message = this.state.nextCompute();
    if (!message) return;
    setStatus(this.root, t('computing'));
    this.transport.post(message);
  }

  private renderShell(): void {
    const init = this.state.init!;
    const applyAdvice = actionButton(
      'apply-advice',
      t('applyAdvice'),
      () => {
        this.state.applyAdvice(this.view?.overview ?? []);
        this.renderControls();
        this.compute();
      },
      { title: t('applyAdviceTitle') },
    );
    this.root.replaceChildren(
      ...panelLayout(init, {
        applyAdvice,
        reread: (overrides) => this.transport.post({ type: 'readAs', overrides }),
      }),
    );
    this.renderControls();
    this.root
      .querySelector<HTMLElement>('#actions')!
      .replaceChildren(...actionButtons(init, (message) => this.transport.post(message)));
  }

  private renderControls(): void {
    const box = this.root.querySelector<HTMLElement>('#controls')!;
    const { init, request } = this.state;
    const hadFocus = box.contains(document.activeElement) ? document.activeElement?.id : undefined;
    box.replaceChildren();
    if (request?.kind === 'table' && init?.dataset.kind === 'table') {
      box.append(
        ...tableControls(
          init.dataset,
          this.state,
          { bins: this.view?.bins, logY: this.logY },
          {
            methodChanged: () => {
              this.renderControls();
              this.compute();
            },
            compute: () => this.compute(),
            logY: (on) => {
              this.logY = on;
              this.drawCharts();
            },
          },
        ),
      );
    } else if (request?.kind === 'tensor' && init?.dataset.kind === 'tensor') {
      box.append(
        ...tensorControls(init.dataset, request, {
          redraw: () => this.renderControls(),
          compute: () => this.compute(),
          status: (text) => setStatus(this.root, text, true),
        }),
      );
    }
    // Rebuilt controls keep the keyboard where it was.
    if (hadFocus) box.querySelector<HTMLElement>(`#${hadFocus}`)?.focus();
  }

  private renderOverview(): void {
    const view = this.view;
    const body = this.root.querySelector<HTMLElement>('#overview-body');
    const request = this.state.table;
    if (!view?.overview || !body || !request) return;
    const apply = this.root.querySelector<VscodeButton>('#apply-advice');
    if (apply) setButtonDisabled(apply, !this.state.editable());
    const hadFocus = body.contains(document.activeElement);
    body.replaceChildren(
      overviewGrid(
        {
          rows: view.overview,
          methods: this.state.init!.methods,
          focus: view.focusLabel,
          plan: this.state.plan,
          method: request.method,
          editable: this.state.editable(),
        },
        {
          select: (column) => {
            if (!(this.state.appliedColumns() ?? numericNames(view.overview)).includes(column)) {
              setStatus(this.root, t('leftOutOfPlan', { column }));
              return;
            }
            request.focus = column;
            this.compute();
          },
          choose: (column, method) => {
            this.state.choose(column, method, view.overview ?? []);
            this.renderControls();
            this.compute();
          },
        },
      ),
    );
    if (hadFocus) body.querySelector<HTMLElement>(`tr[aria-selected="true"] th`)?.focus();
  }

  private renderView(): void {
    const view = this.view!;
    showFocus(this.root, view);
    const focus = this.root.querySelector<VscodeSingleSelect>('#focus');
    if (focus?.querySelector(`vscode-option[value="${CSS.escape(view.focusLabel)}"]`))
      focus.value = view.focusLabel;
    if (!showsBinCount(this.root, view.bins)) this.renderControls();
    this.renderOverview();
    this.root.querySelector('#why-body')?.replaceChildren(...whyNormalizeContent(view));
    this.drawCharts();
    this.tables.render(view);
    for (const id of ['save-params', 'copy-code']) {
      const button = this.root.querySelector<VscodeButton>(`#${id}`);
      if (button) setButtonDisabled(button, !view.hasFittedParameters);
    }
  }

  private drawCharts(): void {
    if (this.view) drawCharts(this.root, this.view, this.logY);
  }
}

export function start(transport: Transport = vscodeTransport()): PanelView {
  return new PanelView(document.getElementById('app')!, transport);
}
