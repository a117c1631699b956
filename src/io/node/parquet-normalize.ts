/**
 * normalize on a Parquet file larger than --stream-above: the scaler is fitted by passes over the row
 * groups (fit-passes.ts), then each row group is transformed and written as one row group
 * of the output, which keeps the input's schema. Memory: one row group. `fit` uses the same passes
 * alone, and `transform` the row-group writing alone.
 */
import { fromColumns, type Matrix } from '../../engine/scale/matrix';
import type { Scaler } from '../../engine/scale/scaler';
import type { CellOptions } from '../formats/data-table';
import type { AsyncBuffer, ParquetLayout, RowGroupColumns } from '../formats/parquet';
import { AtomicOutput, type OutputOptions } from './atomic-output';
import type { PassProgress } from './csv-passes';
import { columnIndices } from './data-files';
import { withFileSource } from './format-files';
import { fitByPasses } from './fit-passes';

/** A row group's selected columns as a float64 matrix (NaN = missing). */
function groupMatrix(data: RowGroupColumns, names: readonly string[], rows: number): Matrix {
  return fromColumns(
    names.map((name) => {
      const values = data.get(name)!;
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const v = values[i];
        out[i] =
          typeof v === 'number'
            ? v
            : typeof v === 'bigint'
              ? Number(v)
              : typeof v === 'boolean'
                ? Number(v)
                : NaN;
      }
      return out;
    }),
    rows,
  );
}

/** Fits `scaler` on the columns `names` by passes over the row groups (fit-passes.ts). */
async function fitByRowGroups(
  source: AsyncBuffer,
  layout: ParquetLayout,
  names: readonly string[],
  scaler: Scaler,
  progress: PassProgress,
): Promise<void> {
  const { forEachRowGroup } = await import('../formats/parquet');
  await fitByPasses(
    scaler,
    names.map((_, k) => k),
    names.length,
    (pass, sinkFor, afterRowGroup) =>
      forEachRowGroup(
        source,
        layout,
        names,
        (start, rows, data) => {
          const matrix = groupMatrix(data, names, rows);
          names.forEach((_, k) => {
            const sink = sinkFor(k);
            for (let i = 0; i < rows; i++) sink.add(matrix.data[i * matrix.cols + k]);
          });
          afterRowGroup?.();
          progress.onProgress?.(start + rows, layout.rowCount, pass + 1);
        },
        progress.signal,
      ),
  );
}

/** The names of the columns `wanted` (every numeric one when undefined), checked against the file. */
function selectedNames(layout: ParquetLayout, wanted: readonly string[] | undefined, file: string): string[] {
  return columnIndices(layout.columns, wanted, file).map((j) => layout.columns[j].name);
}

/**
 * Fits `scaler` on the columns `wanted` (every numeric one when undefined) by passes over the row
 * groups; returns the names of the columns it was fitted on and the reader's notes.
 */
export async function fitParquetInPasses(
  file: string,
  scaler: Scaler,
  wanted: readonly string[] | undefined,
  options: CellOptions & PassProgress,
): Promise<{ names: string[]; notes: string[] }> {
  const { readParquetLayout } = await import('../formats/parquet');
  return withFileSource(
    file,
    async (source) => {
      const layout = await readParquetLayout(source, options);
      const names = selectedNames(layout, wanted, file);
      await fitByRowGroups(source, layout, names, scaler, options);
      return { names, notes: layout.notes };
    },
    { signal: options.signal },
  );
}

/**
 * Writes `out` from the Parquet `file` row group by row group (one output row group per input row
 * group, the input's schema kept), the columns `names` replaced by `apply` of their values.
 */
async function writeByRowGroups(
  file: string,
  source: AsyncBuffer,
  layout: ParquetLayout,
  names: readonly string[],
  apply: (input: Matrix) => Matrix,
  out: string,
  options: OutputOptions & PassProgress,
): Promise<void> {
  const { forEachRowGroup, ParquetRowGroupWriter } = await import('../formats/parquet');
  const output = new AtomicOutput(out, {
    force: options.force,
    inputs: [file, ...(options.inputs ?? [])],
  });
  try {
    const writer = new ParquetRowGroupWriter(layout.columns, new Set(names), (bytes) => output.write(bytes));
    await forEachRowGroup(
      source,
      layout,
      layout.columns.map((c) => c.name),
      async (start, rows, data) => {
        const result = apply(groupMatrix(data, names, rows));
        const columns = new Map(data);
        names.forEach((name, k) =>
          columns.set(
            name,
            Float64Array.from({ length: rows }, (_, i) => result.data[i * result.cols + k]),
          ),
        );
        await writer.write(rows, columns);
        options.onProgress?.(start + rows, layout.rowCount, 3);
      },
      options.signal,
    );
    await writer.finish();
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}

/** Fits `scaler` on the columns `wanted` (every numeric one when undefined) and writes `out`. */
export async function normalizeParquetInPasses(
  file: string,
  scaler: Scaler,
  wanted: readonly string[] | undefined,
  out: string,
  options: OutputOptions & CellOptions & PassProgress,
): Promise<void> {
  const { readParquetLayout } = await import('../formats/parquet');
  await withFileSource(
    file,
    async (source) => {
      const layout = await readParquetLayout(source, options);
      const names = selectedNames(layout, wanted, file);
      await fitByRowGroups(source, layout, names, scaler, options);
      await writeByRowGroups(file, source, layout, names, (input) => scaler.transform(input), out, options);
    },
    { signal: options.signal },
  );
}

/**
 * Applies saved parameters (`apply`: their transform or inverse) to the columns `names` of the Parquet
 * `file` row group by row group, writing `out` with the input's schema. Returns the reader's notes.
 */
export async function transformParquetInPasses(
  file: string,
  names: readonly string[],
  apply: (input: Matrix) => Matrix,
  out: string,
  options: OutputOptions & CellOptions & PassProgress,
): Promise<string[]> {
  const { readParquetLayout } = await import('../formats/parquet');
  return withFileSource(
    file,
    async (source) => {
      const layout = await readParquetLayout(source, options);
      await writeByRowGroups(file, source, layout, selectedNames(layout, names, file), apply, out, options);
      return layout.notes;
    },
    { signal: options.signal },
  );
}
