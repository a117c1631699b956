/**
 * A fitted transform as a PySpark function over DataFrames: the same expressions as the SQL export,
 * as pyspark.sql.functions Columns, with the fitted constants as Python float literals (Python and
 * JavaScript both print the shortest decimal that reads back to the same double).
 */
import { ARITHMETIC, type Condition, type Expr, type Stage } from './expression';

function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "float('-inf')";
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function pysparkExpression(expr: Expr): string {
  const r = pysparkExpression;
  switch (expr.op) {
    case 'column':
      return `_col(${JSON.stringify(expr.name)})`;
    case 'number':
      return `F.lit(${pythonFloat(expr.value)})`;
    case 'null':
      return "F.lit(None).cast('double')";
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return `(${r(expr.left)} ${ARITHMETIC[expr.op]} ${r(expr.right)})`;
    case 'pow':
      return `F.pow(${r(expr.left)}, ${r(expr.right)})`;
    case 'neg':
      return `(-${r(expr.arg)})`;
    case 'abs':
      return `F.abs(${r(expr.arg)})`;
    case 'sqrt':
      return `F.sqrt(${r(expr.arg)})`;
    case 'ln':
      return `F.log(${r(expr.arg)})`;
    case 'greatest': {
      // F.greatest skips nulls; the engine's max norm of a row holding a missing value is missing.
      const anyNull = expr.args.map((a) => `${r(a)}.isNull()`).join(' | ');
      return `F.when(${anyNull}, F.lit(None).cast('double')).otherwise(F.greatest(${expr.args.map(r).join(', ')}))`;
    }
    case 'case':
      return `${expr.whens.map((w, i) => `${i === 0 ? 'F.when' : '.when'}(${pysparkCondition(w.when)}, ${r(w.then)})`).join('')}.otherwise(${r(expr.otherwise)})`;
  }
}

const COMPARISON = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '==' } as const;

function pysparkCondition(condition: Condition): string {
  if (condition.op === 'is-null') return `${pysparkExpression(condition.arg)}.isNull()`;
  return `(${pysparkExpression(condition.left)} ${COMPARISON[condition.op]} ${pysparkExpression(condition.right)})`;
}

/** `def normscope_transform(df)`: the fitted columns replaced in place, the others kept, order kept. */
export function pysparkFunction(
  stages: readonly Stage[],
  columns: readonly string[],
  header: string,
): string {
  const names = JSON.stringify(columns);
  const lines = [
    header,
    'from pyspark.sql import DataFrame',
    'from pyspark.sql import functions as F',
    '',
    `FITTED = ${names}`,
    '',
    '',
    'def _col(name: str):',
    '    # Back-quoted, so a dot in a name is not read as a struct field.',
    "    return F.col('`' + name.replace('`', '``') + '`')",
    '',
    '',
    'def normscope_transform(df: DataFrame) -> DataFrame:',
    '    order = df.columns',
    "    df = df.select(*[_col(c).cast('double').alias(c) if c in FITTED else _col(c) for c in order])",
  ];
  for (const stage of stages) {
    lines.push('    df = df.select(');
    stage.forEach((expr, j) =>
      lines.push(`        ${pysparkExpression(expr)}.alias(${JSON.stringify(columns[j])}),`),
    );
    lines.push('        *[_col(c) for c in df.columns if c not in FITTED],', '    )');
  }
  lines.push('    return df.select(*[_col(c) for c in order])', '');
  return lines.join('\n');
}
