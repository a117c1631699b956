/** A samples × features table, row-major, float64 (Float32Array input is widened on entry). */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export function matrix(data: ArrayLike<number>, rows: number, cols: number): Matrix {
  if (
    !Number.isInteger(rows) ||
    !Number.isInteger(cols) ||
    rows < 0 ||
    cols < 0 ||
    rows * cols !== data.length
  ) {
    throw new RangeError(`matrix: ${rows} × ${cols} needs ${rows * cols} values, got ${data.length}`);
  }
  return { data: data instanceof Float64Array ? data : Float64Array.from(data), rows, cols };
}

/** Applies `f(value, column)` to every value into a new matrix of the same shape. */
export function mapColumns(x: Matrix, f: (value: number, column: number) => number): Matrix {
  const out = new Float64Array(x.data.length);
  for (let i = 0, at = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++, at++) out[at] = f(x.data[at], j);
  }
  return { data: out, rows: x.rows, cols: x.cols };
}

/** The values of column j (a copy). */
export function columnOf(x: Matrix, j: number): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = x.data[i * x.cols + j];
  return out;
}

/** Builds a matrix from equal-length columns. */
export function fromColumns(columns: readonly ArrayLike<number>[], rows: number): Matrix {
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  columns.forEach((column, j) => {
    if (column.length !== rows)
      throw new RangeError(`fromColumns: column ${j} has ${column.length} values, expected ${rows}`);
    for (let i = 0; i < rows; i++) data[i * cols + j] = column[i];
  });
  return { data, rows, cols };
}
