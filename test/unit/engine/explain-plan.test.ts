import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMEWORKS, LAYER_CONVENTIONS, NORM_LAYERS } from '../../../src/engine/explain/conventions';
import { describeMomentum, explainPlan, formatPlanText } from '../../../src/engine/explain/plan';
import { batchNorm } from '../../../src/engine/layers/batch-norm';
import { groupNorm } from '../../../src/engine/layers/group-norm';
import { layerNorm } from '../../../src/engine/layers/layer-norm';
import { ParameterError } from '../../../src/engine/parameter-error';
import { tensor } from '../../../src/engine/tensor/tensor';
import { assertClose } from '../../helpers/close';

test('explainPlan gives torch BatchNorm2d per-channel statistics over N, H, W with its defaults', () => {
  const plan = explainPlan({ layer: 'batchnorm', framework: 'torch', shape: [32, 64, 56, 56] });
  assert.equal(plan.title, 'BatchNorm2d');
  assert.deepEqual(
    [plan.reducedAxisNames, plan.keptAxisNames, plan.statShape, plan.paramShape],
    [['N', 'H', 'W'], ['C'], [64], [64]],
  );
  assert.deepEqual([plan.valuesPerStatistic, plan.statisticsPerBatch], [100352, 64]);
  assert.deepEqual(
    [plan.eps, plan.momentum, plan.momentumConvention, plan.runningVarianceBias],
    [1e-5, 0.1, 'new-batch', 'unbiased'],
  );
});

test('explainPlan gives Keras LayerNormalization on NHWC statistics over C only, and Keras BatchNormalization over N, H, W', () => {
  const ln = explainPlan({ layer: 'layernorm', framework: 'keras', shape: [8, 32, 32, 16] });
  assert.deepEqual(
    [ln.reducedAxisNames, ln.valuesPerStatistic, ln.eps, ln.paramShape],
    [['C'], 16, 1e-3, [16]],
  );
  const bn = explainPlan({ layer: 'batchnorm', framework: 'keras', shape: [8, 32, 32, 16] });
  assert.deepEqual(
    [bn.reducedAxisNames, bn.momentum, bn.momentumConvention, bn.runningVarianceBias],
    [['N', 'H', 'W'], 0.99, 'old-value', 'biased'],
  );
});

test('explainPlan gives torch LayerNorm on tokens (B, T, C) per-token statistics, and over C, H, W for images', () => {
  const tokens = explainPlan({ layer: 'layernorm', framework: 'torch', shape: [4, 128, 768] });
  assert.deepEqual([tokens.layout, tokens.reducedAxisNames, tokens.statShape], ['BTC', ['C'], [4, 128]]);
  const images = explainPlan({
    layer: 'layernorm',
    framework: 'torch',
    shape: [8, 3, 32, 32],
    normalizedShape: [3, 32, 32],
  });
  assert.deepEqual(
    [images.reducedAxisNames, images.keptAxisNames, images.valuesPerStatistic],
    [['C', 'H', 'W'], ['N'], 3072],
  );
});

test('explainPlan splits channels into groups: GroupNorm(32) on [32, 64, 56, 56] averages 6272 values per statistic', () => {
  const plan = explainPlan({
    layer: 'groupnorm',
    framework: 'torch',
    shape: [32, 64, 56, 56],
    numGroups: 32,
  });
  assert.deepEqual([plan.statShape, plan.valuesPerStatistic, plan.paramShape], [[32, 32], 6272, [64]]);
  const one = explainPlan({ layer: 'groupnorm', framework: 'torch', shape: [2, 6, 4, 4], numGroups: 1 });
  const ln = explainPlan({
    layer: 'layernorm',
    framework: 'torch',
    shape: [2, 6, 4, 4],
    normalizedShape: [6, 4, 4],
  });
  assert.deepEqual([one.reducedAxes, one.valuesPerStatistic], [ln.reducedAxes, ln.valuesPerStatistic]);
  const perChannel = explainPlan({
    layer: 'groupnorm',
    framework: 'torch',
    shape: [2, 6, 4, 4],
    numGroups: 6,
  });
  const instance = explainPlan({ layer: 'instancenorm', framework: 'torch', shape: [2, 6, 4, 4] });
  assert.deepEqual(
    [perChannel.valuesPerStatistic, perChannel.statShape],
    [instance.valuesPerStatistic, instance.statShape],
  );
});

