/**
 * Statistics of a Parquet file of any size: ExactPasses over its row groups, one row group of the
 * numeric columns in memory at a time (the first pass also counts the text columns' missing cells).
 * The moments and quantiles are exactly those of the whole table read at once.
 */
import { ExactPasses } from '../../engine/stats/passes';
import type { CellOptions } from '../formats/data-table';
import type { ParquetLayout } from '../formats/parquet';
import { withFileSource } from './format-files';
import type { PassProgress } from './csv-passes';

export interface ParquetStats {
  rowCount: number;
  columns: { name: string; numeric: boolean; count: number; missing: number }[];
  notes: string[];
  /** Moments and quantiles of the numeric columns, indexed by their position among `columns`. */
  passes: ExactPasses;
}

/** The bytes the columns `wanted` (all when undefined) take decoded: 8 per cell (float64 or a string's reference). */
export async function parquetDecodedBytes(file: string, wanted?: readonly string[]): Promise<number> {
  const { projectColumns, readParquetLayout } = await import('../formats/parquet');
  return withFileSource(file, async (source) => {
    const layout = await readParquetLayout(source);
    return layout.rowCount * projectColumns(layout, wanted).length * 8;
  });
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

export async function describeParquetInPasses(
  file: string,
  qs: readonly number[],
  options: CellOptions & PassProgress & { columns?: readonly string[] } = {},
): Promise<ParquetStats> {
  const { forEachRowGroup, projectColumns, readParquetLayout } = await import('../formats/parquet');
  return withFileSource(
    file,
    async (source) => {
      const layout: ParquetLayout = await readParquetLayout(source, options);
      const selected = projectColumns(layout, options.columns);
      const columns = selected.map((c) => ({ name: c.name, numeric: c.numeric, count: 0, missing: 0 }));
      const passes = new ExactPasses(qs);
      const numericNames = selected.filter((c) => c.numeric).map((c) => c.name);
      const allNames = selected.map((c) => c.name);
      for (let pass = 1; !passes.done; pass++) {
        const first = pass === 1;
        await forEachRowGroup(
          source,
          layout,
          first ? allNames : numericNames,
          (rowStart, rows, data) => {
            columns.forEach((column, j) => {
              const values = data.get(column.name);
              if (!values) return;
              if (!column.numeric) {
                for (let i = 0; i < rows; i++)
                  if (values[i] === null || values[i] === undefined) column.missing++;
                return;
              }
              const sink = passes.sink(j);
              for (let i = 0; i < rows; i++) {
                const value = numberOf(values[i]);
                if (first) {
                  if (Number.isNaN(value)) column.missing++;
                  else column.count++;
                }
                sink.add(value);
              }
            });
            options.onProgress?.(rowStart + rows, layout.rowCount, pass);
          },
          options.signal,
        );
        if (first) {
          columns.forEach((column, j) => {
            passes.sink(j); // every column has a slot; text ones are left out
            if (!column.numeric) {
              column.count = layout.rowCount - column.missing;
              passes.exclude(j);
            }
          });
        }
        passes.endPass();
      }
      return { rowCount: layout.rowCount, columns, notes: layout.notes, passes };
    },
    { signal: options.signal },
  );
}
