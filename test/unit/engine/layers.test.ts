import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchNorm, type RunningStats } from '../../../src/engine/layers/batch-norm';
import { layerNorm, rmsNorm, unitNorm } from '../../../src/engine/layers/layer-norm';
import { explainPlan } from '../../../src/engine/explain/plan';
import { groupNorm } from '../../../src/engine/layers/group-norm';
import { instanceNorm } from '../../../src/engine/layers/instance-norm';
import { spectralNorm } from '../../../src/engine/layers/spectral-norm';
import { foldBatchNorm } from '../../../src/engine/layers/fold-batch-norm';
import { ParameterError } from '../../../src/engine/parameter-error';
import { gather, permute, tensor, type Tensor } from '../../../src/engine/tensor/tensor';
import { assertClose } from '../../helpers/close';
import { referenceCases, toFloat64, type ReferenceArray } from '../../helpers/reference';

const asTensor = (array: ReferenceArray): Tensor<Float64Array> => tensor(toFloat64(array), array.shape);
const maybe = (array: ReferenceArray | undefined) => (array ? toFloat64(array) : undefined);

for (const reference of referenceCases('torch', 'batchNorm')) {
  test(`batchNorm matches PyTorch/Keras on ${reference.name}`, () => {
    const p = reference.params;
    const steps = typeof p.steps === 'number' ? p.steps : 1;
    let running: RunningStats | undefined = reference.inputs.runningMean
      ? {
          runningMean: toFloat64(reference.inputs.runningMean),
          runningVar: toFloat64(reference.inputs.runningVar),
          numBatchesTracked: 0,
        }
      : undefined;
    let output: Tensor | undefined;
    for (let step = 0; step < steps; step++) {
      const result = batchNorm(asTensor(reference.inputs[steps > 1 ? `x${step}` : 'x']), {
        training: p.training === true,
        framework: p.momentumConvention === 'keras' ? 'keras' : 'torch',
        channelAxis: p.channelAxis as number,
        eps: p.eps as number,
        ...('momentum' in p ? { momentum: p.momentum as number | null } : {}),
        weight: maybe(reference.inputs.weight),
        bias: maybe(reference.inputs.bias),
        running,
      });
      running = result.running;
      output = result.output;
    }
    assertClose(output!.data, toFloat64(reference.expected.output), undefined, 'output');
    if (reference.expected.runningMean) {
      assertClose(running!.runningMean, toFloat64(reference.expected.runningMean), undefined, 'runningMean');
      assertClose(running!.runningVar, toFloat64(reference.expected.runningVar), undefined, 'runningVar');
      assert.equal(running!.numBatchesTracked, steps);
    }
  });
}

for (const reference of referenceCases('torch', 'layerNorm')) {
  test(`layerNorm matches PyTorch on ${reference.name}`, () => {
    const output = layerNorm(asTensor(reference.inputs.x), {
      normalizedShape: reference.params.normalizedShape as number[],
      eps: reference.params.eps as number,
      weight: maybe(reference.inputs.weight),
      bias: maybe(reference.inputs.bias),
    });
    assertClose(output.data, toFloat64(reference.expected.output));
  });
}

for (const reference of referenceCases('torch', 'rmsNorm')) {
  test(`rmsNorm matches PyTorch on ${reference.name}`, () => {
    const output = rmsNorm(asTensor(reference.inputs.x), {
      normalizedShape: reference.params.normalizedShape as number[],
      eps: reference.params.eps as number,
      weight: maybe(reference.inputs.weight),
    });
    assertClose(output.data, toFloat64(reference.expected.output));
  });
}

for (const reference of referenceCases('torch', 'groupNorm')) {
  test(`groupNorm matches PyTorch on ${reference.name}`, () => {
    const output = groupNorm(asTensor(reference.inputs.x), {
      numGroups: reference.params.numGroups as number,
      eps: reference.params.eps as number,
      weight: maybe(reference.inputs.weight),
      bias: maybe(reference.inputs.bias),
    });
    assertClose(output.data, toFloat64(reference.expected.output));
  });
}

