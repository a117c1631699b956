// Kernel heaps: tensors in wasm memory run in place, outputs land in the heap (or the caller's out) and
// released blocks are reused; the results are the bits the same layer gives on plain arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchNorm } from '../../../../src/engine/layers/batch-norm';
import { groupNorm } from '../../../../src/engine/layers/group-norm';
import { instanceNorm } from '../../../../src/engine/layers/instance-norm';
import { createKernelHeap } from '../../../../src/engine/layers/kernel-heap';
import { layerNorm, rmsNorm } from '../../../../src/engine/layers/layer-norm';
import { useWasmKernels } from '../../../../src/engine/layers/wasm-kernels';
import { ParameterError } from '../../../../src/engine/parameter-error';
import { decodeNpy, encodeNpy } from '../../../../src/io/npy';
import { tensor, type FloatArray, type Tensor } from '../../../../src/engine/tensor/tensor';

const shape = [3, 8, 7, 5];
const size = 3 * 8 * 7 * 5;
const values = Array.from({ length: size }, (_, i) => Math.sin(i * 1.7) * 40 + (i % 11));
const gamma = Float64Array.from({ length: 8 }, (_, c) => 0.5 + c / 8);
const beta = Float64Array.from({ length: 8 }, (_, c) => c - 3);

const layers: Record<string, (x: Tensor, out?: FloatArray) => FloatArray> = {
  batchNorm: (x, out) => batchNorm(x, { training: true, weight: gamma, bias: beta, out }).output.data,
  'batchNorm eval': (x, out) =>
    batchNorm(x, {
      training: false,
      running: { runningMean: beta, runningVar: gamma, numBatchesTracked: 1 },
      out,
    }).output.data,
  layerNorm: (x, out) =>
    layerNorm(x, {
      normalizedShape: [7, 5],
      weight: Float64Array.from({ length: 35 }, (_, i) => 1 + i / 35),
      bias: Float64Array.from({ length: 35 }, (_, i) => i / 7),
      out,
    }).data,
  rmsNorm: (x, out) => rmsNorm(x, { normalizedShape: [8, 7, 5], out }).data,
  groupNorm: (x, out) => groupNorm(x, { numGroups: 4, weight: gamma, bias: beta, out }).data,
  instanceNorm: (x, out) => instanceNorm(x, { weight: gamma, bias: beta, out }).output.data,
};

const bits = (a: FloatArray) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function withWasm<R>(body: () => R): R {
  useWasmKernels(true);
  try {
    return body();
  } finally {
    useWasmKernels(false);
  }
}

test('createKernelHeap hands out aligned, disjoint arrays in one wasm memory and reuses a released block', () => {
  const heap = createKernelHeap(1 << 20);
  assert.equal(heap.inWasm, true);
  const a = heap.float32(100);
  const b = heap.float64(30);
  assert.equal(a.buffer, b.buffer);
  assert.ok(a.byteOffset > 0 && a.byteOffset % 64 === 0 && b.byteOffset % 64 === 0);
  assert.ok(a.byteOffset + a.byteLength <= b.byteOffset || b.byteOffset + b.byteLength <= a.byteOffset);
  assert.equal(heap.usedBytes, 448 + 256);
  const at = a.byteOffset;
  assert.equal(heap.release(a), true);
  assert.equal(heap.release(a), false, 'a second release does nothing');
  assert.equal(heap.release(new Float32Array(4)), false, 'a plain array is not the heap’s');
  assert.equal(heap.float32(90).byteOffset, at, 'the freed block is found first');
});

test('createKernelHeap merges freed neighbours and names what is free when full', () => {
  const heap = createKernelHeap(1 << 16);
  const quarter = Math.floor(heap.capacityBytes / 16 / 16) * 16; // float32 values in a quarter of the heap
  const blocks = [heap.float32(quarter), heap.float32(quarter), heap.float32(quarter)];
  assert.throws(
    () => heap.float32(2 * quarter),
    (e: Error) =>
      e instanceof RangeError &&
      e.message.includes(`${8 * quarter} bytes requested`) &&
      /\d+ of \d+ free \(largest block \d+\)/.test(e.message),
  );
  heap.release(blocks[1]);
  heap.release(blocks[0]);
  heap.release(blocks[2]);
  assert.equal(heap.usedBytes, 0);
  assert.equal(heap.float32(3.5 * quarter).length, 3.5 * quarter, 'the three blocks merged back into one');
  assert.throws(() => createKernelHeap(0), RangeError);
  assert.throws(() => heap.float64(-1), RangeError);
});

