// The recognizer on model files written for these tests in the patterns real code uses to build its
// norms (test/fixtures/python/patterns, each modelled on a public model file: nanoGPT, LLaMA, Hugging
// Face BERT/T5/LLaMA, ConvNeXt, torchvision ResNet and ViT, timm, the Flax ResNet example,
// guided-diffusion, a 3-D UNet), against answer-key.json written by reading each line, and the hover
// and inlay text each pattern gets. not_layers.py holds only mentions that build nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  hoverMarkdown,
  inlayLabel,
  referenceMarkdown,
  translationsOf,
  translationText,
} from '../../../src/analysis/hover-text';
import { analyzePython, type PythonAnalysis } from '../../../src/analysis/norm-layers';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';
import { pythonParser } from '../../../src/analysis/python-parser';
import { packageModuleReader, pythonModuleName } from '../../../src/analysis/node-module-name';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'python', 'patterns');
type Entry = [number, number, string, string, string | null, string[]];
const key = JSON.parse(readFileSync(join(dir, 'answer-key.json'), 'utf8')) as Record<string, Entry[]>;

async function analyze(file: string): Promise<PythonAnalysis> {
  return analyzePython(await pythonParser(nodeGrammarFiles()), readFileSync(join(dir, file), 'utf8'));
}

test('analyzePython finds exactly the answer key on the pattern files, per kind of site', async (t) => {
  const counts = new Map<string, [number, number]>();
  for (const [file, entries] of Object.entries(key)) {
    const { layers } = await analyze(file);
    const found = layers.map((a) => [a.line, a.column, a.kind, a.api, a.layout, a.reducedAxes]);
    assert.deepEqual(found, entries, file);
    for (const entry of entries) {
      const [right, all] = counts.get(entry[2]) ?? [0, 0];
      counts.set(entry[2], [right + 1, all + 1]);
    }
  }
  t.diagnostic(`pattern files: ${[...counts].map(([kind, [r, a]]) => `${kind} ${r}/${a}`).join(', ')}`);
  assert.deepEqual(key['not_layers.py'], []);
});

test('a norm_layer factory call says what it builds, where the name is bound, and that a caller may pass another', async () => {
  const { layers, references } = await analyze('resnet.py');
  const bn1 = layers.find((l) => l.line === 16)!;
  assert.deepEqual(bn1.factory, {
    name: 'norm_layer',
    // Its own default, and ResNet's, which passes norm_layer=norm_layer.
    boundAt: [
      { line: 14, column: 26, endColumn: 40 },
      { line: 28, column: 26, endColumn: 40 },
    ],
    unlessGiven: 'norm_layer',
  });
  assert.match(
    hoverMarkdown(bn1),
    /`norm_layer\(…\)` builds `torch\.nn\.BatchNorm2d` \(bound at line 14, line 28\), unless `norm_layer` is given\./,
  );
  assert.equal(inlayLabel(bn1), 'over N,H,W');
  // self._norm_layer = norm_layer, then norm_layer = self._norm_layer in another method.
  assert.equal(layers.find((l) => l.line === 36)!.api, 'torch.nn.BatchNorm2d');
  const binding = references.find((r) => r.kind === 'factory-binding' && r.line === 14)!;
  assert.match(referenceMarkdown(binding), /^Bound here: `norm_layer\(…\)` at line 16 builds this layer\./);
  // A conditional choice: both readings.
  const choice = layers.find((l) => l.line === 44)!;
  assert.deepEqual(choice.factory?.choices, ['torch.nn.BatchNorm3d', 'torch.nn.BatchNorm2d']);
  assert.equal(inlayLabel(choice), 'over N,D,H,W (NCDHW) | N,H,W (NCHW)');
  // A default in the signature, the call's own keyword on top.
  const defaulted = layers.find((l) => l.line === 45)!;
  assert.deepEqual([defaulted.factory?.unlessGiven, defaulted.params.momentum], ['norm', 0.01]);
});