for (const reference of referenceCases('torch', 'instanceNorm')) {
  test(`instanceNorm matches PyTorch on ${reference.name}`, () => {
    const tracked = reference.params.trackRunningStats === true;
    // nn modules run in training mode unless .eval() is called; the reference was computed that way.
    const result = instanceNorm(asTensor(reference.inputs.x), {
      eps: reference.params.eps as number,
      trackRunningStats: tracked,
      training: true,
      momentum: (reference.params.momentum as number | undefined) ?? 0.1,
    });
    assertClose(result.output.data, toFloat64(reference.expected.output));
    if (tracked) {
      assertClose(
        result.running!.runningMean,
        toFloat64(reference.expected.runningMean),
        undefined,
        'runningMean',
      );
      assertClose(
        result.running!.runningVar,
        toFloat64(reference.expected.runningVar),
        undefined,
        'runningVar',
      );
    }
  });
}

for (const reference of referenceCases('torch', 'spectralNorm')) {
  test(`spectralNorm finds the exact σ and W/σ of ${reference.name}, and power iteration converges to it`, () => {
    const result = spectralNorm(asTensor(reference.inputs.weight), { dim: reference.params.dim as number });
    assertClose(result.sigma, toFloat64(reference.expected.sigma)[0], undefined, 'sigma');
    assertClose(result.powerIterationSigma, result.sigma, { rel: 1e-12 }, 'power iteration');
    assert.ok(result.iterations > 1);
    assertClose(result.output.data, toFloat64(reference.expected.output), undefined, 'output');
  });
}

test('foldBatchNorm folds an eval BatchNorm into the preceding Linear like PyTorch', () => {
  const [reference] = referenceCases('torch', 'foldBatchNorm');
  const i = reference.inputs;
  const folded = foldBatchNorm({
    weight: asTensor(i.weight),
    bias: toFloat64(i.bias),
    bnWeight: toFloat64(i.bnWeight),
    bnBias: toFloat64(i.bnBias),
    runningMean: toFloat64(i.runningMean),
    runningVar: toFloat64(i.runningVar),
    eps: reference.params.eps as number,
  });
  assertClose(folded.weight.data, toFloat64(reference.expected.weight), undefined, 'weight');
  assertClose(folded.bias, toFloat64(reference.expected.bias), undefined, 'bias');
});

test('batchNorm on a channels-last view equals batchNorm on the channels-first tensor (strided input)', () => {
  const data = Float64Array.from({ length: 2 * 3 * 4 }, (_, k) => Math.sin(k) * 10 + k);
  const nchw = tensor(data, [2, 3, 4]);
  const nhwc = permute(nchw, [0, 2, 1]);
  const first = batchNorm(nchw, { training: true });
  const last = batchNorm(nhwc, { training: true, channelAxis: -1 });
  assertClose(last.batchMean!, first.batchMean!, { rel: 1e-15 });
  const back = permute(last.output, [0, 2, 1]);
  for (let n = 0; n < 2; n++)
    for (let c = 0; c < 3; c++)
      for (let w = 0; w < 4; w++) {
        const at = n * back.strides[0] + c * back.strides[1] + w * back.strides[2];
        assertClose(back.data[at], first.output.data[n * 12 + c * 4 + w], { rel: 1e-14, abs: 1e-14 });
      }
});

test('groupNorm with one group equals layerNorm over C, H, W, and with C groups equals instanceNorm', () => {
  const x = tensor(
    Float64Array.from({ length: 2 * 4 * 3 }, (_, k) => Math.cos(k * 1.3) * k),
    [2, 4, 3],
  );
  assertClose(groupNorm(x, { numGroups: 1 }).data, layerNorm(x, { normalizedShape: [4, 3] }).data, {
    rel: 1e-13,
    abs: 1e-14,
  });
  assertClose(groupNorm(x, { numGroups: 4 }).data, instanceNorm(x).output.data, { rel: 1e-13, abs: 1e-14 });
});

test('layer kernels keep float32 input as float32 and handle constant, 1e9 + noise and single-value groups', () => {
  const x32 = tensor(Float32Array.from([1, 2, 3, 4]), [2, 2]);
  assert.ok(layerNorm(x32).data instanceof Float32Array);
  const constant = layerNorm(tensor(Float64Array.from([5, 5, 5]), [1, 3]));
  assert.deepEqual(Array.from(constant.data), [0, 0, 0]);
  const noisy = layerNorm(tensor(Float64Array.from([1e9 + 1e-3, 1e9 - 1e-3]), [1, 2]), { eps: 0 });
  assertClose(noisy.data, [1, -1], { rel: 1e-6 });
  const single = batchNorm(tensor(Float64Array.from([3, 4]), [1, 2]), { training: true });
  assert.deepEqual(Array.from(single.output.data), [0, 0]);
  assert.ok(
    Number.isNaN(single.running.runningVar[0]),
    'the unbiased variance of one value is undefined, as in PyTorch',
  );
});

