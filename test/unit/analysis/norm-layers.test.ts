// The layer recognizer on Python files written for these tests (test/fixtures/python), against an
// answer key written by reading each line: aliases, keyword and positional arguments, multi-line
// calls, and comments, docstrings and strings that merely mention a layer. Real model files from
// public repositories are in public-models.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotatePython, type LayerAnnotation } from '../../../src/analysis/norm-layers';
import { pythonParser } from '../../../src/analysis/python-parser';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'python');

async function annotate(file: string): Promise<LayerAnnotation[]> {
  return annotatePython(await pythonParser(nodeGrammarFiles()), readFileSync(join(fixtures, file), 'utf8'));
}

const brief = (a: LayerAnnotation) => [a.line, a.column, a.api, a.layout, a.reducedAxes.join(',')];

test('annotatePython finds PyTorch conv-net norms through every alias, with defaults and momentum filled in', async () => {
  const found = await annotate('torch_cnn.py');
  assert.deepEqual(found.map(brief), [
    [15, 23, 'torch.nn.BatchNorm2d', 'NCHW', 'N,H,W'],
    [16, 24, 'torch.nn.BatchNorm2d', 'NCHW', 'N,H,W'],
    [17, 19, 'torch.nn.GroupNorm', 'NCHW', 'C,H,W'],
    [18, 31, 'torch.nn.InstanceNorm2d', 'NCHW', 'H,W'],
    [24, 30, 'torch.nn.BatchNorm1d', null, 'N'],
    [27, 15, 'torch.nn.functional.group_norm', 'NCHW', 'C,H,W'],
    [28, 18, 'torch.nn.functional.batch_norm', 'NCHW', 'N,H,W'],
  ]);
  const [bn1, bn2, gn, inorm, cumulative] = found;
  assert.deepEqual(bn1.params, {
    eps: 1e-5,
    momentum: 0.1,
    momentumConvention: 'new-batch',
    numFeatures: 'planes',
  });
  assert.deepEqual([bn1.statShape, bn1.paramShape, bn1.args], [['C'], ['C'], ['planes']]);
  assert.deepEqual([bn2.params.eps, bn2.params.momentum], [1e-3, 0.01]);
  assert.deepEqual([gn.params.numGroups, gn.statShape, gn.paramShape], [32, ['N', 'G'], ['C']]);
  assert.deepEqual(
    [inorm.params.momentum, inorm.params.momentumConvention, inorm.statShape, inorm.paramShape],
    [0.1, 'new-batch', ['N', 'C'], ['C']],
  );
  assert.deepEqual(inorm.args, ['planes', 'affine=True', 'track_running_stats=True']);
  assert.deepEqual([cumulative.params.momentum, cumulative.params.momentumConvention], [null, 'cumulative']);
  assert.deepEqual(cumulative.alternatives, [
    { layout: 'NC', reducedAxes: ['N'] },
    { layout: 'NCL', reducedAxes: ['N', 'L'] },
  ]);
  // F.batch_norm takes (N, C, *): this file builds Conv2d only, so its feature maps are NCHW.
  assert.equal(found[6].alternatives, undefined);
});

test('annotatePython explains LayerNorm by its normalized_shape: per token over C, per image over C, H, W', async () => {
  const found = await annotate('torch_transformer.py');
  assert.deepEqual(found.map(brief), [
    [9, 24, 'torch.nn.LayerNorm', null, 'C'],
    [10, 24, 'torch.nn.LayerNorm', 'BTC', 'C'],
    [11, 23, 'torch.nn.RMSNorm', 'BTC', 'C'],
    [12, 28, 'torch.nn.LayerNorm', 'NCHW', 'C,H,W'],
    [16, 18, 'torch.nn.functional.layer_norm', null, 'C'],
    [19, 18, 'torch.nn.functional.normalize', 'NC', 'C'],
  ]);
  assert.deepEqual([found[5].params.eps, found[5].params.axis, found[5].paramShape], [1e-12, -1, []]);
  assert.deepEqual([found[1].params.eps, found[1].statShape, found[1].paramShape], [1e-6, ['B', 'T'], [768]]);
  assert.deepEqual([found[2].params.eps, found[2].params.momentum], ['dtype-eps', null]);
  assert.deepEqual([found[3].statShape, found[3].paramShape], [['N'], [64, 56, 56]]);
  assert.equal(
    found[0].params.normalizedShape,
    'n_embd',
    'a name, not a literal: kept as written, layout unknown',
  );
});

test('annotatePython reads Keras layers through tensorflow.keras and keras, channels-last, momentum weighing the old value', async () => {
  const found = await annotate('keras_model.py');
  assert.deepEqual(found.map(brief), [
    [9, 16, 'keras.layers.BatchNormalization', 'NHWC', 'N,H,W'],
    [10, 16, 'keras.layers.BatchNormalization', 'NHWC', 'N,H,W'],
    [11, 22, 'keras.layers.LayerNormalization', null, 'C'],
    [12, 25, 'keras.layers.GroupNormalization', 'NHWC', 'H,W,C'],
    [13, 16, 'keras.layers.UnitNormalization', null, 'C'],
  ]);
  assert.deepEqual([found[4].params.eps, found[4].statShape, found[4].paramShape], [1e-7, ['N'], []]);
  assert.deepEqual(found[0].params, { eps: 1e-3, momentum: 0.99, momentumConvention: 'old-value' });
  assert.deepEqual([found[1].params.eps, found[1].params.momentum, found[1].params.axis], [1e-5, 0.9, -1]);
  assert.equal(found[3].params.numGroups, 8);
});

test('annotatePython reads Flax linen and nnx modules', async () => {
  const found = await annotate('flax_model.py');
  assert.deepEqual(found.map(brief), [
    [10, 16, 'flax.linen.BatchNorm', 'NHWC', 'N,H,W'],
    [11, 16, 'flax.linen.GroupNorm', 'NHWC', 'H,W,C'],
    [12, 19, 'flax.linen.LayerNorm', null, 'C'],
    [17, 25, 'flax.nnx.RMSNorm', null, 'C'],
  ]);
  assert.deepEqual(
    [found[0].params.momentum, found[0].params.momentumConvention, found[0].params.eps],
    [0.9, 'old-value', 1e-5],
  );
  assert.equal(found[1].params.numGroups, 16);
});

test('annotatePython ignores layers mentioned in comments and strings, and unknown names', async () => {
  const parser = await pythonParser(nodeGrammarFiles());
  const source =
    '# nn.BatchNorm2d(64)\ns = "nn.LayerNorm(8)"\nimport torch.nn as nn\nx = BatchNorm2d(3)\ny = nn.Linear(3, 4)\n';
  assert.deepEqual(annotatePython(parser, source), []);
});
