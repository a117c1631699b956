// The layer recognizer on real model files from public repositories — torchvision 0.14.1, torchaudio
// 0.13.1, torchtext 0.14.1, Keras Applications 1.0.8 and PyTorch 1.13.1's nn.Transformer, as Debian ships them (fetched and checked by
// scripts/fetch-public-models.mjs, which `npm test` runs first) — against answer-key.json, written by
// reading every line of every file that mentions a normalization layer. The key holds constructions
// and calls only: `norm_layer=nn.BatchNorm2d` passes a class, `isinstance(m, nn.GroupNorm)` tests one,
// `class LayerNorm2d(nn.LayerNorm)` defines one, and docstrings name them; none is a layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotatePython, type LayerAnnotation } from '../../../src/analysis/norm-layers';
import { pythonParser } from '../../../src/analysis/python-parser';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';
import { pythonModuleName } from '../../../src/analysis/node-module-name';

const root = join(import.meta.dirname, '..', '..', '..');
const site = join(root, '.cache/public-models/usr/lib/python3/dist-packages');
type KeyEntry = [number, number, string, string | null, string[]];
const answerKey = JSON.parse(
  readFileSync(join(root, 'test/fixtures/public-models/answer-key.json'), 'utf8'),
) as Record<string, KeyEntry[]>;

async function annotateCorpus(): Promise<Map<string, LayerAnnotation[]>> {
  assert.ok(
    existsSync(join(site, 'torchvision')),
    `the public model corpus is missing from ${site}: run node scripts/fetch-public-models.mjs`,
  );
  const parser = await pythonParser(nodeGrammarFiles());
  const found = new Map<string, LayerAnnotation[]>();
  for (const file of Object.keys(answerKey)) {
    const path = join(site, file);
    found.set(file, annotatePython(parser, readFileSync(path, 'utf8'), { module: pythonModuleName(path) }));
  }
  return found;
}

test('the recognizer finds exactly the answer key of direct calls on 126 public model files (precision and recall 1)', async (t) => {
  const found = await annotateCorpus();
  const expected = new Set<string>();
  const reported = new Set<string>();
  for (const [file, entries] of Object.entries(answerKey)) {
    for (const entry of entries) expected.add(`${file} ${JSON.stringify(entry)}`);
    for (const a of found.get(file)!.filter((layer) => layer.kind === 'call'))
      reported.add(`${file} ${JSON.stringify([a.line, a.column, a.api, a.layout, a.reducedAxes])}`);
  }
  const right = [...reported].filter((r) => expected.has(r)).length;
  t.diagnostic(
    `recognizer on ${found.size} files: ${right}/${expected.size} layers found, ${reported.size - right} wrong or extra`,
  );
  assert.deepEqual(
    [...reported].filter((r) => !expected.has(r)),
    [],
    'reported but not in the key',
  );
  assert.deepEqual(
    [...expected].filter((e) => !reported.has(e)),
    [],
    'in the key but not reported',
  );
  assert.equal(expected.size, 169);
});

// Sites built through names and custom modules, written by reading every `norm_layer(…)`, `norm(…)` and
// local norm class in these files: torchvision's `if norm_layer is None: norm_layer = nn.BatchNorm2d`
// defaults, `self._norm_layer` attributes, `partial(nn.LayerNorm, eps=1e-6)` passed to constructors,
// ConvNeXt's LayerNorm2d and wav2vec2's transposing LayerNorm subclass.
const namesKey = JSON.parse(
  readFileSync(join(root, 'test/fixtures/public-models/answer-key-names.json'), 'utf8'),
) as Record<string, [number, number, string, string, string | null, string[]][]>;

test('the recognizer finds exactly the factory and custom-module sites of the public corpus', async (t) => {
  const found = await annotateCorpus();
  const expected = new Set<string>();
  const reported = new Set<string>();
  for (const [file, entries] of Object.entries(namesKey))
    for (const entry of entries) expected.add(`${file} ${JSON.stringify(entry)}`);
  for (const [file, layers] of found)
    for (const a of layers.filter((layer) => layer.kind !== 'call'))
      reported.add(`${file} ${JSON.stringify([a.line, a.column, a.kind, a.api, a.layout, a.reducedAxes])}`);
  const right = [...reported].filter((r) => expected.has(r)).length;
  const perKind = (kind: string) =>
    `${[...expected].filter((e) => e.includes(`"${kind}"`) && reported.has(e)).length}/${[...expected].filter((e) => e.includes(`"${kind}"`)).length}`;
  t.diagnostic(
    `names and custom modules: ${right}/${expected.size} sites (factory ${perKind('factory')}, custom ${perKind('custom')}), ${reported.size - right} wrong or extra`,
  );
  assert.deepEqual(
    [...reported].filter((r) => !expected.has(r)),
    [],
    'reported but not in the key',
  );
  assert.deepEqual(
    [...expected].filter((e) => !reported.has(e)),
    [],
    'in the key but not reported',
  );
});

