// The WebAssembly SIMD kernels against the TypeScript kernels: same bits for every norm, both element
// types, every tail length, with and without γ/β — so the references that check the TypeScript path
// (layers.test.ts) check the wasm path too. And the embedded module is what kernels/norm.ts compiles to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { batchNorm } from '../../../src/engine/layers/batch-norm';
import { groupNorm } from '../../../src/engine/layers/group-norm';
import { instanceNorm } from '../../../src/engine/layers/instance-norm';
import { layerNorm, rmsNorm } from '../../../src/engine/layers/layer-norm';
import { NORM_KERNELS_WASM } from '../../../src/engine/layers/norm-kernels.wasm';
import { useWasmKernels, wasmKernelsAvailable } from '../../../src/engine/layers/wasm-kernels';
import { tensor, type FloatArray, type Tensor } from '../../../src/engine/tensor/tensor';
import { referenceCases, toFloat64 } from '../../helpers/reference';
import { compileKernels } from '../../../scripts/build-kernels.mjs';

type Layer = (x: Tensor, affine: boolean) => { data: FloatArray; stats?: FloatArray[] };

const channels = (x: Tensor) => x.shape[1];
const ramp = (n: number, from: number) => Float64Array.from({ length: n }, (_, i) => from + 0.25 * i);

const layers: Record<string, Layer> = {
  'batchNorm train': (x, affine) => {
    const r = batchNorm(x, {
      training: true,
      weight: affine ? ramp(channels(x), 0.5) : undefined,
      bias: affine ? ramp(channels(x), -1) : undefined,
    });
    return { data: r.output.data, stats: [r.batchMean!, r.batchVar!, r.running.runningVar] };
  },
  'batchNorm eval': (x, affine) => {
    const C = channels(x);
    const running = { runningMean: ramp(C, -0.5), runningVar: ramp(C, 0.75), numBatchesTracked: 3 };
    return {
      data: batchNorm(x, { training: false, running, weight: affine ? ramp(C, 2) : undefined }).output.data,
    };
  },
  layerNorm: (x, affine) => {
    const shape = x.shape.slice(1);
    const size = shape.reduce((a, b) => a * b, 1);
    return {
      data: layerNorm(x, {
        normalizedShape: shape,
        weight: affine ? ramp(size, 0.1) : undefined,
        bias: affine ? ramp(size, -3) : undefined,
      }).data,
    };
  },
  'layerNorm (bias only)': (x) => {
    const shape = x.shape.slice(2);
    return {
      data: layerNorm(x, {
        normalizedShape: shape,
        bias: ramp(
          shape.reduce((a, b) => a * b, 1),
          1,
        ),
      }).data,
    };
  },
  rmsNorm: (x, affine) => {
    const shape = x.shape.slice(-1);
    return {
      data: rmsNorm(x, { normalizedShape: shape, weight: affine ? ramp(shape[0], 1) : undefined }).data,
    };
  },
  groupNorm: (x, affine) => ({
    data: groupNorm(x, {
      numGroups: channels(x) % 2 === 0 ? 2 : 1,
      weight: affine ? ramp(channels(x), 1) : undefined,
      bias: affine ? ramp(channels(x), 0) : undefined,
    }).data,
  }),
  instanceNorm: (x, affine) => ({
    data: instanceNorm(x, { weight: affine ? ramp(channels(x), 1) : undefined }).output.data,
  }),
};

const bits = (a: FloatArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Runs `layer` on the TypeScript kernels and on wasm; asserts identical bytes for output and statistics. */
function assertSameBits(name: string, layer: Layer, x: Tensor, affine: boolean): void {
  useWasmKernels(false);
  const plain = layer(x, affine);
  useWasmKernels(true, 0);
  try {
    const simd = layer(x, affine);
    const label = `${name} on [${x.shape.join(', ')}] ${x.data.constructor.name}${affine ? ' affine' : ''}`;
    assert.deepEqual(bits(simd.data), bits(plain.data), `${label}: output`);
    plain.stats?.forEach((s, i) =>
      assert.deepEqual(bits(simd.stats![i]), bits(s), `${label}: statistic ${i}`),
    );
  } finally {
    useWasmKernels(false);
  }
}

test('this Node compiles the SIMD kernels', () => {
  assert.equal(wasmKernelsAvailable(), true);
});

test('the embedded kernel module is exactly what kernels/norm.ts compiles to (npm run build:kernels)', async () => {
  const bytes = await compileKernels();
  assert.equal(Buffer.from(bytes).toString('base64'), NORM_KERNELS_WASM);
});

test('wasm and TypeScript kernels give the same bits on the PyTorch reference inputs', () => {
  let compared = 0;
  for (const reference of referenceCases('torch')) {
    const input = reference.inputs.x ?? reference.inputs.x0;
    if (!input || input.shape.length < 2) continue;
    for (const [name, layer] of Object.entries(layers)) {
      if (input.shape.length < 3 && ['groupNorm', 'instanceNorm', 'layerNorm (bias only)'].includes(name))
        continue;
      assertSameBits(name, layer, tensor(toFloat64(input), input.shape), true);
      compared++;
    }
  }
  assert.ok(compared >= 20, `compared ${compared} layer runs`);
});

test('wasm and TypeScript kernels give the same bits for every shape, tail length, dtype and affine choice', () => {
  fc.assert(
    fc.property(
      fc.tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 11 }),
      ),
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 1, max: 1 << 30 }),
      (shape, float32, affine, seed) => {
        const size = shape.reduce((a, b) => a * b, 1);
        let state = seed;
        const values = Array.from({ length: size }, () => {
          state = (state * 48271) % 2147483647;
          return (state / 2147483647 - 0.3) * 1e3;
        });
        const x = tensor(float32 ? Float32Array.from(values) : Float64Array.from(values), shape);
        for (const [name, layer] of Object.entries(layers)) assertSameBits(name, layer, x, affine);
      },
    ),
    { numRuns: 60 },
  );
});

