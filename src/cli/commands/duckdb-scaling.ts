/** fit and normalize with `--engine duckdb`: DuckDB reads the input (any size, a glob or a folder). */
import type { Scaler, ScalingMethod } from '../../engine/scale/scaler';
import { duckDbModules, interruptOnCtrlC, withInputName } from '../engine-flag';
import { UsageError } from '../usage-error';

async function run<T>(
  file: string,
  work: (
    duck: Awaited<ReturnType<typeof duckDbModules>>,
    session: Parameters<Parameters<Awaited<ReturnType<typeof duckDbModules>>['withDuckDb']>[0]>[0],
    source: ReturnType<Awaited<ReturnType<typeof duckDbModules>>['duckDbSource']>,
  ) => Promise<T>,
): Promise<T> {
  const duck = await duckDbModules();
  const source = withInputName(() => duck.duckDbSource(file));
  const ctrlC = interruptOnCtrlC();
  try {
    return await duck.withDuckDb((session) => work(duck, session, source), ctrlC.signal);
  } catch (error) {
    if (error instanceof RangeError)
      throw new UsageError(
        error.message.startsWith('--columns') ? '--columns' : '<input>',
        error.message.replace(/^--columns: /, ''),
      );
    throw error;
  } finally {
    ctrlC.close();
  }
}

export async function fitWithDuckDb(
  file: string,
  method: ScalingMethod,
  options: Record<string, unknown>,
  wanted: string[] | undefined,
): Promise<{ scaler: Scaler; columns: string[] }> {
  const fitted = await run(file, (duck, session, source) =>
    duck.duckDbFit(session, source, method, options, wanted),
  );
  if (fitted.note) process.stderr.write(`normscope: ${fitted.note}\n`);
  return fitted;
}

export async function normalizeWithDuckDb(
  file: string,
  method: ScalingMethod,
  options: Record<string, unknown>,
  wanted: string[] | undefined,
  out: string,
  force: boolean,
): Promise<void> {
  await run(file, async (duck, session, source) => {
    const fitted = await duck.duckDbFit(session, source, method, options, wanted);
    if (fitted.note) process.stderr.write(`normscope: ${fitted.note}\n`);
    await duck.duckDbNormalize(session, source, fitted.scaler.toJSON(), fitted.columns, out, force);
  });
}
