/**
 * `stats --engine duckdb`: the same per-column summary as our engine (count, missing, mean, std ddof 1
 * and 0, min, quartiles, max, skewness, kurtosis), computed by DuckDB in two scans: counts, mean,
 * extremes and exact quartiles (quantile_cont, numpy's linear rule), then the centred power sums.
 */
import { QUARTILES, type Summary } from '../engine/stats/describe';
import { SQL_DIALECTS } from '../engine/export/dialects';
import { sqlNumber } from '../engine/export/sql';
import { describeColumns } from './columns';
import type { DuckDbSession } from './connection';
import type { DuckDbSource } from './source';

const DUCKDB = SQL_DIALECTS.duckdb;
const q = (name: string) => DUCKDB.quoteIdentifier(name);
const double = (name: string) => `CAST(${q(name)} AS DOUBLE)`;
const toNumber = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

export interface DuckDbColumnStats {
  name: string;
  kind: 'numeric' | 'text';
  count: number;
  missing: number;
  summary: Summary | undefined;
}

export async function duckDbStats(
  session: DuckDbSession,
  source: DuckDbSource,
): Promise<{ rows: number; columns: DuckDbColumnStats[] }> {
  const columns = await describeColumns(session, source);
  const from = `FROM ${source.tableFunction}`;
  const first = [
    'count(*) AS rows',
    ...columns.flatMap((c, j) => [
      `count(${q(c.name)}) AS c${j}_count`,
      ...(c.numeric
        ? [
            `fsum(${double(c.name)}) / count(${double(c.name)}) AS c${j}_mean`,
            `min(${double(c.name)}) AS c${j}_min`,
            `max(${double(c.name)}) AS c${j}_max`,
            `quantile_cont(${double(c.name)}, [${QUARTILES.join(', ')}]) AS c${j}_quartiles`,
          ]
        : []),
    ]),
  ];
  const [head] = await session.rows(`SELECT ${first.join(', ')} ${from}`);
  const rows = toNumber(head.rows);
  const numeric = columns.map((c, j) => (c.numeric ? j : -1)).filter((j) => j >= 0);
  const means = new Map(numeric.map((j) => [j, toNumber(head[`c${j}_mean`])]));
  const second = numeric.flatMap((j) => {
    const centred = `(${double(columns[j].name)} - ${sqlNumber(means.get(j)!, DUCKDB)})`;
    return [1, 2, 3, 4].map(
      (p) =>
        `fsum(${p === 1 ? centred : p === 2 ? `${centred} * ${centred}` : `power(${centred}, ${p})`}) AS c${j}_m${p}`,
    );
  });
  const [sums] = second.length > 0 ? await session.rows(`SELECT ${second.join(', ')} ${from}`) : [{}];
  return {
    rows,
    columns: columns.map((c, j) => {
      const count = toNumber(head[`c${j}_count`]);
      const missing = rows - count;
      if (!c.numeric) return { name: c.name, kind: 'text', count, missing, summary: undefined };
      const quartiles = (head[`c${j}_quartiles`] as (number | null)[] | null) ?? [null, null, null];
      const [q25, median, q75] = quartiles.map(toNumber);
      // The first scan's mean carries rounding error; the centred sums correct it to first order, with
      // our engine's formulas (moments.ts), so a mean near 0 of large values still agrees.
      const [s1, s2, s3, s4] = [1, 2, 3, 4].map((p) => toNumber(sums[`c${j}_m${p}`]));
      const shift = s1 / count;
      const mean = means.get(j)! + shift;
      const m2 = s2 - s1 * shift;
      const m3 = s3 - 3 * shift * s2 + 2 * count * shift ** 3;
      const m4 = s4 - 4 * shift * s3 + 6 * shift * shift * s2 - 3 * count * shift ** 4;
      const spread = count > 0 && m2 / count > (1e-15 * Math.abs(mean)) ** 2 && m2 > 0;
      const summary: Summary = {
        count,
        missing,
        mean: count === 0 ? NaN : mean,
        std: count - 1 > 0 ? Math.sqrt(Math.max(m2, 0) / (count - 1)) : NaN,
        stdPopulation: count > 0 ? Math.sqrt(Math.max(m2, 0) / count) : NaN,
        min: toNumber(head[`c${j}_min`]),
        q25,
        median,
        q75,
        max: toNumber(head[`c${j}_max`]),
        skewness: spread ? (Math.sqrt(count) * m3) / m2 ** 1.5 : NaN,
        kurtosis: spread ? (count * m4) / (m2 * m2) - 3 : NaN,
      };
      return { name: c.name, kind: 'numeric', count, missing, summary };
    }),
  };
}
