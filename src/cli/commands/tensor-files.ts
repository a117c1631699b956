/** .npy tensors and layer state files for the tensor commands. */
import { tensor, type Tensor } from '../../engine/tensor/tensor';
import type { RunningStats } from '../../engine/layers/batch-norm';
import { encodeNpy, type NpyArray } from '../../io/npy';
import { readJsonFile } from '../../io/node/read-file';
import { writeFileAtomic, type OutputOptions } from '../../io/node/atomic-output';
import { InputError } from '../../io/errors';
import { say } from '../messages';
import { jsonText } from '../../io/json-numbers';
import { readNpyFile } from '../../io/node/data-files';

export async function readTensor(file: string): Promise<Tensor> {
  const array: NpyArray = await readNpyFile(file);
  return tensor(array.data, array.shape);
}

/** A 1-d parameter (γ, β, running statistics) read from .npy, as float64. */
export async function readVector(file: string | undefined): Promise<Float64Array | undefined> {
  if (file === undefined) return undefined;
  return Float64Array.from((await readNpyFile(file)).data);
}

export async function writeTensor(file: string, t: Tensor, options: OutputOptions): Promise<void> {
  await writeFileAtomic(file, encodeNpy(t.data, t.shape), options);
}

export interface StateFile {
  runningMean: number[];
  runningVar: number[];
  numBatchesTracked: number;
  batchMean?: number[];
  batchVar?: number[];
}

export async function readState(file: string | undefined): Promise<RunningStats | undefined> {
  if (file === undefined) return undefined;
  const state = (await readJsonFile(file)) as Partial<StateFile>;
  const numbers = (key: 'runningMean' | 'runningVar') => {
    const value = state[key];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) {
      throw new InputError(say('arrayOfNumbers', { key }), file);
    }
    return Float64Array.from(value);
  };
  return {
    runningMean: numbers('runningMean'),
    runningVar: numbers('runningVar'),
    numBatchesTracked: Number(state.numBatchesTracked ?? 0),
  };
}

export async function writeState(
  file: string,
  running: RunningStats,
  batch: { batchMean?: Float64Array; batchVar?: Float64Array },
  options: OutputOptions,
): Promise<void> {
  const state: StateFile = {
    runningMean: Array.from(running.runningMean),
    runningVar: Array.from(running.runningVar),
    numBatchesTracked: running.numBatchesTracked,
    ...(batch.batchMean ? { batchMean: Array.from(batch.batchMean) } : {}),
    ...(batch.batchVar ? { batchVar: Array.from(batch.batchVar) } : {}),
  };
  await writeFileAtomic(file, jsonText(state), options);
}
