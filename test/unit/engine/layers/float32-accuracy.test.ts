// The float32 paths compute in float32 where that keeps float32's precision (the normalizing pass, the
// statistics' squares in blocks of 16): their outputs stay within 2^-21·(|y| + |γ| + |β|) of the same
// layer in float64 on the same float32 inputs — about 8 float32 roundings, against the 0.5 of a
// float64 result rounded once. Checked on scikit-learn's bundled data sets (when Debian's
// python3-sklearn is installed) and on inputs that push the one-read statistics off their fast pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { batchNorm } from '../../../../src/engine/layers/batch-norm';
import { groupNorm } from '../../../../src/engine/layers/group-norm';
import { instanceNorm } from '../../../../src/engine/layers/instance-norm';
import { layerNorm, rmsNorm } from '../../../../src/engine/layers/layer-norm';
import { useWasmKernels } from '../../../../src/engine/layers/wasm-kernels';
import { tensor, type FloatArray, type Tensor } from '../../../../src/engine/tensor/tensor';

const BOUND = 2 ** -21;
const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

/** A numeric CSV (scikit-learn's: a header line of counts, then rows; non-numeric cells dropped). */
function readMatrix(file: string, skipLines: number): { values: number[]; rows: number; columns: number } {
  const raw = readFileSync(`${SKLEARN_DATA}/${file}`);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lines = text.trim().split(/\r?\n/).slice(skipLines);
  const rows = lines.map((line) =>
    line
      .split(/[,\s]+/)
      .map(Number)
      .filter((v) => Number.isFinite(v)),
  );
  const columns = Math.min(...rows.map((r) => r.length));
  return { values: rows.flatMap((r) => r.slice(0, columns)), rows: rows.length, columns };
}

type Layer = (x: Tensor) => FloatArray;

/** Worst |y32 − y64| / (|y64| + |γ| + |β|) over the output, with γ = 1.5 and β = −0.5 where the layer has them. */
function worstError(layer: Layer, values: ArrayLike<number>, shape: number[], wasm: boolean): number {
  const x32 = tensor(Float32Array.from(values), shape);
  const x64 = tensor(Float64Array.from(x32.data), shape);
  const y64 = layer(x64);
  useWasmKernels(wasm, 0);
  let y32: FloatArray;
  try {
    y32 = layer(x32);
  } finally {
    useWasmKernels(false);
  }
  assert.ok(y32 instanceof Float32Array);
  let worst = 0;
  for (let i = 0; i < y64.length; i++) {
    const error = Math.abs(y32[i] - y64[i]) / (Math.abs(y64[i]) + 2);
    worst = Math.max(worst, Number.isNaN(y32[i]) !== Number.isNaN(y64[i]) ? Infinity : error || 0);
  }
  return worst;
}

const affine = (n: number) => ({
  weight: new Float64Array(n).fill(1.5),
  bias: new Float64Array(n).fill(-0.5),
});
const layersFor = (shape: number[]): Record<string, Layer> => {
  const C = shape[1];
  const trailing = shape.slice(1);
  const size = trailing.reduce((a, b) => a * b, 1);
  return {
    batchNorm: (x) => batchNorm(x, { training: true, ...affine(C) }).output.data,
    layerNorm: (x) => layerNorm(x, { normalizedShape: trailing, ...affine(size) }).data,
    rmsNorm: (x) => rmsNorm(x, { normalizedShape: trailing, weight: affine(size).weight }).data,
    ...(shape.length > 2
      ? {
          groupNorm: (x: Tensor) => groupNorm(x, { numGroups: C % 2 ? 1 : 2, ...affine(C) }).data,
          instanceNorm: (x: Tensor) => instanceNorm(x, affine(C)).output.data,
        }
      : {}),
  };
};

const bits = (a: FloatArray) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Asserts the bound for wasm and TypeScript kernels, and that both give the same bits. */
function assertWithinBound(what: string, values: ArrayLike<number>, shape: number[]): number {
  let worst = 0;
  for (const [name, layer] of Object.entries(layersFor(shape))) {
    for (const wasm of [true, false]) {
      const error = worstError(layer, values, shape, wasm);
      assert.ok(error <= BOUND, `${what}, ${name} (${wasm ? 'wasm' : 'TypeScript'}): ${error} > 2^-21`);
      worst = Math.max(worst, error);
    }
    const x = tensor(Float32Array.from(values), shape);
    const typeScript = bits(layer(x));
    useWasmKernels(true, 0);
    try {
      assert.deepEqual(bits(layer(x)), typeScript, `${what}, ${name}: wasm and TypeScript bits`);
    } finally {
      useWasmKernels(false);
    }
  }
  if (process.env.NORMSCOPE_PRINT_ERRORS)
    console.log(`${what}: worst ${(worst / 2 ** -24).toFixed(2)}·2^-24`);
  return worst;
}

const sklearn = [
  ['iris.csv', 1],
  ['wine_data.csv', 1],
  ['breast_cancer.csv', 1],
  ['boston_house_prices.csv', 2],
  ['diabetes_data_raw.csv.gz', 0],
  ['digits.csv.gz', 0],
] as const;
for (const [file, skip] of sklearn) {
  const present = existsSync(`${SKLEARN_DATA}/${file}`);
  test(
    `float32 layers on scikit-learn's ${file} stay within 2^-21 of float64`,
    { skip: present ? false : `${SKLEARN_DATA} absent (apt-get install python3-sklearn)` },
    () => {
      const { values, rows, columns } = readMatrix(file, skip);
      assert.ok(rows > 100 && columns >= 4, `${file}: ${rows}×${columns}`);
      assertWithinBound(file, values, [rows, columns]);
      if (file === 'digits.csv.gz') {
        // 8×8 images (64 pixels, then the label): [N, 1, 8, 8] and a batch of 16 as [N/16, 16, 8, 8].
        const pixels = Array.from({ length: rows }, (_, r) =>
          values.slice(r * columns, r * columns + 64),
        ).flat();
        assertWithinBound(`${file} as images`, pixels, [rows, 1, 8, 8]);
        const batches = Math.floor(rows / 16);
        assertWithinBound(`${file} in batches`, pixels.slice(0, batches * 16 * 64), [batches, 16, 8, 8]);
      }
    },
  );
}

test('float32 layers stay within 2^-21 of float64 where the one-read statistics must take a second pass', () => {
  let seed = 17;
  const noise = () => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 2;
  const n = 4 * 6 * 9 * 11;
  const shape = [4, 6, 9, 11];
  const cases: Record<string, number[]> = {
    'normal scale': Array.from({ length: n }, noise),
    'offset 1e4 with unit noise': Array.from({ length: n }, () => 1e4 + noise()),
    'sorted ramp (the sampled shift lands far from the mean)': Array.from({ length: n }, (_, i) => i * 0.37),
    'values near 1e30 (float32 squares overflow)': Array.from({ length: n }, () => 1e30 * (1 + noise())),
    'values near 1e-30 (float32 squares underflow)': Array.from({ length: n }, () => 1e-30 * noise()),
    'one outlier first': Array.from({ length: n }, (_, i) => (i % 99 === 0 ? 1e6 : noise())),
    'constant planes': Array.from({ length: n }, (_, i) => Math.floor(i / 99) * 0.5),
  };
  for (const [what, values] of Object.entries(cases)) {
    assertWithinBound(what, values, shape);
    assertWithinBound(`${what} as rows`, values, [24, 99]);
  }
});
