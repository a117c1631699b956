/**
 * What the panel asks the host to compute: the report request, the chosen method's options, the
 * per-column plan (when the user applied advice or chose per column) and the id of the latest request,
 * so a view answering an older one is dropped. No DOM: the page's components read and change it.
 */
import type { ColumnPlan, PlanAction } from '../engine/advise/plan';
import type { ReportRequest } from '../engine/report/report';
import type { OverviewRowPayload, PanelInit, WebviewMessage } from '../shared/protocol';

export type TableRequest = Extract<ReportRequest, { kind: 'table' }>;

/** Whether two inits describe the same table (names and kinds) or tensor (shape), rows aside. */
function sameColumns(a: PanelInit, b: PanelInit): boolean {
  const shape = (init: PanelInit) =>
    init.dataset.kind === 'table'
      ? JSON.stringify(init.dataset.columns)
      : JSON.stringify([init.dataset.shape.slice(1), init.dataset.axisNames]);
  return a.title === b.title && a.dataset.kind === b.dataset.kind && shape(a) === shape(b);
}

/** The plan request for a column → method map. */
function planOf(plan: ReadonlyMap<string, string>): ColumnPlan {
  return {
    format: 'normscope/plan',
    version: 1,
    columns: [...plan].map(([column, method]) => ({ column, method: method as PlanAction })),
  };
}

export function numericNames(rows: readonly OverviewRowPayload[] | undefined): string[] {
  return (rows ?? []).filter((r) => r.kind === 'numeric').map((r) => r.name);
}

export class RequestState {
  init: PanelInit | undefined;
  request: ReportRequest | undefined;
  /** The options of the table's method, as the user set them. */
  readonly options: Record<string, unknown> = {};
  /** The per-column plan being shown (column → method), when the user applied advice or chose per column. */
  plan: Map<string, string> | undefined;
  private latest = 0;

  /** Takes the host's init; the whole file after a first look at its prefix keeps what the user chose. */
  receiveInit(init: PanelInit): void {
    const refines = this.init !== undefined && sameColumns(this.init, init);
    this.init = init;
    if (refines) return;
    this.plan = undefined;
    this.request = structuredClone(init.initialRequest);
    if (this.request.kind === 'table') {
      this.request.binRule ??= 'fd';
      Object.assign(this.options, this.request.options);
    }
  }

  /** The table request, if the data is a table. */
  get table(): TableRequest | undefined {
    return this.request?.kind === 'table' ? this.request : undefined;
  }

  /** Whether a reply to `requestId` answers the latest request. */
  isLatest(requestId: number | undefined): boolean {
    return requestId === this.latest;
  }

  /** The compute message for the request as it stands (a fresh id each time). */
  nextCompute(): Extract<WebviewMessage, { type: 'compute' }> | undefined {
    if (!this.request) return undefined;
    if (this.request.kind === 'table') {
      this.request.options = { ...this.options };
      this.request.plan = this.plan ? planOf(this.plan) : undefined;
    }
    return { type: 'compute', requestId: ++this.latest, request: structuredClone(this.request) };
  }

  /** A single method (or 'none') for every column: the plan and the previous method's options go. */
  pickMethod(method: string): void {
    const request = this.table;
    if (!request) return;
    this.plan = undefined;
    request.method = method as TableRequest['method'];
    for (const key of Object.keys(this.options)) delete this.options[key];
  }

  /** The advised method of every numeric column, as a plan. */
  applyAdvice(rows: readonly OverviewRowPayload[]): void {
    this.plan = new Map(rows.filter((r) => r.kind === 'numeric').map((r) => [r.name, r.advisedMethod]));
    if (this.table) this.table.focus = undefined;
  }

  /** One column's method in the plan (made from the single method in force when there is none). */
  choose(column: string, method: string, rows: readonly OverviewRowPayload[]): void {
    const request = this.table;
    if (!request) return;
    this.plan ??= new Map(
      numericNames(rows).map((name) => [
        name,
        (request.columns ?? [name]).includes(name) ? request.method : 'none',
      ]),
    );
    this.plan.set(column, method);
  }

  /** The columns the current method or plan applies to (undefined: every numeric column). */
  appliedColumns(): string[] | undefined {
    const request = this.table;
    if (!request) return undefined;
    if (this.plan) return [...this.plan].filter(([, m]) => m !== 'drop' && m !== 'exclude').map(([c]) => c);
    return request.columns;
  }

  /** Whether methods can be chosen here (not statistics only, parameters not fitted elsewhere). */
  editable(): boolean {
    return !this.init?.statisticsOnly && this.table !== undefined && this.table.prefitted === undefined;
  }
}
