/**
 * Excel .xlsx with exceljs: the first worksheet or `--sheet NAME`; the first row is the header; formulas
 * give their cached values (what Excel last computed), dates become ISO 8601 text, rich text its plain
 * text, error cells missing. Empty trailing rows are not rows.
 */
import ExcelJS from 'exceljs';
import { InputError } from '../errors';
import { uniqueColumnNames } from '../csv/table';
import { cellText, ColumnBuilder, type CellOptions, type DataTable } from './data-table';
import { readerNote } from './reader-notes';

/** A cell's value as the table reads it: number, string, boolean, Date or null. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value !== 'object') return value;
  if ('result' in value) return cellValue(value.result); // formula: cached value
  if ('formula' in value || 'sharedFormula' in value) return null; // a formula never computed
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value) return cellValue(value.text); // hyperlink
  if ('error' in value) return null;
  return JSON.stringify(value);
}

/** The workbook's sheet names, in order. */
export async function xlsxSheetNames(bytes: Uint8Array): Promise<string[]> {
  const workbook = await loadWorkbook(bytes);
  return workbook.worksheets.map((w) => w.name);
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw new InputError('empty file');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new InputError('not an .xlsx workbook (not a zip archive; .xls files are not read)');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    throw new InputError(
      `corrupt or truncated .xlsx: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return workbook;
}

export async function readXlsx(
  bytes: Uint8Array,
  options: CellOptions & { sheet?: string } = {},
): Promise<{ table: DataTable; sheets: string[] }> {
  const workbook = await loadWorkbook(bytes);
  const sheets = workbook.worksheets.map((w) => w.name);
  if (sheets.length === 0) throw new InputError('has no worksheets');
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!sheet)
    throw new InputError(
      `--sheet: '${options.sheet}' is not a sheet of the workbook (sheets: ${sheets.join(', ')})`,
    );
  const width = sheet.columnCount;
  const lastRow = sheet.actualRowCount === 0 ? 0 : lastNonEmptyRow(sheet);
  if (lastRow === 0) throw new InputError(`sheet '${sheet.name}' is empty`);
  const header = sheet.getRow(1);
  const names = uniqueColumnNames(
    Array.from({ length: width }, (_, j) => {
      const value = cellValue(header.getCell(j + 1).value);
      return value === null ? '' : cellText(value);
    }),
  );
  const builders = names.map((name) => new ColumnBuilder(name, options, lastRow - 1));
  for (let r = 2; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    builders.forEach((builder, j) => builder.add(cellValue(row.getCell(j + 1).value)));
  }
  const notes = [
    ...(options.sheet === undefined && sheets.length > 1
      ? [readerNote(options.language, 'readSheet', { name: sheet.name, names: sheets.join(', ') })]
      : []),
  ];
  return { table: { columns: builders.map((b) => b.finish()), rowCount: lastRow - 1, notes }, sheets };
}

function lastNonEmptyRow(sheet: ExcelJS.Worksheet): number {
  for (let r = sheet.rowCount; r >= 1; r--) if (sheet.getRow(r).hasValues) return r;
  return 0;
}

/** A one-sheet workbook of `columns` (header row, then values; missing cells empty). */
export async function writeXlsx(
  columns: readonly { name: string; values: Float64Array | (string | null)[] }[],
  rowCount: number,
  sheetName = 'Sheet1',
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(columns.map((c) => c.name));
  for (let i = 0; i < rowCount; i++)
    sheet.addRow(
      columns.map((c) => {
        const value = c.values[i];
        return typeof value === 'number' && Number.isNaN(value) ? null : value;
      }),
    );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
