/**
 * DuckDB, loaded only when `--engine duckdb` (or the panel's "Fit with DuckDB") asks for it: the native
 * module is never imported at activation or by a browser bundle. Ctrl-C interrupts the running query.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface DuckDbSession {
  connection: DuckDBConnection;
  /** Rows of a query as plain JavaScript values (DOUBLE → number, BIGINT → bigint, LIST → array). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** DuckDB's own progress of the running query, 0…100 (-1 when unknown). */
  progress(): number;
  interrupt(): void;
}

type NodeApi = typeof import('@duckdb/node-api');

async function loadDuckDb(): Promise<NodeApi> {
  try {
    return await import('@duckdb/node-api');
  } catch (error) {
    throw new Error(
      `--engine duckdb needs the @duckdb/node-api native module for ${process.platform}-${process.arch}, which is not installed here (${(error as Error).message}); use the default engine, or install NormScope's package for this platform`,
      { cause: error },
    );
  }
}

/** Runs `work` with a fresh in-memory DuckDB (multi-threaded; spills to a temp folder when memory runs short). */
export async function withDuckDb<T>(
  work: (session: DuckDbSession) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const { DuckDBInstance } = await loadDuckDb();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const session: DuckDbSession = {
    connection,
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS(),
    progress: () => connection.progress.percentage,
    interrupt: () => connection.interrupt(),
  };
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt);
  try {
    return await work(session);
  } catch (error) {
    if (signal?.aborted) throw new Error('interrupted: the DuckDB query was stopped', { cause: error });
    throw error;
  } finally {
    signal?.removeEventListener('abort', interrupt);
    connection.closeSync();
    instance.closeSync();
  }
}
