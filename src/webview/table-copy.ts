/**
 * The text "Copy as CSV" and "Copy as Markdown" put on the clipboard for a statistics table: a header
 * row, then one row per table row. CSV fields are quoted by the same function the file writers use.
 */
import { formatRecord } from '../engine/export/csv-field';

export type CopyFormat = 'csv' | 'markdown';

/** The rows as comma-separated records, each field quoted as RFC 4180 needs. */
export function tableAsCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => formatRecord(row, ',')).join('');
}

/** The rows as a Markdown table: the first row is the header; '|' escaped, line breaks as spaces. */
export function tableAsMarkdown(rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\r?\n|\r/g, ' ');
  const [header, ...body] = rows;
  return (
    [
      `| ${header.map(cell).join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...body.map((row) => `| ${row.map(cell).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

export function tableCopyText(format: CopyFormat, rows: readonly (readonly string[])[]): string {
  return format === 'csv' ? tableAsCsv(rows) : tableAsMarkdown(rows);
}
