/**
 * Keyboard navigation shared by the webview's ARIA grids (the overview, the statistics tables): one
 * element of the grid is in the tab order (roving tabindex); arrow keys, Home and End move it between
 * cells, Ctrl+Home / Ctrl+End to the first / last cell. A cell whose only content is a button is
 * focused as that button, so Enter and Space press it.
 */

export interface GridKeyOptions {
  /** 'body': only the rows of tbody take part; 'all': the header row too. */
  rows: 'body' | 'all';
  /** A cell's own key (entering a picker, say), tried before moving; true when it handled the key. */
  onCellKey?(cell: HTMLElement, event: KeyboardEvent): boolean;
}

/** What receives focus for a cell: its single button, or the cell itself. */
export function focusTarget(cell: HTMLElement): HTMLElement {
  const only = cell.children.length === 1 ? cell.children[0] : undefined;
  return only instanceof HTMLButtonElement ? only : cell;
}

function gridRows(grid: HTMLElement, options: GridKeyOptions): HTMLElement[] {
  return [...grid.querySelectorAll<HTMLElement>(options.rows === 'all' ? 'tr' : 'tbody tr')];
}

/** Moves the grid's one tab stop to a cell (without focusing it). */
export function setTabStop(grid: HTMLElement, cell: HTMLElement): void {
  for (const cellOf of grid.querySelectorAll<HTMLElement>('td, th')) {
    cellOf.tabIndex = -1;
    const target = focusTarget(cellOf);
    if (target !== cellOf) target.tabIndex = -1;
  }
  focusTarget(cell).tabIndex = 0;
}

/**
 * Makes a table an ARIA grid walked by keyboard, with `entry` (or the first cell of its rows) as the
 * tab stop.
 */
export function navigableGrid(grid: HTMLElement, options: GridKeyOptions, entry?: HTMLElement | null): void {
  const first = entry ?? gridRows(grid, options)[0]?.querySelector<HTMLElement>('td, th');
  if (first) setTabStop(grid, first);
  grid.addEventListener('keydown', (event) => moveFocus(grid, options, event));
}

function moveFocus(grid: HTMLElement, options: GridKeyOptions, event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  if (
    target.closest('select, vscode-single-select') &&
    (event.key === 'ArrowUp' || event.key === 'ArrowDown')
  )
    return;
  const current = target.closest<HTMLElement>('td, th');
  const row = current?.parentElement;
  const rows = gridRows(grid, options);
  if (!current || !row || !rows.includes(row)) return;
  const r = rows.indexOf(row);
  const c = [...row.children].indexOf(current);
  const last = rows.length - 1;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [r - 1, c],
    ArrowDown: [r + 1, c],
    ArrowLeft: [r, c - 1],
    ArrowRight: [r, c + 1],
    Home: event.ctrlKey ? [0, 0] : [r, 0],
    End: event.ctrlKey ? [last, rows[last].children.length - 1] : [r, row.children.length - 1],
  };
  const move = moves[event.key];
  if (!move) {
    if (options.onCellKey?.(current, event)) event.preventDefault();
    return;
  }
  const next = rows[move[0]]?.children[move[1]] as HTMLElement | undefined;
  if (!next) return;
  event.preventDefault();
  setTabStop(grid, next);
  focusTarget(next).focus();
}
