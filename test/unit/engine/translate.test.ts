// The convention translator, run back through the engine: the translated layer, given the values the
// translation writes, gives the same outputs and running mean on a seeded tensor; what the notes say
// cannot be matched (the running variance's bias) is shown to differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchNorm, type RunningStats } from '../../../src/engine/layers/batch-norm';
import { groupNorm } from '../../../src/engine/layers/group-norm';
import { layerNorm, rmsNorm } from '../../../src/engine/layers/layer-norm';
import { tensor } from '../../../src/engine/tensor/tensor';
import { complementMomentum, translateLayer } from '../../../src/engine/explain/translate';
import { assertClose } from '../../helpers/close';

/** A seeded tensor (mulberry32), values in [-2, 3). */
function seeded(shape: number[], seed = 7) {
  let a = seed;
  const data = Float64Array.from({ length: shape.reduce((p, n) => p * n, 1) }, () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 5 - 2;
  });
  return tensor(data, shape);
}

test('translateLayer writes PyTorch BatchNorm2d momentum 0.1 as Keras 0.9 and Flax 0.9, eps spelled out, channel axis 1', () => {
  const source = { framework: 'torch' as const, layer: 'batchnorm' as const, numFeatures: 3, layout: 'NCHW' };
  const keras = translateLayer(source, 'keras');
  assert.equal(keras.code, 'keras.layers.BatchNormalization(axis=1, momentum=0.9, epsilon=0.00001)');
  assert.match(keras.notes.join('\n'), /eps written out: Keras's default is 0\.001, PyTorch's 0\.00001/);
  assert.match(
    keras.notes.join('\n'),
    /running variance: PyTorch accumulates the unbiased batch variance, Keras the biased one/,
  );
  const flax = translateLayer(source, 'flax');
  assert.equal(
    flax.code,
    'nn.BatchNorm(use_running_average=not train, axis=1, momentum=0.9, epsilon=0.00001)',
  );
  const back = translateLayer(
    { framework: 'keras', layer: 'batchnorm', momentum: 0.99, eps: 1e-3, layout: 'NHWC' },
    'torch',
  );
  assert.equal(back.code, 'nn.BatchNorm2d(num_features, eps=0.001, momentum=0.01)');
  assert.match(back.notes.join('\n'), /permute channels-last inputs/);
  assert.equal(complementMomentum(0.1), 0.9);
  assert.equal(complementMomentum(0.99), 0.01);
});

test('translateLayer BatchNorm through the engine: same outputs and running mean over three training steps; running variance differs as noted', () => {
  const source = {
    framework: 'torch' as const,
    layer: 'batchnorm' as const,
    momentum: 0.1,
    eps: 1e-5,
    numFeatures: 3,
    layout: 'NCHW',
  };
  for (const target of ['keras', 'flax'] as const) {
    const translated = translateLayer(source, target);
    let torchState: RunningStats | undefined;
    let otherState: RunningStats | undefined;
    for (let step = 0; step < 3; step++) {
      const x = seeded([4, 3, 5, 5], 11 + step);
      const a = batchNorm(x, {
        training: true,
        framework: 'torch',
        momentum: 0.1,
        eps: 1e-5,
        running: torchState,
      });
      const b = batchNorm(x, {
        training: true,
        framework: target,
        momentum: translated.momentum as number,
        eps: translated.eps as number,
        channelAxis: translated.axis as number,
        running: otherState,
      });
      assertClose(b.output.data, a.output.data, { abs: 1e-12, rel: 1e-12 });
      assertClose(b.running.runningMean, a.running.runningMean, { abs: 1e-12, rel: 1e-12 });
      torchState = a.running;
      otherState = b.running;
    }
    // Unbiased (n/(n-1), n = 100 values per channel) against biased: never equal.
    assert.ok(
      torchState!.runningVar.every((v, c) => v > otherState!.runningVar[c]),
      target,
    );
  }
});

test('translateLayer LayerNorm, RMSNorm and GroupNorm through the engine give the same outputs', () => {
  const tokens = seeded([2, 5, 8]);
  const ln = translateLayer(
    { framework: 'torch', layer: 'layernorm', eps: 1e-5, numFeatures: 8, layout: 'BTC', reducedAxes: ['C'] },
    'keras',
  );
  assert.equal(ln.code, 'keras.layers.LayerNormalization(axis=-1, epsilon=0.00001)');
  assertClose(
    layerNorm(tokens, { axes: [ln.axis as number], eps: ln.eps as number }).data,
    layerNorm(tokens, { normalizedShape: [8], eps: 1e-5 }).data,
    { abs: 1e-12, rel: 1e-12 },
  );
  const rms = translateLayer(
    { framework: 'keras', layer: 'rmsnorm', layout: 'NLC', reducedAxes: ['C'] },
    'torch',
  );
  assert.equal(rms.code, 'nn.RMSNorm(num_features, eps=0.000001)');
  assert.match(rms.notes.join('\n'), /PyTorch's default is the dtype's machine epsilon, Keras's 0\.000001/);
  assertClose(
    rmsNorm(tokens, { normalizedShape: [8], eps: rms.eps as number }).data,
    rmsNorm(tokens, { axes: [-1], eps: 1e-6 }).data,
    { abs: 1e-12, rel: 1e-12 },
  );
  const gn = translateLayer(
    { framework: 'torch', layer: 'groupnorm', numGroups: 2, numFeatures: 4, eps: 1e-5, layout: 'NCHW' },
    'keras',
  );
  assert.equal(gn.code, 'keras.layers.GroupNormalization(groups=2, axis=1, epsilon=0.00001)');
  const maps = seeded([2, 4, 3, 3]);
  assertClose(
    groupNorm(maps, { numGroups: 2, channelAxis: gn.axis as number, eps: gn.eps as number }).data,
    groupNorm(maps, { numGroups: 2, channelAxis: 1, eps: 1e-5 }).data,
    { abs: 1e-12, rel: 1e-12 },
  );
  assert.match(
    translateLayer({ framework: 'torch', layer: 'groupnorm', layout: 'NCHW' }, 'flax').notes.join(),
    /Flax GroupNorm reads channels last/,
  );
});

test('translateLayer says what cannot be matched: momentum=None, expressions, eps=None', () => {
  const cumulative = translateLayer(
    { framework: 'torch', layer: 'batchnorm', momentum: null, layout: 'NCHW' },
    'keras',
  );
  assert.equal(cumulative.momentum, 0.99);
  assert.match(cumulative.notes.join(), /momentum=None keeps a cumulative average/);
  const expression = translateLayer(
    { framework: 'keras', layer: 'batchnorm', momentum: 'bn_momentum', layout: 'NHWC' },
    'torch',
  );
  assert.equal(expression.momentum, '1 - (bn_momentum)');
  const dtype = translateLayer(
    { framework: 'torch', layer: 'rmsnorm', eps: 'dtype-eps', layout: 'BTC', reducedAxes: ['C'] },
    'flax',
  );
  assert.equal(dtype.code, `nn.RMSNorm(epsilon=${2 ** -23})`);
});
