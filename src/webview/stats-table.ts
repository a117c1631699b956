/**
 * A statistics table (before or after): one row per column (or kept-axis index), sortable by any field
 * from its header buttons, copyable as CSV or Markdown. Percentiles 1/5/95/99 follow the quartiles when
 * the view has them. An ARIA grid: one tab stop, arrow keys / Home / End between cells (the header's
 * sort buttons included), as the overview.
 */
import type { StatisticsPayload, ViewPayload } from '../shared/protocol';
import { actionButton } from './controls';
import { el, formatValue } from './dom';
import { navigableGrid } from './grid-keys';
import { t } from './l10n';
import { tableCopyText, type CopyFormat } from './table-copy';

const TABLE_FIELDS = ['count', 'missing', 'mean', 'std', 'min', 'q25', 'median', 'q75', 'max'] as const;

export interface SortState {
  field: string;
  descending: boolean;
}

export interface StatisticsTableOptions {
  which: 'before' | 'after';
  title: string;
  stats: StatisticsPayload;
  percentiles: ViewPayload['percentiles'];
  sort: SortState | undefined;
  onSort(sort: SortState): void;
  onCopy(text: string, what: string): void;
}

/** The title row (with its copy buttons) and the table. */
export function statisticsTable(options: StatisticsTableOptions): HTMLElement[] {
  const { which, title, stats, percentiles, sort } = options;
  const percentileNames = percentiles ? percentiles.q.map((q) => `p${Math.round(q * 100)}`) : [];
  const fields: string[] = [...TABLE_FIELDS, ...percentileNames];
  const rows = stats.labels.map((label, i) => ({
    label,
    values: {
      ...Object.fromEntries(stats.fields.map((f, k) => [f, stats.values[i * stats.fields.length + k]])),
      ...Object.fromEntries(
        percentileNames.map((name, k) => [name, percentiles![which][i * percentileNames.length + k]]),
      ),
    },
  }));
  if (sort) {
    const key = (row: (typeof rows)[number]) => (sort.field === 'label' ? row.label : row.values[sort.field]);
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number) || 0;
      return sort.descending ? -order : order;
    });
  }
  const head = el('tr', { role: 'row' });
  for (const field of ['label', ...fields]) {
    const active = sort?.field === field;
    const name = field === 'label' ? 'column' : field;
    const button = el('button', {
      className: 'sort',
      text: name,
      tabindex: -1,
      'aria-label': t('sortBy', { field: name }),
      'data-field': field,
    });
    button.addEventListener('click', () =>
      options.onSort({ field, descending: active ? !sort.descending : false }),
    );
    head.append(
      el(
        'th',
        {
          role: 'columnheader',
          scope: 'col',
          'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none',
        },
        button,
      ),
    );
  }
  const cells = rows.map((row) => [row.label, ...fields.map((f) => formatValue(row.values[f]))]);
  const body = cells.map(([label, ...values]) =>
    el(
      'tr',
      { role: 'row' },
      el('th', { role: 'rowheader', scope: 'row', text: label }),
      ...values.map((text) => el('td', { role: 'gridcell', text })),
    ),
  );
  const copy = (format: CopyFormat) => {
    const text = tableCopyText(format, [['column', ...fields], ...cells]);
    options.onCopy(
      text,
      t('copiedTable', { table: title.toLowerCase(), format: format === 'csv' ? 'CSV' : 'Markdown' }),
    );
  };
  const csv = actionButton(`copy-${which}-csv`, t('copyCsv'), () => copy('csv'), { secondary: true });
  const markdown = actionButton(`copy-${which}-markdown`, t('copyMarkdown'), () => copy('markdown'), {
    secondary: true,
  });
  const grid = el(
    'table',
    { id: `stats-${which}`, role: 'grid', 'aria-label': title, 'aria-rowcount': rows.length + 1 },
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
  navigableGrid(grid, { rows: 'all' });
  return [el('div', { className: 'table-title' }, el('h2', { text: title }), csv, markdown), grid];
}
