/**
 * What the panel and the notebook renderer show: a table (named columns; numeric ones as float64 with
 * NaN for missing) or an N-d tensor with axis names. Literal selections and .npy files of rank ≤ 2 are
 * tables (samples × features), as scikit-learn sees them; higher ranks are tensors.
 */
import { tensor, type FloatArray, type Tensor } from '../tensor/tensor';

export interface TableColumn {
  name: string;
  kind: 'numeric' | 'text';
  /** Numeric columns: one value per row (NaN = missing); text columns: empty. */
  values: Float64Array;
  /** Missing fields, when the reader counted them (text columns have no values to count). */
  missing?: number;
}

export type Dataset =
  | { kind: 'table'; title: string; columns: TableColumn[]; rowCount: number }
  | { kind: 'tensor'; title: string; tensor: Tensor; axisNames: string[] };

/** Axis names for a tensor of a given rank: the conventional channels-first letters. */
export function defaultAxisNames(rank: number): string[] {
  const names: Record<number, string[]> = {
    3: ['N', 'C', 'L'],
    4: ['N', 'C', 'H', 'W'],
    5: ['N', 'C', 'D', 'H', 'W'],
  };
  return names[rank] ?? Array.from({ length: rank }, (_, axis) => `d${axis}`);
}

/** A dataset from an array: rank 0–2 as a table (columns "0", "1", …), higher ranks as a tensor. */
export function datasetFromArray(title: string, data: FloatArray, shape: readonly number[]): Dataset {
  if (shape.length <= 2) {
    const rows = shape.length === 0 ? 1 : shape[0];
    const cols = shape.length === 2 ? shape[1] : 1;
    const columns = Array.from({ length: cols }, (_, j) => ({
      name: String(j),
      kind: 'numeric' as const,
      values: Float64Array.from({ length: rows }, (_, i) => data[i * cols + j]),
    }));
    return { kind: 'table', title, columns, rowCount: rows };
  }
  return { kind: 'tensor', title, tensor: tensor(data, shape), axisNames: defaultAxisNames(shape.length) };
}
