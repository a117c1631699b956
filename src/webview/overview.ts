/**
 * The overview: one row per column (name, kind, missing share, mini histograms before and after,
 * min / median / max, diagnosis badges, the advised or planned method; the reason is in the detail). An ARIA grid:
 * one cell is in the tab order, arrow keys / Home / End move between cells, Enter or Space on a row
 * opens its detail, and each method picker is reachable by keyboard in its cell.
 */
import { formatPercent, formatSignificant } from '../engine/report/number-format';
import type { MethodDescription, OverviewRowPayload } from '../shared/protocol';
import { choiceSelect, SELECT_TAG } from './controls';
import { el } from './dom';
import { navigableGrid } from './grid-keys';
import { methodTitle } from './method-words';
import { t, type PanelMessageKey } from './l10n';

/** What a plan can do with a column, besides a scaling method. */
const PLAN_ACTIONS: { method: string; title: PanelMessageKey }[] = [
  { method: 'none', title: 'leaveAsIs' },
  { method: 'exclude', title: 'exclude' },
  { method: 'drop', title: 'drop' },
];

export interface OverviewHandlers {
  /** A row was chosen: show its detail. */
  select(column: string): void;
  /** A method was picked for one column (builds or edits the plan). */
  choose(column: string, method: string): void;
}

export interface OverviewState {
  rows: OverviewRowPayload[];
  methods: MethodDescription[];
  /** The column the detail shows. */
  focus: string;
  /** The method per column of the plan in force, if any. */
  plan: ReadonlyMap<string, string> | undefined;
  /** The single method applied to every numeric column when there is no plan. */
  method: string;
  /** False when methods cannot be chosen here (statistics only, parameters fitted elsewhere). */
  editable: boolean;
}

const HEADERS: PanelMessageKey[] = [
  'headerColumn',
  'headerKind',
  'headerMissing',
  'headerBefore',
  'headerAfter',
  'headerMin',
  'headerMedian',
  'headerMax',
  'headerDiagnoses',
  'headerMethod',
];

/** The overview grid, built fresh for the state (the caller replaces the previous one). */
export function overviewGrid(state: OverviewState, handlers: OverviewHandlers): HTMLElement {
  const head = el(
    'tr',
    { role: 'row' },
    ...HEADERS.map((h) => el('th', { role: 'columnheader', scope: 'col', text: t(h) })),
  );
  const body = state.rows.map((row, i) => overviewRow(row, i, state, handlers));
  const grid = el(
    'table',
    {
      id: 'overview-grid',
      role: 'grid',
      'aria-label': t('columnsAtAGlance'),
      'aria-rowcount': state.rows.length + 1,
    },
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
  navigableGrid(
    grid,
    { rows: 'body', onCellKey: enterPicker },
    grid.querySelector<HTMLElement>('tbody tr[aria-selected="true"] th'),
  );
  return el('div', { className: 'grid-scroll' }, grid);
}

function overviewRow(
  row: OverviewRowPayload,
  index: number,
  state: OverviewState,
  handlers: OverviewHandlers,
): HTMLElement {
  const selected = row.name === state.focus;
  const current = row.kind === 'text' ? 'none' : (state.plan?.get(row.name) ?? state.method);
  const cells: HTMLElement[] = [
    cell('th', {}, el('span', { className: 'column-name', text: row.name })),
    cell('td', {}, row.kind),
    cell(
      'td',
      { className: 'num' },
      typeof row.missingShare !== 'number' || Number.isNaN(row.missingShare)
        ? ''
        : formatPercent(row.missingShare),
    ),
    cell('td', {}, miniHistogram(row.before, `${row.name} before`, 'before')),
    cell('td', {}, miniHistogram(row.after ?? row.before, `${row.name} after ${current}`, 'after')),
    cell('td', { className: 'num' }, number(row.min)),
    cell('td', { className: 'num' }, number(row.median)),
    cell('td', { className: 'num' }, number(row.max)),
    cell('td', {}, ...row.diagnoses.map((d) => el('span', { className: `badge badge-${d}`, text: d }))),
    cell('td', { className: 'advice' }, ...methodCell(row, current, state, handlers)),
  ];
  cells[0].setAttribute('scope', 'row');
  const tr = el(
    'tr',
    {
      role: 'row',
      'aria-rowindex': index + 2,
      'aria-selected': String(selected),
      'data-column': row.name,
      className: selected ? 'selected' : '',
    },
    ...cells,
  );
  if (row.kind === 'numeric') {
    tr.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest(SELECT_TAG)) return;
      handlers.select(row.name);
    });
    tr.addEventListener('keydown', (event) => {
      const inAdvice = (event.target as HTMLElement).closest('.advice');
      if ((event.key === 'Enter' || event.key === ' ') && !inAdvice) {
        event.preventDefault();
        handlers.select(row.name);
      }
    });
  }
  return tr;
}

function methodCell(
  row: OverviewRowPayload,
  current: string,
  state: OverviewState,
  handlers: OverviewHandlers,
): HTMLElement[] {
  if (row.kind === 'text') return [];
  const choices = [
    ...PLAN_ACTIONS.map((a) => ({ method: a.method, title: t(a.title) })),
    ...state.methods.map((m) => ({ method: m.method, title: methodTitle(m.method, m.title) })),
  ];
  const select = choiceSelect(
    {
      className: 'column-method',
      tabindex: -1,
      label: t('methodFor', { column: row.name }),
      disabled: !state.editable,
    },
    choices.map((choice) => ({
      value: choice.method,
      text: choice.method === row.advisedMethod ? t('advisedSuffix', { title: choice.title }) : choice.title,
    })),
    current,
    (method) => handlers.choose(row.name, method),
  );
  return [select, el('span', { className: 'advised', text: t('advice', { method: row.advisedMethod }) })];
}

function cell(tag: 'td' | 'th', props: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  return el(tag, { role: 'gridcell', tabindex: -1, ...props }, ...children);
}

function number(value: number | null): string {
  // NaN (no value) may arrive as null from a JSON bridge.
  return typeof value !== 'number' || Number.isNaN(value) ? '' : formatSignificant(value);
}

const SVG = 'http://www.w3.org/2000/svg';

/** Bars of a mini histogram as SVG (drawn with theme colours from CSS), labelled with its counts. */
function miniHistogram(counts: Float64Array | undefined, label: string, which: string): Node {
  if (!counts || counts.length === 0) return document.createTextNode('');
  const width = 64;
  const height = 20;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `mini mini-${which}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${label}: counts ${Array.from(counts).join(', ')}`);
  const highest = Math.max(...counts, 1);
  const bar = width / counts.length;
  counts.forEach((count, i) => {
    const h = count === 0 ? 0 : Math.max(1, (count / highest) * height);
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(i * bar));
    rect.setAttribute('y', String(height - h));
    rect.setAttribute('width', String(Math.max(bar - 0.5, 0.5)));
    rect.setAttribute('height', String(h));
    svg.append(rect);
  });
  return svg;
}

/** F2, or Enter on the method cell, moves focus into the cell's picker. */
function enterPicker(cell: HTMLElement, event: KeyboardEvent): boolean {
  if (event.key !== 'F2' && !(event.key === 'Enter' && cell.classList.contains('advice'))) return false;
  const select = cell.querySelector<HTMLElement>(SELECT_TAG);
  select?.focus();
  return select !== null;
}
