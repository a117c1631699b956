/**
 * `--engine ours|duckdb` for stats, fit and normalize. DuckDB (src/duckdb/) is imported only when
 * chosen, so the native module is loaded by nothing else.
 */
import { DUCKDB_FORMATS, formatOrCsv } from '../io/formats/registry';
import { parseChoice } from './args';
import { UsageError } from './usage-error';
import { say } from './messages';
import { InputError } from '../io/errors';

export const ENGINE_OPTIONS = { engine: { type: 'string' } } as const;
export const ENGINE_USAGE = '[--engine ours|duckdb]';
const ENGINES = ['ours', 'duckdb'] as const;

/** True when `--engine duckdb` was given; refuses inputs DuckDB does not read. */
export function usesDuckDb(value: string | undefined, input: string): boolean {
  if (value === undefined) return false;
  const engine = parseChoice('--engine', value, ENGINES);
  const format = formatOrCsv(input);
  if (engine === 'duckdb' && !DUCKDB_FORMATS.includes(format.id))
    throw new UsageError('--engine', say('duckDbFormats', { file: input, format: format.label }));
  return engine === 'duckdb';
}

/** The DuckDB half of the CLI, loaded on first use; DuckDB's errors become usage errors naming the input. */
export async function duckDbModules() {
  const [connection, source, stats, fit, normalize] = await Promise.all([
    import('../duckdb/connection'),
    import('../duckdb/source'),
    import('../duckdb/stats'),
    import('../duckdb/fit'),
    import('../duckdb/normalize'),
  ]);
  return { ...connection, ...source, ...stats, ...fit, ...normalize };
}

type DuckDbModules = Awaited<ReturnType<typeof duckDbModules>>;
type DuckDbSession = Parameters<Parameters<DuckDbModules['withDuckDb']>[0]>[0];

/**
 * Runs `work` on a fresh DuckDB over `file`; Ctrl-C (or SIGTERM) interrupts the query. DuckDB's
 * refusals (a path it cannot read, a column it lacks) become usage errors naming the input or --columns.
 */
export async function runDuckDb<T>(
  file: string,
  work: (
    duck: DuckDbModules,
    session: DuckDbSession,
    source: ReturnType<DuckDbModules['duckDbSource']>,
  ) => Promise<T>,
): Promise<T> {
  const duck = await duckDbModules();
  const source = (() => {
    try {
      return duck.duckDbSource(file);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError('<input>', error.message);
      throw error;
    }
  })();
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await duck.withDuckDb((session) => work(duck, session, source), controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw new InputError(say('duckDbInterrupted'), file);
    // DuckDB's own errors ("Conversion Error: … Line: 12 …") say what in the input they concern.
    if (error instanceof Error && /^[A-Z][A-Za-z ]* Error: /.test(error.message))
      throw new InputError(`DuckDB: ${error.message.split('\n')[0]}`, file);
    if (error instanceof RangeError) {
      const columns = error.message.startsWith('--columns: ');
      throw new UsageError(columns ? '--columns' : '<input>', error.message.replace(/^--columns: /, ''));
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}
