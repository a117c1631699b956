/**
 * NumPy's .npy format (versions 1.0, 2.0, 3.0) over bytes. Reads little/big-endian f4, f8, i1–i8,
 * u1–u8 and bool in C or Fortran order into C-ordered data: f4 stays a Float32Array, everything else
 * becomes a Float64Array (64-bit integers beyond 2^53 are refused rather than rounded). Writes '<f8'
 * (or '<f4' for Float32Array data) in C order with a version 1.0 header padded to 64 bytes, as NumPy does.
 */
import { InputError } from './errors';
import { sizeOf, tensor, gather, type FloatArray } from '../engine/tensor/tensor';

export interface NpyArray {
  data: FloatArray;
  shape: number[];
  /** The dtype as written in the file, e.g. '<f8', '>i4', '|b1'. */
  dtype: string;
  /** True when the file stored Fortran order (the data returned is always C order). */
  fortranOrder: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface DtypeReader {
  size: number;
  read(view: DataView, offset: number, littleEndian: boolean): number;
}

const READERS: Record<string, DtypeReader> = {
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  i8: { size: 8, read: (v, o, le) => safeInteger(v.getBigInt64(o, le)) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  u2: { size: 2, read: (v, o, le) => v.getUint16(o, le) },
  u4: { size: 4, read: (v, o, le) => v.getUint32(o, le) },
  u8: { size: 8, read: (v, o, le) => safeInteger(v.getBigUint64(o, le)) },
  b1: { size: 1, read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1) },
};

/** A 64-bit integer as a float64, refused unless exact (2^60 is; 2^60 + 1 is not). */
function safeInteger(value: bigint): number {
  const converted = Number(value);
  if (BigInt(converted) !== value) {
    throw new InputError(`64-bit integer ${value} cannot be represented exactly as a float64`);
  }
  return converted;
}

function parseHeader(text: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new InputError(`not a valid .npy header: ${JSON.stringify(text.trim().slice(0, 120))}`);
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      if (!/^\d+L?$/.test(part))
        throw new InputError(`.npy header shape (${shapeText}) is not a tuple of integers`);
      return Number.parseInt(part, 10);
    });
  return { descr, fortranOrder: fortran === 'True', shape };
}

/** Where decoded values go: e.g. a kernel heap (engine/layers/kernel-heap), so layers read them in place. */
export interface NpyAllocator {
  float32(n: number): Float32Array;
  float64(n: number): Float64Array;
}

/**
 * Decodes a whole .npy file's bytes; `file` only names the source in errors. C-ordered data is decoded
 * into arrays from `allocate` when given (Fortran-ordered data is reordered into a new array).
 */
export function decodeNpy(bytes: Uint8Array, file?: string, allocate?: NpyAllocator): NpyArray {
  try {
    return decode(bytes, allocate);
  } catch (error) {
    if (error instanceof InputError && file !== undefined) throw error.inFile(file);
    throw error;
  }
}

function decode(bytes: Uint8Array, allocate?: NpyAllocator): NpyArray {
  if (bytes.length === 0) throw new InputError('empty file');
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new InputError('not a .npy file (no \\x93NUMPY magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) throw new InputError(`unsupported .npy format version ${major}.${bytes[7]}`);
  const headerLengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + headerLengthBytes + headerLength;
  if (dataStart > bytes.length) throw new InputError('truncated .npy header');
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(8 + headerLengthBytes, dataStart),
  );
  const { descr, fortranOrder, shape } = parseHeader(headerText);
  const match = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const reader = match ? READERS[`${match[2]}${match[3]}`] : undefined;
  if (!match || !reader)
    throw new InputError(`unsupported dtype '${descr}' (supported: f4, f8, i1–i8, u1–u8, bool)`);
  const littleEndian = match[1] !== '>';
  const count = sizeOf(shape);
  const needed = count * reader.size;
  if (bytes.length - dataStart < needed) {
    throw new InputError(
      `truncated .npy data: shape (${shape.join(', ')}) needs ${needed} bytes, found ${bytes.length - dataStart}`,
    );
  }
  const float32 = match[2] === 'f' && match[3] === '4';
  const direct = allocate && !(fortranOrder && shape.length >= 2) ? allocate : undefined;
  const data = float32
    ? (direct?.float32(count) ?? new Float32Array(count))
    : (direct?.float64(count) ?? new Float64Array(count));
  for (let i = 0, at = dataStart; i < count; i++, at += reader.size)
    data[i] = reader.read(view, at, littleEndian);
  if (!fortranOrder || shape.length < 2) return { data, shape, dtype: descr, fortranOrder };
  // Fortran order: the file holds the transpose in C order; gather it back with axes reversed.
  const reversed = [...shape].reverse();
  const order = reversed.map((_, axis) => reversed.length - 1 - axis);
  return { data: gather(tensor(data, reversed), order), shape, dtype: descr, fortranOrder };
}

/** Encodes C-ordered data as a version 1.0 .npy file ('<f8', or '<f4' for Float32Array). */
export function encodeNpy(data: FloatArray, shape: readonly number[]): Uint8Array {
  tensor(data, shape, 'encodeNpy');
  const descr = data instanceof Float32Array ? '<f4' : '<f8';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = new DataView(out.buffer, 10 + header.length);
  const size = data instanceof Float32Array ? 4 : 8;
  for (let i = 0; i < data.length; i++) {
    if (size === 4) body.setFloat32(i * 4, data[i], true);
    else body.setFloat64(i * 8, data[i], true);
  }
  return out;
}