test('layer kernels name the parameter and value they refuse', () => {
  const x = tensor(new Float64Array(2 * 64 * 3), [2, 64, 3]);
  assert.throws(
    () => groupNorm(x, { numGroups: 5 }),
    (e: unknown) =>
      e instanceof ParameterError && e.message === 'groupNorm: numGroups (5) does not divide 64 channels',
  );
  assert.throws(() => layerNorm(x, { normalizedShape: [4] }), /layerNorm: normalizedShape/);
  assert.throws(() => batchNorm(x, { training: true, weight: [1, 2] }), /batchNorm: weight/);
  assert.throws(
    () => batchNorm(x, { training: true, channelAxis: 3 }),
    /batchNorm: channelAxis \(3\) is out of range/,
  );
  assert.throws(() => batchNorm(x, { training: true, momentum: 2 }), /batchNorm: momentum \(2\)/);
  assert.throws(() => instanceNorm(tensor(new Float64Array(4), [2, 2])), /instanceNorm: x/);
});

test('the in-place fast paths (contiguous input) agree with the general gather path (strided view) for every norm', () => {
  const [N, C, H, W] = [3, 6, 4, 5];
  const nhwc = Float64Array.from({ length: N * C * H * W }, (_, k) => Math.sin(k * 0.7) * 10 + (k % 7));
  const strided = permute(tensor(nhwc, [N, H, W, C]), [0, 3, 1, 2]); // an NCHW view, not contiguous
  const contiguous = tensor(gather(strided), [N, C, H, W]);
  const weight = Float64Array.from({ length: C }, (_, c) => 0.5 + c);
  const bias = Float64Array.from({ length: C }, (_, c) => c - 2);
  const pairs: [string, (x: Tensor) => Tensor][] = [
    ['batchNorm', (x) => batchNorm(x, { training: true, weight, bias }).output],
    ['groupNorm', (x) => groupNorm(x, { numGroups: 3, weight, bias })],
    ['instanceNorm', (x) => instanceNorm(x, { weight, bias }).output],
    ['layerNorm', (x) => layerNorm(x, { normalizedShape: [C, H, W] })],
    ['rmsNorm', (x) => rmsNorm(x, { normalizedShape: [H, W] })],
  ];
  for (const [name, run] of pairs) {
    const fast = run(contiguous);
    const general = run(strided);
    assertClose(gather(general), fast.data, { rel: 1e-12, abs: 1e-12 }, name);
  }
});

test('unitNorm divides each vector by max(‖x‖₂, eps) along its axes (Keras UnitNormalization, torch F.normalize)', () => {
  const rows = unitNorm(tensor(Float64Array.from([3, 4, 0, 0, 1, 1]), [3, 2]));
  assert.deepEqual(Array.from(rows.data), [0.6, 0.8, 0, 0, 1 / Math.SQRT2, 1 / Math.SQRT2]);
  // torch dim=1 on [2, 2, 2]: each (n, ·, w) column is a vector; the plan reduces exactly that axis.
  const x = tensor(Float64Array.from([3, 0, 4, 0, 0, 5, 0, 12]), [2, 2, 2]);
  const columns = unitNorm(x, { axes: [1] });
  assert.deepEqual(Array.from(columns.data), [0.6, 0, 0.8, 0, 0, 5 / 13, 0, 12 / 13]);
  const plan = explainPlan({ layer: 'unitnorm', framework: 'torch', shape: [2, 2, 2] });
  assert.deepEqual([plan.reducedAxes, plan.statShape, plan.paramShape, plan.eps], [[1], [2, 2], [], 1e-12]);
  const keras = explainPlan({ layer: 'unitnorm', framework: 'keras', shape: [2, 2, 2] });
  assert.deepEqual([keras.reducedAxes, keras.eps, keras.valuesPerStatistic], [[2], 1e-7, 2]);
  // the floor: a tiny vector is divided by eps, not by its norm
  assert.deepEqual(Array.from(unitNorm(tensor(Float64Array.from([1e-9, 0]), [1, 2]), { eps: 1e-6 }).data), [
    1e-9 / 1e-6,
    0,
  ]);
  assert.throws(() => unitNorm(x, { eps: -1 }), /unitNorm: eps \(-1\) must be a finite number ≥ 0/);
});
