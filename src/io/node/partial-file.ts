/** Saved shard fits (`{"format": "normscope/partial", "version": 1, …}`, see engine/scale/partial-fit.ts). */
import type { PartialFit } from '../../engine/scale/partial-fit';
import { SCALING_METHOD_NAMES } from '../../engine/scale/registry';
import { InputError } from '../errors';
import { jsonText, reviveNumbers } from '../json-numbers';
import { readJsonFile } from './read-file';

export function partialText(partial: PartialFit): string {
  return jsonText(partial);
}

const MOMENT_FIELDS = [
  'count',
  'missing',
  'min',
  'max',
  'shift',
  'shiftedMean',
  'positiveInfinities',
  'negativeInfinities',
  'scale',
  'm2s',
  'm3s',
  'm4s',
] as const;

export async function readPartialFile(file: string): Promise<PartialFit> {
  const partial = (await readJsonFile(file, reviveNumbers)) as PartialFit;
  if (partial?.format !== 'normscope/partial' || partial.version !== 1) {
    const hint =
      (partial as { format?: unknown })?.format === 'normscope/params'
        ? ' (it holds fitted params; write shard fits with fit --partial)'
        : '';
    throw new InputError(
      `is not a normscope partial fit (expected format 'normscope/partial', version 1)${hint}`,
      file,
    );
  }
  const valid =
    (SCALING_METHOD_NAMES as readonly string[]).includes(partial.method) &&
    Array.isArray(partial.columns) &&
    Array.isArray(partial.moments) &&
    partial.moments.length === partial.columns.length &&
    typeof partial.rows === 'number' &&
    partial.moments.every((m) => MOMENT_FIELDS.every((f) => typeof m?.[f] === 'number'));
  if (!valid)
    throw new InputError(
      `has a malformed partial fit: expected a known method, columns, rows and one moments record (${MOMENT_FIELDS.join(', ')}) per column`,
      file,
    );
  return partial;
}
