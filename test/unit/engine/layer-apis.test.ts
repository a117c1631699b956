import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMEWORKS, LAYER_CONVENTIONS } from '../../../src/engine/explain/conventions';
import { FRAMEWORK_APIS, LAYER_APIS, layerApiNamed } from '../../../src/engine/explain/layer-apis';

test('LAYER_APIS names a recognizable API for every convention row (Keras instance norm is GroupNormalization(groups=-1))', () => {
  const missing = LAYER_CONVENTIONS.filter(
    (row) =>
      !row.api.includes('(') &&
      !LAYER_APIS.some((api) => api.framework === row.framework && api.layer === row.layer),
  ).map((row) => `${row.framework} ${row.layer}`);
  assert.deepEqual(missing, []);
  assert.equal(layerApiNamed('keras.layers.RMSNormalization')?.layer, 'rmsnorm');
  assert.equal(layerApiNamed('flax.linen.InstanceNorm')?.layer, 'instancenorm');
  assert.equal(layerApiNamed('flax.nnx.InstanceNorm')?.positional[0], 'num_features');
});

test('LAYER_APIS spells each qualified name once, and every framework has its conventions row', () => {
  const names = LAYER_APIS.flatMap((api) => api.names);
  assert.equal(new Set(names).size, names.length);
  for (const framework of FRAMEWORKS) {
    assert.ok(FRAMEWORK_APIS[framework].title);
    assert.ok(LAYER_CONVENTIONS.some((row) => row.framework === framework));
  }
  assert.deepEqual(
    FRAMEWORKS.map((f) => FRAMEWORK_APIS[f].momentumConvention),
    ['new-batch', 'old-value', 'old-value'],
  );
});
