/**
 * The panel's "Read as …" line: how the CSV file was read (and a note when another reading scored
 * close), with controls for the delimiter, decimal mark, header line, lines to skip, missing tokens and
 * encoding. "Read again" sends what they fix; the host re-reads the file and sends a new init.
 */
import type { ReadAsOverrides, ReadAsState } from '../shared/protocol';
import { el } from './dom';

function select(id: string, label: string, options: { value: string; label: string }[], chosen: string) {
  const control = el('select', { id });
  for (const option of options)
    control.append(
      el('option', { value: option.value, text: option.label, selected: option.value === chosen }),
    );
  return { control, field: el('label', { for: id }, label, control) };
}

function input(id: string, label: string, value: string, type = 'text') {
  const control = el('input', { id, type, value });
  return { control, field: el('label', { for: id }, label, control) };
}

/** The line and its controls; `reread` posts the `readAs` message. */
export function readAsLine(state: ReadAsState, reread: (overrides: ReadAsOverrides) => void): HTMLElement {
  const delimiter = select('read-as-delimiter', 'Delimiter', state.delimiters, state.delimiter);
  const decimal = select(
    'read-as-decimal',
    'Decimal mark',
    [
      { value: '.', label: 'point (1.5)' },
      { value: ',', label: 'comma (1,5)' },
    ],
    state.decimal,
  );
  const header = input('read-as-header', 'Header line (0: none)', String(state.headerLine ?? 0), 'number');
  const skip = input('read-as-skip', 'Lines to skip', String(state.skipLines), 'number');
  const missing = input(
    'read-as-missing',
    'Extra missing tokens (comma-separated)',
    state.naValues.join(','),
  );
  const encoding = select(
    'read-as-encoding',
    'Encoding',
    state.encodings.map((value) => ({ value, label: value })),
    state.encoding,
  );
  const apply = el('button', { id: 'read-as-apply', type: 'button', text: 'Read again' });
  apply.addEventListener('click', () => {
    const headerLine = Number(header.control.value);
    const skipLines = Number(skip.control.value);
    // A header line below the skipped ones starts reading there: everything before it is skipped.
    const overrides: ReadAsOverrides = {
      delimiter: delimiter.control.value,
      decimal: decimal.control.value,
      header: headerLine > 0,
      skipLines: headerLine > 0 ? Math.max(0, headerLine - 1) : skipLines,
      naValues: missing.control.value.split(',').map((token) => token.trim()),
      encoding: encoding.control.value,
    };
    reread(overrides);
  });
  return el(
    'details',
    { id: 'read-as', className: 'read-as' },
    el('summary', {}, el('span', { text: `Read as: ${state.summary}` })),
    state.close ? el('p', { className: 'note', role: 'note', text: state.close }) : null,
    ...state.hints.map((hint) => el('p', { className: 'note', role: 'note', text: hint })),
    el(
      'div',
      { className: 'read-as-controls' },
      delimiter.field,
      decimal.field,
      header.field,
      skip.field,
      missing.field,
      encoding.field,
      apply,
    ),
  );
}
