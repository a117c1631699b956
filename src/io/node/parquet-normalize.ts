/**
 * normalize on a Parquet file larger than --stream-above: the scaler is fitted by passes over the row
 * groups (partialFit row group by row group for mergeable methods, exact quantiles for the robust
 * scaler, nothing for stateless ones), then each row group is transformed and written as one row group
 * of the output, which keeps the input's schema. Memory: one row group.
 */
import { fromColumns, type Matrix } from '../../engine/scale/matrix';
import { methodInfo } from '../../engine/scale/registry';
import { RobustScaler } from '../../engine/scale/robust';
import { isIncremental, type Scaler } from '../../engine/scale/scaler';
import { ExactPasses } from '../../engine/stats/passes';
import type { AsyncBuffer, ParquetLayout, RowGroupColumns } from '../formats/parquet';
import { AtomicOutput, type OutputOptions } from './atomic-output';
import type { PassProgress } from './csv-passes';
import { columnIndices } from './data-files';
import { withFileSource } from './format-files';

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

async function fitByRowGroups(
  source: AsyncBuffer,
  layout: ParquetLayout,
  names: readonly string[],
  scaler: Scaler,
  progress: PassProgress,
): Promise<void> {
  const { forEachRowGroup } = await import('../formats/parquet');
  const fitsFrom = methodInfo(scaler.method).fitsFrom;
  switch (fitsFrom) {
    case 'nothing':
      scaler.fit(
        fromColumns(
          names.map(() => new Float64Array(0)),
          0,
        ),
      );
      return;
    case 'quantiles': {
      if (!(scaler instanceof RobustScaler))
        throw new TypeError(`${scaler.method} cannot be fitted by passes`);
      const passes = new ExactPasses(scaler.fitQuantiles);
      for (let pass = 1; !passes.done; pass++) {
        await forEachRowGroup(
          source,
          layout,
          names,
          (start, rows, data) => {
            const matrix = groupMatrix(data, names, rows);
            names.forEach((_, k) => {
              const sink = passes.sink(k);
              for (let i = 0; i < rows; i++) sink.add(matrix.data[i * matrix.cols + k]);
            });
            progress.onProgress?.(start + rows, layout.rowCount, pass);
          },
          progress.signal,
        );
        passes.endPass();
      }
      scaler.fitFromQuantiles(names.map((_, k) => passes.quantiles(k)));
      return;
    }
    case 'batches': {
      if (!isIncremental(scaler)) throw new TypeError(`${scaler.method} cannot be fitted by passes`);
      let fitted = false;
      await forEachRowGroup(
        source,
        layout,
        names,
        (start, rows, data) => {
          if (rows === 0) return;
          const matrix = groupMatrix(data, names, rows);
          if (fitted) scaler.partialFit(matrix);
          else scaler.fit(matrix);
          fitted = true;
          progress.onProgress?.(start + rows, layout.rowCount, 1);
        },
        progress.signal,
      );
      if (!fitted)
        scaler.fit(
          fromColumns(
            names.map(() => new Float64Array(0)),
            0,
          ),
        );
      return;
    }
    case 'all-values':
      throw new TypeError(`${scaler.method} needs every value at once and cannot be fitted by passes`);
  }
}

/** Fits `scaler` on the columns `wanted` (every numeric one when undefined) and writes `out`. */
export async function normalizeParquetInPasses(
  file: string,
  scaler: Scaler,
  wanted: readonly string[] | undefined,
  out: string,
  options: OutputOptions & PassProgress,
): Promise<void> {
  const { forEachRowGroup, ParquetRowGroupWriter, readParquetLayout } = await import('../formats/parquet');
  await withFileSource(
    file,
    async (source) => {
      const layout = await readParquetLayout(source);
      const indices = columnIndices(layout.columns, wanted, file);
      const names = indices.map((j) => layout.columns[j].name);
      await fitByRowGroups(source, layout, names, scaler, options);
      const output = new AtomicOutput(out, {
        force: options.force,
        inputs: [file, ...(options.inputs ?? [])],
      });
      try {
        const writer = new ParquetRowGroupWriter(layout.columns, new Set(names), (bytes) =>
          output.write(bytes),
        );
        await forEachRowGroup(
          source,
          layout,
          layout.columns.map((c) => c.name),
          async (start, rows, data) => {
            const result = scaler.transform(groupMatrix(data, names, rows));
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
    },
    { signal: options.signal },
  );
}
