/** The SQL dialects the exporters write, and what differs between them. */
export type SqlDialect = 'duckdb' | 'postgres' | 'spark' | 'bigquery' | 'snowflake';

export interface DialectInfo {
  title: string;
  /** The float64 type name in CAST. */
  double: string;
  quoteIdentifier(name: string): string;
  /**
   * A finite float64 written so the dialect reads back the same bits: a literal of its double type
   * where it has one (a bare 0.1 is DECIMAL in most dialects), else a CAST from text.
   */
  doubleLiteral(shortest: string): string;
  /** `* EXCEPT (a, b)` in the dialect's spelling, or undefined where it has none. */
  starExcept: ((quoted: string[]) => string) | undefined;
  /** The aggregate that gives an exact linear-interpolation percentile (numpy's default rule). */
  percentile(quotedColumn: string, fraction: string): string;
}

const doubleQuoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export const SQL_DIALECTS: { readonly [D in SqlDialect]: DialectInfo } = {
  duckdb: {
    title: 'DuckDB',
    double: 'DOUBLE',
    quoteIdentifier: doubleQuoted,
    // A literal with an exponent is a DOUBLE in DuckDB, parsed correctly rounded.
    doubleLiteral: (text) => (text.includes('e') ? text : `${text}e0`),
    starExcept: (quoted) => `* EXCLUDE (${quoted.join(', ')})`,
    percentile: (c, f) => `quantile_cont(${c}, ${f})`,
  },
  postgres: {
    title: 'PostgreSQL',
    double: 'DOUBLE PRECISION',
    quoteIdentifier: doubleQuoted,
    doubleLiteral: (text) => `CAST('${text}' AS DOUBLE PRECISION)`,
    starExcept: undefined,
    percentile: (c, f) => `percentile_cont(${f}) WITHIN GROUP (ORDER BY ${c})`,
  },
  spark: {
    title: 'Spark SQL',
    double: 'DOUBLE',
    quoteIdentifier: (name) => `\`${name.replaceAll('`', '``')}\``,
    // The D suffix makes a DOUBLE literal (Java's correctly rounded parse); a bare 0.1 is DECIMAL.
    doubleLiteral: (text) => `${text}D`,
    starExcept: (quoted) => `* EXCEPT (${quoted.join(', ')})`,
    percentile: (c, f) => `percentile(${c}, ${f})`,
  },
  bigquery: {
    title: 'BigQuery',
    double: 'FLOAT64',
    // Every literal with a decimal point or exponent is FLOAT64 in BigQuery; integers are INT64.
    doubleLiteral: (text) => (/[.e]/.test(text) ? text : `${text}.0`),
    quoteIdentifier: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``,
    starExcept: (quoted) => `* EXCEPT (${quoted.join(', ')})`,
    // PERCENTILE_CONT is an analytic function in BigQuery: exact, the same value on every row.
    percentile: (c, f) => `PERCENTILE_CONT(${c}, ${f}) OVER ()`,
  },
  snowflake: {
    title: 'Snowflake',
    double: 'DOUBLE',
    quoteIdentifier: doubleQuoted,
    doubleLiteral: (text) => `CAST('${text}' AS DOUBLE)`,
    starExcept: (quoted) => `* EXCLUDE (${quoted.join(', ')})`,
    percentile: (c, f) => `PERCENTILE_CONT(${f}) WITHIN GROUP (ORDER BY ${c})`,
  },
};

export const SQL_DIALECT_NAMES = Object.keys(SQL_DIALECTS) as SqlDialect[];
