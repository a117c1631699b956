/**
 * NumPy .npz archives (np.savez and np.savez_compressed: a zip of .npy members) with fflate. One array
 * is read at a time: `--array NAME`, or the first member (the choice is said in a note).
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { InputError } from '../errors';
import { decodeNpy, encodeNpy, type NpyArray } from '../npy';
import type { FloatArray } from '../../engine/tensor/tensor';
import type { AdviceLanguage } from '../../engine/advise/messages';
import { readerNote } from './reader-notes';

export interface NpzArray {
  name: string;
  array: NpyArray;
  /** Every array's name, in the archive's order. */
  names: string[];
  note?: string;
}

function unzip(bytes: Uint8Array): Unzipped {
  if (bytes.length === 0) throw new InputError('empty file');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new InputError('not a .npz file (not a zip archive)');
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new InputError(
      `corrupt or truncated .npz: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const arrayName = (member: string) => member.replace(/\.npy$/, '');

/** The archive's array names, in order. */
export function npzArrayNames(bytes: Uint8Array): string[] {
  return Object.keys(unzip(bytes))
    .filter((m) => m.endsWith('.npy'))
    .map(arrayName);
}

/** The array `wanted` (the first when undefined) of an .npz file's bytes. */
export function readNpz(bytes: Uint8Array, wanted?: string, language?: AdviceLanguage): NpzArray {
  const members = unzip(bytes);
  const names = Object.keys(members)
    .filter((m) => m.endsWith('.npy'))
    .map(arrayName);
  if (names.length === 0) throw new InputError('holds no .npy arrays');
  const name = wanted ?? names[0];
  if (!names.includes(name))
    throw new InputError(`--array: '${name}' is not an array of the archive (arrays: ${names.join(', ')})`);
  const array = decodeNpy(members[`${name}.npy`]);
  const note =
    wanted === undefined && names.length > 1
      ? readerNote(language, 'readArray', { name, names: names.join(', ') })
      : undefined;
  return { name, array, names, note };
}

/** The archive again with array `name` replaced by `data` (same shape), the other members as they were. */
export function replaceNpzArray(
  bytes: Uint8Array,
  name: string,
  data: FloatArray,
  shape: readonly number[],
): Uint8Array {
  const members = unzip(bytes);
  members[`${name}.npy`] = new Uint8Array(encodeNpy(data, shape));
  return zipSync(members, { level: 6 });
}
