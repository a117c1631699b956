/**
 * A scaler fitted by sequential passes over a file of any format, the pass itself given by the reader
 * (CSV chunks, Parquet row groups, JSON Lines chunks): nothing for stateless methods, partialFit chunk
 * by chunk for min-max and max-abs (exact: min and max merge exactly), the exact two-pass moments for
 * z-score and exact quantiles for the robust scaler — each the whole-file fit, bit for bit.
 */
import { fromColumns, type Matrix } from '../../engine/scale/matrix';
import { methodInfo } from '../../engine/scale/registry';
import { RobustScaler } from '../../engine/scale/robust';
import { isIncremental, type Scaler } from '../../engine/scale/scaler';
import { StandardScaler } from '../../engine/scale/standard';
import { ExactPasses, IGNORE, type ValueSink } from '../../engine/stats/passes';
import { GrowingValues } from '../csv/table';

/**
 * One pass over the file (`pass` counts from 0): column j's values, one per row (NaN = missing), to
 * `sinkFor(j)`; `afterChunk` after each chunk of rows.
 */
export type FilePass = (
  pass: number,
  sinkFor: (column: number) => ValueSink,
  afterChunk?: () => void,
) => Promise<void>;

/** Rows of the selected columns gathered chunk by chunk into a matrix. */
class ChunkColumns {
  private readonly values: GrowingValues[];

  constructor(readonly columns: readonly number[]) {
    this.values = columns.map(() => new GrowingValues(4096));
  }

  sinkFor(column: number): ValueSink {
    const k = this.columns.indexOf(column);
    return k < 0 ? IGNORE : this.values[k];
  }

  /** The rows gathered since the last take, as a matrix (a copy); then starts over. */
  take(): Matrix | undefined {
    const rows = this.values[0]?.length ?? 0;
    if (rows === 0) return undefined;
    const matrix = fromColumns(
      this.values.map((v) => v.values.subarray(0, rows)),
      rows,
    );
    for (const v of this.values) v.length = 0;
    return matrix;
  }
}

/** Whether `scaler` can be fitted by passes: every method but those that need all values at once. */
export function fitsInPasses(scaler: Scaler): boolean {
  return methodInfo(scaler.method).fitsFrom !== 'all-values';
}

const emptyFit = (columns: readonly number[]) =>
  fromColumns(
    columns.map(() => new Float64Array(0)),
    0,
  );

/** Fits `scaler` on the file's columns `columns` (of `columnCount`) by passes of `runPass`. */
export async function fitByPasses(
  scaler: Scaler,
  columns: readonly number[],
  columnCount: number,
  runPass: FilePass,
): Promise<void> {
  const fitsFrom = methodInfo(scaler.method).fitsFrom;
  if (fitsFrom === 'nothing') {
    scaler.fit(emptyFit(columns));
    return;
  }
  const exactPasses = async (qs: readonly number[]) => {
    const passes = new ExactPasses(qs);
    for (let j = 0; j < columnCount; j++) {
      passes.sink(j); // every column has a slot; only the selected ones are kept
      if (!columns.includes(j)) passes.exclude(j);
    }
    for (let pass = 0; !passes.done; pass++) {
      await runPass(pass, (j) => passes.sink(j));
      passes.endPass();
    }
    return passes;
  };
  if (fitsFrom === 'quantiles' && scaler instanceof RobustScaler) {
    const passes = await exactPasses(scaler.fitQuantiles);
    scaler.fitFromQuantiles(columns.map((j) => passes.quantiles(j)));
    return;
  }
  if (scaler instanceof StandardScaler) {
    // the whole-file fit's moments exactly (two passes), not a merge of per-chunk moments
    const passes = await exactPasses([]);
    scaler.fitFromMoments(columns.map((j) => passes.moments(j)));
    return;
  }
  if (fitsFrom !== 'batches' || !isIncremental(scaler))
    throw new TypeError(`${scaler.method} cannot be fitted by passes`);
  const chunk = new ChunkColumns(columns);
  let fitted = false;
  const fitChunk = () => {
    const matrix = chunk.take();
    if (!matrix) return;
    if (fitted) scaler.partialFit(matrix);
    else scaler.fit(matrix);
    fitted = true;
  };
  await runPass(0, (j) => chunk.sinkFor(j), fitChunk);
  fitChunk();
  if (!fitted) scaler.fit(emptyFit(columns));
}
