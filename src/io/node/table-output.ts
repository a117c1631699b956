/**
 * Writes a normalized table in a tabular format of the registry: the input's own format keeps its
 * schema (Parquet: names, order, types of the columns passed through; Arrow likewise), another format
 * is a conversion from the columns. Outputs are written atomically (a new file, never over the input).
 */
import type { Matrix } from '../../engine/scale/matrix';
import type { OutputColumn } from '../formats/table-writers';
import type { FormatId } from '../formats/registry';
import { AtomicOutput, writeFileAtomic, type OutputOptions } from './atomic-output';
import type { DataFile, Selection } from './data-files';

export type TableFormatId = Extract<FormatId, 'csv' | 'parquet' | 'arrow' | 'jsonl' | 'xlsx'>;

/** The replaced columns' values by name: column k of `result` for the k-th selected column. */
function replacedColumns(selection: Selection, result: Matrix): Map<string, Float64Array> {
  return new Map(
    selection.names.map((name, k) => [
      name,
      Float64Array.from({ length: result.rows }, (_, i) => result.data[i * result.cols + k]),
    ]),
  );
}

export async function writeTableLike(
  data: DataFile,
  selection: Selection,
  result: Matrix,
  target: string,
  targetFormat: TableFormatId,
  options: OutputOptions,
): Promise<void> {
  if (data.kind !== 'table')
    throw new TypeError(`writeTableLike: a ${data.kind} input is written by writeLike (data-files.ts)`);
  const { table } = data.data;
  const replaced = replacedColumns(selection, result);
  const columns: OutputColumn[] = table.columns.map((c) => ({
    name: c.name,
    values: replaced.get(c.name) ?? (c.kind === 'numeric' ? c.values : c.texts!),
  }));
  const same = targetFormat === data.data.format;
  // The writers' libraries load on first use (the extension activates without parsing them).
  const { arrowOfColumns, csvOfColumns, jsonLinesOfColumns, parquetOfColumns } =
    await import('../formats/table-writers');
  switch (targetFormat) {
    case 'parquet': {
      const { writeParquet } = await import('../formats/parquet');
      const bytes =
        same && data.data.format === 'parquet'
          ? writeParquet(
              data.data.source,
              table.rowCount,
              replaced,
              new Map(table.columns.map((c) => [c.name, c.values])),
            )
          : parquetOfColumns(columns);
      return writeFileAtomic(target, bytes, options);
    }
    case 'arrow': {
      const { writeArrow } = await import('../formats/arrow');
      const bytes =
        same && data.data.format === 'arrow' && table.columns.length === data.data.source.schema.fields.length
          ? writeArrow(data.data.source, replaced)
          : arrowOfColumns(columns);
      return writeFileAtomic(target, bytes, options);
    }
    case 'xlsx': {
      const { writeXlsx } = await import('../formats/xlsx');
      return writeFileAtomic(target, await writeXlsx(columns, table.rowCount), options);
    }
    case 'csv':
      return writeText(target, csvOfColumns(columns, table.rowCount), options);
    case 'jsonl':
      return writeText(target, jsonLinesOfColumns(columns, table.rowCount), options);
  }
}

async function writeText(target: string, parts: Iterable<string>, options: OutputOptions): Promise<void> {
  const output = new AtomicOutput(target, options);
  try {
    for (const part of parts) await output.write(part);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}
