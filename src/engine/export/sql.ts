/**
 * A fitted transform as one SQL SELECT: each fitted column's expression aliased to its own name, in the
 * params' order, reading FROM the table; constants are written so every dialect reads back the same float64 (dialects.ts).
 */
import { SQL_DIALECTS, type DialectInfo, type SqlDialect } from './dialects';
import { ARITHMETIC, type Condition, type Expr, type Stage } from './expression';

export interface SelectOptions {
  dialect: SqlDialect;
  /** The FROM clause's table, written as given (it may be qualified: schema.table, or a dbt ref). */
  table: string;
  /** Append the table's other columns with the dialect's star-except form. */
  withRest: boolean;
}

/** A float64 literal that parses back to the same bits (non-finite values as CAST from text). */
export function sqlNumber(value: number, dialect: DialectInfo): string {
  if (Number.isFinite(value)) return dialect.doubleLiteral(String(value));
  const text = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return `CAST('${text}' AS ${dialect.double})`;
}

/** `columnsAreDouble`: the columns come from an earlier stage, already float64 (no CAST needed). */
export function sqlExpression(expr: Expr, dialect: DialectInfo, columnsAreDouble = false): string {
  const r = (e: Expr): string => sqlExpression(e, dialect, columnsAreDouble);
  switch (expr.op) {
    case 'column': {
      const name = dialect.quoteIdentifier(expr.name);
      return columnsAreDouble ? name : `CAST(${name} AS ${dialect.double})`;
    }
    case 'number':
      return sqlNumber(expr.value, dialect);
    case 'null':
      return `CAST(NULL AS ${dialect.double})`;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return `(${r(expr.left)} ${ARITHMETIC[expr.op]} ${r(expr.right)})`;
    case 'pow':
      return `POWER(${r(expr.left)}, ${r(expr.right)})`;
    case 'neg':
      return `(- ${r(expr.arg)})`; // the space keeps '- -1' from reading as a '--' comment
    case 'abs':
      return `ABS(${r(expr.arg)})`;
    case 'sqrt':
      return `SQRT(${r(expr.arg)})`;
    case 'ln':
      return `LN(${r(expr.arg)})`;
    case 'greatest': {
      const anyNull = expr.args.map((a) => `${r(a)} IS NULL`).join(' OR ');
      return `CASE WHEN ${anyNull} THEN NULL ELSE GREATEST(${expr.args.map(r).join(', ')}) END`;
    }
    case 'case':
      return `CASE ${expr.whens.map((w) => `WHEN ${sqlCondition(w.when, dialect, columnsAreDouble)} THEN ${r(w.then)}`).join(' ')} ELSE ${r(expr.otherwise)} END`;
  }
}

const COMPARISON = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '=' } as const;

function sqlCondition(condition: Condition, dialect: DialectInfo, columnsAreDouble: boolean): string {
  const r = (e: Expr): string => sqlExpression(e, dialect, columnsAreDouble);
  if (condition.op === 'is-null') return `${r(condition.arg)} IS NULL`;
  return `${r(condition.left)} ${COMPARISON[condition.op]} ${r(condition.right)}`;
}

/** The stages as one SELECT (later stages read the earlier ones from nested subqueries). */
export function selectSql(
  stages: readonly Stage[],
  columns: readonly string[],
  options: SelectOptions,
): string {
  const dialect = SQL_DIALECTS[options.dialect];
  const quoted = columns.map((c) => dialect.quoteIdentifier(c));
  let rest: string | undefined;
  if (options.withRest) {
    if (!dialect.starExcept)
      throw new RangeError(
        `export: --with-rest: ${dialect.title} has no SELECT * EXCEPT form; list the other columns after the SELECT yourself, or export for another dialect`,
      );
    rest = dialect.starExcept(quoted);
  }
  let from = options.table;
  stages.forEach((stage, index) => {
    const items = stage.map((expr, j) => `  ${sqlExpression(expr, dialect, index > 0)} AS ${quoted[j]}`);
    if (rest) items.push(`  ${rest}`);
    const select = `SELECT\n${items.join(',\n')}\nFROM ${from}`;
    from = index === stages.length - 1 ? select : `(\n${select}\n) AS normscope_stage_${index + 1}`;
  });
  return from;
}
