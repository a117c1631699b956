// The statistics read each value once on ordinary data (one centred pass around a sampled shift) and
// take the float64 second pass only where the shift lands far from the mean or float32 squares fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchNorm } from '../../../../src/engine/layers/batch-norm';
import { groupNorm } from '../../../../src/engine/layers/group-norm';
import { layerNorm, rmsNorm } from '../../../../src/engine/layers/layer-norm';
import { float32Kernels } from '../../../../src/engine/layers/run-kernels';
import { tensor, type Tensor } from '../../../../src/engine/tensor/tensor';

/** Values the statistics passes read (fast and float64 passes apart), by counting the kernel calls. */
function valuesRead(body: () => unknown): { fast: number; exact: number } {
  const saved = { ...float32Kernels };
  const read = { fast: 0, exact: 0 };
  float32Kernels.centred = (x, start, end, m) => {
    read.exact += end - start;
    return saved.centred(x, start, end, m);
  };
  float32Kernels.centredFast = (x, start, end, k) => {
    read.fast += end - start;
    return saved.centredFast(x, start, end, k);
  };
  try {
    body();
  } finally {
    Object.assign(float32Kernels, saved);
  }
  return read;
}

const shape = [4, 8, 6, 6];
const size = 4 * 8 * 6 * 6;
const ordinary = tensor(
  Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 437.5 + 3),
  shape,
);
const layers: Record<string, (x: Tensor) => unknown> = {
  batchNorm: (x) => batchNorm(x, { training: true }),
  layerNorm: (x) => layerNorm(x, { normalizedShape: [8, 6, 6] }),
  groupNorm: (x) => groupNorm(x, { numGroups: 4 }),
  rmsNorm: (x) => rmsNorm(x, { normalizedShape: [6] }),
};

test('the float32 layers read each value once for their statistics on ordinary data', () => {
  for (const [name, layer] of Object.entries(layers))
    assert.deepEqual(
      valuesRead(() => layer(ordinary)),
      { fast: size, exact: 0 },
      name,
    );
});

test('a sorted ramp, values beyond float32 squares and subnormal squares take the float64 second pass', () => {
  const ramp = tensor(
    Float32Array.from({ length: size }, (_, i) => i),
    shape,
  );
  assert.deepEqual(
    valuesRead(() => layers.layerNorm(ramp)),
    { fast: size, exact: size },
    'the first 64 values sit far below each row’s mean',
  );
  const huge = tensor(
    Float32Array.from(ordinary.data, (v) => v * 1e33),
    shape,
  );
  assert.deepEqual(
    valuesRead(() => layers.batchNorm(huge)),
    { fast: size, exact: size },
  );
  const tiny = tensor(
    Float32Array.from(ordinary.data, (v) => v * 1e-30),
    shape,
  );
  assert.deepEqual(
    valuesRead(() => layers.rmsNorm(tiny)),
    { fast: size, exact: size },
  );
});