test('a use of a built module shows the layer it was built with, with a link to its line', async () => {
  const { references } = await analyze('resnet.py');
  const use = references.find((r) => r.kind === 'use' && r.line === 20)!;
  assert.equal(use.layer.line, 16);
  const text = referenceMarkdown(use, (line) => `file:///resnet.py#L${line}`);
  assert.match(text, /^Calls the BatchNorm built at \[line 16\]\(file:\/\/\/resnet\.py#L16\)\./);
  assert.match(text, /statistics over \*\*N, H, W\*\*/);
});

test('SyncBatchNorm.convert_sync_batchnorm says every BatchNorm is replaced and reduces N across processes', async () => {
  const { layers } = await analyze('resnet.py');
  const conversion = layers.find((l) => l.kind === 'conversion')!;
  assert.deepEqual(conversion.args, ['model', 'group']);
  assert.match(
    hoverMarkdown(conversion),
    /Every BatchNorm1d\/2d\/3d in `model` becomes a SyncBatchNorm: its statistics are computed over N across all processes of the group, plus the spatial axes of each replaced layer\./,
  );
  assert.equal(inlayLabel(conversion), 'SyncBatchNorm: over N across processes');
});

test('custom RMSNorm modules read from their bodies: mean of squares over the last axis, γ shape from torch.ones', async () => {
  const { layers } = await analyze('llama.py');
  const [attention] = layers;
  assert.deepEqual(
    [attention.kind, attention.layer, attention.layout, attention.reducedAxes, attention.paramShape],
    ['custom', 'rmsnorm', 'BTC', ['C'], ['args.dim']],
  );
  assert.equal(attention.params.eps, 'args.norm_eps');
  assert.match(
    hoverMarkdown(attention),
    /custom RMSNorm `RMSNorm` \(defined at line 7\): mean of squares over the last axis, no mean subtraction; γ shape \(dim,\)\./,
  );
  const hf = await analyze('hf_modeling.py');
  const t5 = hf.layers.find((l) => l.api === 'T5LayerNorm')!;
  assert.deepEqual([t5.layer, t5.reducedAxes, t5.custom?.definedAt], ['rmsnorm', ['C'], 25]);
  const gpt = await analyze('gpt.py');
  const ln = gpt.layers.find((l) => l.kind === 'custom')!;
  assert.deepEqual(
    [ln.layer, ln.custom?.reading, ln.paramShape],
    ['layernorm', 'F.layer_norm over the last axis', ['config.n_embd']],
  );
});

test('ConvNeXt: the data_format switch gives both readings; a permute before self.norm(x) moves the reading to NHWC', async () => {
  const { layers, references } = await analyze('convnext.py');
  const stem = layers.find((l) => l.line === 55)!;
  assert.deepEqual(stem.alternatives, [
    { layout: 'NHWC', reducedAxes: ['C'] },
    { layout: 'NCHW', reducedAxes: ['C'] },
  ]);
  assert.match(stem.custom!.reading, /mean and variance over the channel axis \(dim 1\), mean subtracted/);
  const use = references.find((r) => r.kind === 'use' && r.line === 46)!;
  assert.deepEqual(use.reading, { layout: 'NHWC', reducedAxes: ['C'] });
  assert.match(referenceMarkdown(use), /permutes the input to NHWC: here it normalizes over \*\*C\*\*/);
  const subclass = layers.find((l) => l.line === 58)!;
  assert.match(
    hoverMarkdown(subclass),
    /LayerNorm subclass `LayerNorm2d` \(defined at line 29\): a LayerNorm over C of an \(N, C, H, W\) input\./,
  );
});

test('subclasses keep their base axes and say what forward casts (GroupNorm32)', async () => {
  const { layers } = await analyze('diffusion_unet.py');
  const [gn] = layers;
  assert.deepEqual([gn.layer, gn.params.numGroups, gn.layout], ['groupnorm', 32, 'NCHW']);
  assert.match(
    hoverMarkdown(gn),
    /Its forward computes in float32 and casts the result back to the input's dtype\./,
  );
});

test('Hugging Face config eps: the hover names the config attribute and the default of the config class in the file', async () => {
  const { layers } = await analyze('hf_modeling.py');
  const ln = layers.find((l) => l.line === 19)!;
  assert.deepEqual(ln.epsFromConfig, {
    attribute: 'layer_norm_eps',
    default: 1e-12,
    configClass: 'BertConfig',
    line: 9,
  });
  assert.match(
    hoverMarkdown(ln),
    /\| eps \| `config\.layer_norm_eps` — from the model config \(BertConfig default 1e-12, line 9\) \|/,
  );
});

test('Flax: partial(nn.BatchNorm, …) passed as norm=norm to a norm: ModuleDef field is built at self.norm()', async () => {
  const { layers } = await analyze('flax_resnet.py');
  const inBlock = layers.find((l) => l.line === 22)!;
  assert.deepEqual(inBlock.params, { eps: 1e-5, momentum: 0.9, momentumConvention: 'old-value' });
  assert.deepEqual(inBlock.args.slice(0, 3), [
    'use_running_average=not train',
    'momentum=0.9',
    'epsilon=1e-5',
  ]);
  assert.match(
    hoverMarkdown(inBlock),
    /`self\.norm\(…\)` builds `flax\.linen\.BatchNorm` \(bound at line 38\)/,
  );
});

test('a 3-D file reads GroupNorm and F.group_norm over (N, C, D, H, W)', async () => {
  const { layers } = await analyze('unet3d.py');
  assert.deepEqual(
    layers.map((l) => [l.layout, l.reducedAxes.join(',')]),
    [
      ['NCDHW', 'C,D,H,W'],
      ['NCDHW', 'N,D,H,W'],
      ['NCDHW', 'C,D,H,W'],
    ],
  );
});

test('translationsOf writes each site in the other frameworks: the Flax partial’s momentum 0.9 is PyTorch’s 0.1', async () => {
  const flax = (await analyze('flax_resnet.py')).layers.find((l) => l.line === 22)!;
  const [torch, keras] = translationsOf(flax);
  assert.equal(torch.code, 'nn.BatchNorm2d(num_features, eps=0.00001, momentum=0.1)');
  assert.equal(keras.code, 'keras.layers.BatchNormalization(axis=-1, momentum=0.9, epsilon=0.00001)');
  const resnet = (await analyze('resnet.py')).layers.find((l) => l.line === 16)!;
  const [toKeras] = translationsOf(resnet);
  assert.match(
    translationText(toKeras),
    /^# eps written out: Keras's default is 0\.001, PyTorch's 0\.00001\.\n# running variance: [^\n]+\nkeras\.layers\.BatchNormalization\(axis=1, momentum=0\.9, epsilon=0\.00001\)$/,
  );
  const rms = (await analyze('llama.py')).layers[0];
  assert.equal(translationsOf(rms)[0].code, 'keras.layers.RMSNormalization(axis=-1, epsilon=args.norm_eps)');
});

test('a factory configured differently by its callers says so (timm’s norm_layer or partial(…) and a caller’s partial)', async () => {
  const { layers } = await analyze('vit.py');
  const norm = layers.find((l) => l.line === 24)!;
  assert.deepEqual(norm.factory?.variants, ['eps=1e-5', 'eps=1e-6']);
  assert.match(
    hoverMarkdown(norm),
    /It reaches here configured 2 ways: \(eps=1e-5\), \(eps=1e-6\); the table shows the first\./,
  );
});

test('norm classes defined in another module of the package count: from .norms import RMSNorm', async () => {
  const file = join(dir, '..', 'package', 'blocks', 'model.py');
  const parser = await pythonParser(nodeGrammarFiles());
  const options = { module: pythonModuleName(file), readModule: packageModuleReader(file) };
  assert.equal(options.module, 'package.blocks.model');
  const { layers } = analyzePython(parser, readFileSync(file, 'utf8'), options);
  assert.deepEqual(
    layers.map((l) => [l.line, l.kind, l.api, l.layer, l.layout, l.reducedAxes]),
    [
      [12, 'custom', 'RMSNorm', 'rmsnorm', 'BTC', ['C']],
      [13, 'custom', 'GroupNorm32', 'groupnorm', 'NCHW', ['C', 'H', 'W']],
    ],
  );
  assert.equal(layers[0].custom?.definedAt, 6, 'the line in norms.py');
  assert.deepEqual(analyzePython(parser, readFileSync(file, 'utf8'), { module: options.module }).layers, []);
});