test('explainPlan covers every framework × layer row: values per statistic × statistics per batch is the input size', () => {
  for (const framework of FRAMEWORKS) {
    for (const layer of NORM_LAYERS) {
      if (!LAYER_CONVENTIONS.some((c) => c.framework === framework && c.layer === layer)) continue;
      const plan = explainPlan({
        layer,
        framework,
        shape: [4, 8, 6, 6],
        numGroups: layer === 'groupnorm' ? 2 : undefined,
      });
      assert.equal(plan.valuesPerStatistic * plan.statisticsPerBatch, 4 * 8 * 6 * 6, `${framework} ${layer}`);
      assert.equal(plan.reducedAxes.length + plan.keptAxes.length, 4);
    }
  }
});

test('explainPlan statistic shapes are exactly those the engine computes', () => {
  const x = tensor(
    Float64Array.from({ length: 4 * 6 * 3 * 3 }, (_, k) => Math.sin(k)),
    [4, 6, 3, 3],
  );
  const bn = explainPlan({ layer: 'batchnorm', framework: 'torch', shape: x.shape });
  const result = batchNorm(x, { training: true });
  assert.equal(result.batchMean!.length, bn.statisticsPerBatch);
  // GroupNorm with G groups: the plan's [N, G] statistics are per (sample, group) over 6/G·3·3 values.
  const gn = explainPlan({ layer: 'groupnorm', framework: 'torch', shape: x.shape, numGroups: 2 });
  const y = groupNorm(x, { numGroups: 2 });
  for (let s = 0; s < gn.statisticsPerBatch; s++) {
    const slice = Array.from(y.data.subarray(s * gn.valuesPerStatistic, (s + 1) * gn.valuesPerStatistic));
    assertClose(slice.reduce((a, v) => a + v, 0) / slice.length, 0, { abs: 1e-12 });
  }
  const ln = explainPlan({ layer: 'layernorm', framework: 'keras', shape: [4, 3, 3, 6] });
  const z = layerNorm(tensor(x.data, [4, 3, 3, 6]), { axes: [-1] });
  for (let s = 0; s < ln.statisticsPerBatch; s++) {
    const slice = Array.from(z.data.subarray(s * 6, s * 6 + 6));
    assertClose(
      slice.reduce((a, v) => a + v, 0),
      0,
      { abs: 1e-12 },
    );
  }
});

test('explainPlan names the parameter and value it refuses', () => {
  const refuses = (request: Parameters<typeof explainPlan>[0], parameter: string) =>
    assert.throws(
      () => explainPlan(request),
      (e: unknown) => e instanceof ParameterError && e.parameter === parameter,
    );
  refuses({ layer: 'groupnorm', framework: 'torch', shape: [2, 64, 3], numGroups: 5 }, 'numGroups');
  refuses(
    { layer: 'layernorm', framework: 'torch', shape: [2, 3, 4], normalizedShape: [3] },
    'normalizedShape',
  );
  refuses({ layer: 'batchnorm', framework: 'torch', shape: [2, 3], layout: 'NCH' }, 'layout');
  refuses({ layer: 'batchnorm', framework: 'torch', shape: [] }, 'shape');
});

test('formatPlanText and describeMomentum spell out the layer, the reduced axes and the momentum direction', () => {
  const text = formatPlanText(
    explainPlan({ layer: 'groupnorm', framework: 'torch', shape: [32, 64, 56, 56], numGroups: 32 }),
  );
  assert.match(text, /^GroupNorm \(torch\) on NCHW \[32, 64, 56, 56\]/);
  assert.match(text, /N=32 · \[C\]=64 · \[H\]=56 · \[W\]=56/);
  assert.match(text, /6272 values each/);
  assert.equal(
    describeMomentum(0.1, 'new-batch'),
    '0.1 weights the new batch: running = 0.9·running + 0.1·batch',
  );
  assert.equal(
    describeMomentum(0.99, 'old-value'),
    '0.99 weights the old value: running = 0.99·running + 0.01·batch',
  );
});