test('the corpus exercises what real code does: partial factories, relative imports, an injected Keras layers module, audio feature maps', async () => {
  const found = await annotateCorpus();
  const at = (file: string, line: number) => found.get(file)!.find((a) => a.line === line)!;

  // torchvision hands norm layers around as functools.partial factories; the partial holds eps and momentum.
  const efficientnet = at('torchvision/models/efficientnet.py', 909);
  assert.deepEqual(efficientnet.args, ['eps=0.001', 'momentum=0.01']);
  assert.deepEqual(efficientnet.params, { eps: 0.001, momentum: 0.01, momentumConvention: 'new-batch' });
  // MaxViT's partial(nn.BatchNorm2d, momentum=0.99) is a Keras-style number in PyTorch's convention:
  // each batch gets weight 0.99 — the hover says so.
  const maxvit = at('torchvision/models/maxvit.py', 625);
  assert.deepEqual([maxvit.params.momentum, maxvit.params.momentumConvention], [0.99, 'new-batch']);
  const fcos = at('torchvision/models/detection/fcos.py', 165);
  assert.deepEqual([fcos.api, fcos.params.numGroups, fcos.statShape], ['torch.nn.GroupNorm', 32, ['N', 'G']]);

  // torch/nn/modules/transformer.py imports LayerNorm relatively (from .normalization import LayerNorm).
  const encoderNorm = at('torch/nn/modules/transformer.py', 412);
  assert.deepEqual(
    [encoderNorm.api, encoderNorm.params.eps, encoderNorm.params.normalizedShape],
    ['torch.nn.LayerNorm', 'layer_norm_eps', 'd_model'],
  );

  // GroupNorm takes (N, C, *): Conv-TasNet builds only Conv1d, so its maps are (N, C, L); HDemucs
  // picks `klass = nn.Conv2d` or `nn.Conv1d` per layer, so both readings are shown.
  const tasnet = at('torchaudio/models/conv_tasnet.py', 105);
  assert.deepEqual([tasnet.layout, tasnet.reducedAxes, tasnet.params.eps], ['NCL', ['C', 'L'], 1e-8]);
  const demucs = at('torchaudio/models/_hdemucs.py', 111);
  assert.deepEqual(demucs.alternatives, [
    { layout: 'NCHW', reducedAxes: ['C', 'H', 'W'] },
    { layout: 'NCL', reducedAxes: ['C', 'L'] },
  ]);

  // Keras Applications get `layers` from get_submodules_from_kwargs, and the channel axis is
  // `bn_axis = 3 if channels_last else 1`: the layout is unknown, both readings are shown.
  const keras = at('keras_applications/resnet_common.py', 84);
  assert.deepEqual(keras.params, {
    eps: 1.001e-5,
    momentum: 0.99,
    momentumConvention: 'old-value',
    axis: 'bn_axis',
  });
  assert.equal(keras.layout, null);
  assert.deepEqual(keras.alternatives, [
    { layout: 'NHWC', reducedAxes: ['N', 'H', 'W'] },
    { layout: 'NCHW', reducedAxes: ['N', 'H', 'W'] },
  ]);
});

test('relative imports resolve from the file’s package, a package’s __init__.py from the package itself', async () => {
  const parser = await pythonParser(nodeGrammarFiles());
  const source =
    'from . import normalization as norms\nfrom ..modules.batchnorm import BatchNorm2d\nnorms.LayerNorm(8)\nBatchNorm2d(3)\n';
  const apis = (module: string) => annotatePython(parser, source, { module }).map((a) => a.api);
  assert.deepEqual(apis('torch.nn.modules.transformer'), ['torch.nn.LayerNorm', 'torch.nn.BatchNorm2d']);
  assert.deepEqual(apis('torch.nn.modules.__init__'), ['torch.nn.LayerNorm', 'torch.nn.BatchNorm2d']);
  assert.deepEqual(apis('other.place'), [], 'elsewhere the same names are not torch’s');
  assert.equal(
    pythonModuleName(join(site, 'torch/nn/modules/transformer.py')),
    'torch.nn.modules.transformer',
  );
  assert.equal(pythonModuleName(join(site, 'torch/nn/__init__.py')), 'torch.nn.__init__');
});