for (const float32 of [true, false]) {
  const Type = float32 ? Float32Array : Float64Array;
  const kind = Type.name;
  test(`layers on a ${kind} tensor in a kernel heap give the plain-array bits, with the output in the heap`, () => {
    const plain = tensor(Type.from(values), shape);
    const heap = createKernelHeap(1 << 20);
    const inHeap = float32 ? heap.float32(size) : heap.float64(size);
    inHeap.set(plain.data);
    const x = tensor(inHeap, shape);
    for (const [name, layer] of Object.entries(layers)) {
      const expected = bits(withWasm(() => layer(plain)));
      assert.deepEqual(bits(layer(plain)), expected, `${name}: TypeScript and wasm agree`);
      const used = heap.usedBytes;
      const output = withWasm(() => layer(x));
      assert.equal(output.buffer, inHeap.buffer, `${name}: output block of the heap`);
      assert.deepEqual(bits(output), expected, `${name}: same bits in the heap`);
      assert.ok(heap.usedBytes > used, `${name}: the output holds a block`);
      assert.equal(heap.release(output), true);
      assert.equal(heap.usedBytes, used, `${name}: γ/β blocks were handed back`);
      const out = float32 ? heap.float32(size) : heap.float64(size);
      assert.equal(
        withWasm(() => layer(x, out)),
        out,
        `${name}: writes into the caller's out`,
      );
      assert.deepEqual(bits(out), expected);
      const plainOut = new Type(size);
      assert.equal(
        withWasm(() => layer(x, plainOut)),
        plainOut,
        `${name}: or a plain out`,
      );
      assert.deepEqual(bits(plainOut), expected);
      heap.release(out);
    }
  });
}

test('a layer writes in place when out is x’s own array, and refuses an out of the wrong type, size or overlap', () => {
  for (const [name, layer] of Object.entries(layers)) {
    const expected = bits(withWasm(() => layer(tensor(Float32Array.from(values), shape))));
    for (const wasm of [true, false]) {
      const data = Float32Array.from(values);
      useWasmKernels(wasm, 0);
      try {
        assert.equal(layer(tensor(data, shape), data), data);
      } finally {
        useWasmKernels(false);
      }
      assert.deepEqual(bits(data), expected, `${name} in place (${wasm ? 'wasm' : 'TypeScript'})`);
    }
  }
  const x = tensor(Float32Array.from(values), shape);
  assert.throws(() => layerNorm(x, { out: new Float64Array(size) }), ParameterError);
  assert.throws(
    () => layerNorm(x, { out: new Float32Array(size - 1) }),
    /out.*must be a Float32Array of 840/,
  );
  const buffer = new Float32Array(size + 4);
  const shifted = tensor(buffer.subarray(0, size), shape);
  assert.throws(() => layerNorm(shifted, { out: buffer.subarray(4) }), /overlapping/);
});

test('a full heap still gives the right output, as a plain array', () => {
  const heap = createKernelHeap(size * 4);
  const data = heap.float32(size);
  data.set(values);
  heap.float32((heap.capacityBytes - heap.usedBytes) / 4); // the rest of the heap
  const x = tensor(data, shape);
  const expected = bits(layers.layerNorm(tensor(Float32Array.from(values), shape)));
  const output = withWasm(() => layers.layerNorm(x));
  assert.notEqual(output.buffer, data.buffer);
  assert.deepEqual(bits(output), expected);
  assert.equal(heap.release(output), false);
});

test('decodeNpy decodes into a kernel heap, and a layer then reads the tensor where it lies', () => {
  const heap = createKernelHeap(1 << 20);
  const file = encodeNpy(Float32Array.from(values), shape);
  const { data } = decodeNpy(file, 'x.npy', heap);
  assert.equal(data.buffer, heap.float32(0).buffer, 'decoded straight into the heap');
  assert.deepEqual(Array.from(data), Array.from(Float32Array.from(values)));
  const x = tensor(data as Float32Array, shape);
  const y = withWasm(() => layers.groupNorm(x));
  assert.equal(y.buffer, data.buffer);
  assert.deepEqual(bits(y), bits(layers.groupNorm(tensor(Float32Array.from(values), shape))));
});
