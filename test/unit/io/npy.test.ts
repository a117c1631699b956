import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeNpy, encodeNpy } from '../../../src/io/npy';
import { InputError } from '../../../src/io/errors';

/** A .npy v1.0 or v2.0 file with the given header dict and raw data bytes, as NumPy lays it out. */
function npyFile(header: string, data: Uint8Array, major = 1): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  let text = header + ' ';
  while ((prefix + text.length + 1) % 64 !== 0) text += ' ';
  text += '\n';
  const out = new Uint8Array(prefix + text.length + data.length);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  out.set(new TextEncoder().encode(text), prefix);
  out.set(data, prefix + text.length);
  return out;
}

function bytesOf(
  values: number[],
  write: (view: DataView, at: number, v: number) => void,
  width: number,
): Uint8Array {
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => write(view, i * width, v));
  return out;
}

test('encodeNpy and decodeNpy round-trip float64 and float32 arrays bit for bit (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(fc.double(), { maxLength: 40 }), fc.boolean(), (values, single) => {
      const data = single ? Float32Array.from(values) : Float64Array.from(values);
      const decoded = decodeNpy(encodeNpy(data, [data.length]));
      assert.equal(decoded.data instanceof Float32Array, single);
      assert.deepEqual(decoded.shape, [data.length]);
      assert.ok(Array.from(decoded.data).every((v, i) => Object.is(v, data[i])));
    }),
  );
});

test('encodeNpy writes a header NumPy reads: magic, version 1.0, padded to 64 bytes', () => {
  const bytes = encodeNpy(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
  const headerLength = new DataView(bytes.buffer).getUint16(8, true);
  assert.equal((10 + headerLength) % 64, 0);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  assert.match(header, /^\{'descr': '<f8', 'fortran_order': False, 'shape': \(2, 3\), \}\s*\n$/);
});

test('decodeNpy reads big-endian floats, small integers, booleans, safe int64 and version 2.0 headers', () => {
  const big = decodeNpy(
    npyFile(
      "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }",
      bytesOf([1.5, -2, 1e300], (v, at, x) => v.setFloat64(at, x, false), 8),
    ),
  );
  assert.deepEqual(Array.from(big.data), [1.5, -2, 1e300]);
  const shorts = decodeNpy(
    npyFile(
      "{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2), }",
      bytesOf([-3, 7, 32767, -32768], (v, at, x) => v.setInt16(at, x, true), 2),
    ),
  );
  assert.deepEqual(
    [Array.from(shorts.data), shorts.shape],
    [
      [-3, 7, 32767, -32768],
      [2, 2],
    ],
  );
  const bytes = decodeNpy(
    npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", Uint8Array.of(0, 128, 255)),
  );
  assert.deepEqual(Array.from(bytes.data), [0, 128, 255]);
  const flags = decodeNpy(
    npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", Uint8Array.of(1, 0, 1)),
  );
  assert.deepEqual(Array.from(flags.data), [1, 0, 1]);
  const longs = decodeNpy(
    npyFile(
      "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
      bytesOf([-(2 ** 53), 42], (v, at, x) => v.setBigInt64(at, BigInt(x), true), 8),
    ),
  );
  assert.deepEqual(Array.from(longs.data), [-(2 ** 53), 42]);
  const v2 = decodeNpy(
    npyFile(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
      bytesOf([0.5], (v, at, x) => v.setFloat32(at, x, true), 4),
      2,
    ),
  );
  assert.deepEqual([Array.from(v2.data), v2.shape], [[0.5], []]);
});

test('decodeNpy turns a Fortran-ordered 2 × 3 array into C order', () => {
  // C-order values 0..5 of a 2×3 array, stored column by column: 0 3 1 4 2 5
  const fortran = decodeNpy(
    npyFile(
      "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
      bytesOf([0, 3, 1, 4, 2, 5], (v, at, x) => v.setFloat64(at, x, true), 8),
    ),
  );
  assert.deepEqual(Array.from(fortran.data), [0, 1, 2, 3, 4, 5]);
});

test('decodeNpy refuses bad magic, truncated data, complex dtypes and unsafe int64 with an InputError naming the file', () => {
  const cases: [Uint8Array, RegExp][] = [
    [new TextEncoder().encode('not an npy file at all'), /x\.npy: .*npy/i],
    [
      npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new Uint8Array(16)),
      /x\.npy: .*(truncated|expected|bytes)/i,
    ],
    [
      npyFile("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(16)),
      /x\.npy: .*c16/,
    ],
    [
      npyFile(
        "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }",
        bytesOf([0], (v, at) => v.setBigInt64(at, 2n ** 60n + 1n, true), 8),
      ),
      /x\.npy: .*cannot be represented/,
    ],
  ];
  for (const [bytes, pattern] of cases) {
    assert.throws(
      () => decodeNpy(bytes, 'x.npy'),
      (error: unknown) => error instanceof InputError && pattern.test(error.message),
    );
  }
});

test('decodeNpy throws nothing but InputError on arbitrary bytes (fast-check)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      try {
        decodeNpy(bytes);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
      }
    }),
    { numRuns: 500 },
  );
});
