/** fit and normalize with `--engine duckdb`: DuckDB reads the input (any size, a glob or a folder). */
import type { Scaler, ScalingMethod } from '../../engine/scale/scaler';
import { runDuckDb } from '../engine-flag';

export async function fitWithDuckDb(
  file: string,
  method: ScalingMethod,
  options: Record<string, unknown>,
  wanted: string[] | undefined,
): Promise<{ scaler: Scaler; columns: string[] }> {
  const fitted = await runDuckDb(file, (duck, session, source) =>
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
  await runDuckDb(file, async (duck, session, source) => {
    const fitted = await duck.duckDbFit(session, source, method, options, wanted);
    if (fitted.note) process.stderr.write(`normscope: ${fitted.note}\n`);
    await duck.duckDbNormalize(session, source, fitted.scaler.toJSON(), fitted.columns, out, force);
  });
}
