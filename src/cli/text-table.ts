/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */
export function formatTextTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, printable(cell).length)));
  return rows
    .map((row) =>
      row
        .map((cell, j) => {
          const text = printable(cell);
          return /^[-+]?[\d.]/.test(text) && !Number.isNaN(Number(text))
            ? text.padStart(widths[j])
            : text.padEnd(widths[j]);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Control characters shown escaped, so a field with a newline keeps the table on its lines. */
function printable(cell: string): string {
  return cell.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** A number for a table cell: 6 significant digits, '' for NaN. */
export function formatCell(value: number): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