test('inputs larger than one wasm piece (~256 KB) give the same bits: rows split across pieces, γ rows by period', () => {
  // [4, 30, 50, 50] float32: InstanceNorm has 120 rows of 10 KB, 26 to a piece (4 full pieces and 16 rows,
  // γ's row = row % 30 crossing piece boundaries); GroupNorm(2) 8 rows of 150 KB, one to a piece;
  // BatchNorm 30 channels of 4 runs; LayerNorm over the last axis 6,000 rows of 200 bytes.
  const size = 4 * 30 * 50 * 50;
  const x32 = tensor(
    Float32Array.from({ length: size }, (_, i) => Math.sin(i) * 100 + (i % 7)),
    [4, 30, 50, 50],
  );
  for (const [name, layer] of Object.entries(layers)) assertSameBits(name, layer, x32, true);
  // Both kernels share the piece bookkeeping, so check it against the definition too: standardized with
  // γ[c] = 1 + c/4 and β[c] (InstanceNorm: none; GroupNorm: c/4) undone, every InstanceNorm plane and
  // every GroupNorm group has mean 0 and standard deviation 1 (to float32 and eps precision).
  const meanAndStd = (values: number[]) => {
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    return [mean, Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length)];
  };
  useWasmKernels(true, 0);
  try {
    const plane = 2500;
    for (const [name, channelsPerSet, beta] of [
      ['instanceNorm', 1, () => 0],
      ['groupNorm', 15, (c: number) => 0.25 * c],
    ] as const) {
      const y = layers[name](x32, true).data;
      for (let set = 0; set < (4 * 30) / channelsPerSet; set++) {
        const z: number[] = [];
        for (let k = set * channelsPerSet * plane; k < (set + 1) * channelsPerSet * plane; k++) {
          const c = Math.floor(k / plane) % 30;
          z.push((y[k] - beta(c)) / (1 + 0.25 * c));
        }
        const [mean, std] = meanAndStd(z);
        assert.ok(Math.abs(mean) < 1e-5 && Math.abs(std - 1) < 1e-5, `${name} set ${set}: ${mean}, ${std}`);
      }
    }
  } finally {
    useWasmKernels(false);
  }
  // float64 [7, 10000]: LayerNorm rows of 80 KB, 3 to a piece (3 + 3 + 1).
  const x64 = tensor(
    Float64Array.from({ length: 70000 }, (_, i) => Math.cos(i) * 1e3),
    [7, 10000],
  );
  for (const name of ['batchNorm train', 'batchNorm eval', 'layerNorm', 'rmsNorm'])
    assertSameBits(name, layers[name], x64, true);
});

test('at the default threshold a [8, 16, 16, 16] tensor runs in wasm with the same bits, and small inputs stay exact', () => {
  const x = tensor(
    Float32Array.from({ length: 8 * 16 * 16 * 16 }, (_, i) => Math.sin(i)),
    [8, 16, 16, 16],
  );
  for (const [name, layer] of Object.entries(layers)) assertSameBits(name, layer, x, true);
  useWasmKernels(true);
  try {
    const values = [1, 2, 3, 4, 5, 6];
    const mean = 3.5;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / 6;
    const expected = values.map((v) => (v - mean) / Math.sqrt(variance + 1e-5));
    const got = layerNorm(tensor(Float64Array.from(values), [1, 6]), { normalizedShape: [6] }).data;
    got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-15, `${v} vs ${expected[i]}`));
  } finally {
    useWasmKernels(false);
  }
});
