/** The columns DuckDB's reader finds, which of them are numbers, and which come from hive folder names. */
import type { DuckDbSession } from './connection';
import type { DuckDbSource } from './source';

export interface DuckDbColumn {
  name: string;
  type: string;
  numeric: boolean;
  /** A hive partition key (folder `key=value`), not a column of the files. */
  partition: boolean;
}

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;

export async function describeColumns(session: DuckDbSession, source: DuckDbSource): Promise<DuckDbColumn[]> {
  const describe = async (reader: string) =>
    (await session.rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => ({
      name: String(r.column_name),
      type: String(r.column_type),
    }));
  const all = await describe(source.tableFunction);
  const fileColumns = source.hive
    ? new Set((await describe(source.tableFunctionWithoutHive)).map((c) => c.name))
    : undefined;
  return all.map((c) => ({
    ...c,
    numeric: NUMERIC_TYPE.test(c.type),
    partition: fileColumns !== undefined && !fileColumns.has(c.name),
  }));
}

/** `wanted` by name (each numeric), or every numeric column that is not a partition key. */
export function chooseColumns(
  columns: readonly DuckDbColumn[],
  wanted: readonly string[] | undefined,
  input: string,
): string[] {
  if (wanted === undefined) {
    const numeric = columns.filter((c) => c.numeric && !c.partition).map((c) => c.name);
    if (numeric.length === 0)
      throw new RangeError(
        `${input}: DuckDB finds no numeric columns (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
      );
    return numeric;
  }
  return wanted.map((name) => {
    const column = columns.find((c) => c.name === name);
    if (!column)
      throw new RangeError(
        `--columns: ${input} has no column '${name}' (it has ${columns.map((c) => c.name).join(', ')})`,
      );
    if (!column.numeric)
      throw new RangeError(`--columns: '${name}' in ${input} is ${column.type} in DuckDB, not a number`);
    return name;
  });
}
