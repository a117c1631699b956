import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hoverMarkdown, inlayLabel } from '../../../src/analysis/hover-text';
import { annotatePython } from '../../../src/analysis/norm-layers';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';
import { pythonParser } from '../../../src/analysis/python-parser';

async function layersOf(path: string) {
  return annotatePython(await pythonParser(nodeGrammarFiles()), readFileSync(path, 'utf8'));
}

test('inlayLabel says which axes a layer reduces over, and both readings when the layout is unknown', async () => {
  const [bn, gn, ln] = await layersOf('samples/model.py');
  assert.equal(inlayLabel(bn), 'over N,H,W');
  assert.equal(inlayLabel(gn), 'over C,H,W');
  assert.equal(inlayLabel(ln), 'over C (BTC) | W (NCHW)');
  assert.deepEqual([ln.callEndLine, ln.callEndColumn], [20, 40], 'just after the closing parenthesis');
});

test('hoverMarkdown spells out shapes, defaults, the momentum direction and train vs eval', async () => {
  const [bn, gn] = await layersOf('samples/model.py');
  const text = hoverMarkdown(bn);
  assert.match(text, /^\*\*NormScope — BatchNorm\*\* `torch\.nn\.BatchNorm2d`/);
  assert.match(text, /- NCHW: \*\*N\*\* · C · \*\*H\*\* · \*\*W\*\* — statistics over \*\*N, H, W\*\*/);
  assert.match(text, /\| statistic shape \| \[C\] \|/);
  assert.match(text, /\| eps \| 0\.00001 \|/);
  assert.match(text, /\| momentum \| 0\.1 weights the new batch: running = 0\.9·running \+ 0\.1·batch \|/);
  assert.match(text, /\| running variance \| unbiased batch variance \|/);
  assert.match(text, /eval uses the running statistics/);
  assert.match(hoverMarkdown(gn), /\| groups \| 8 \|/);
  const [keras] = annotatePython(
    await pythonParser(nodeGrammarFiles()),
    'from keras import layers\nlayers.BatchNormalization()\n',
  );
  assert.match(hoverMarkdown(keras), /0\.99 weights the old value: running = 0\.99·running \+ 0\.01·batch/);
});

test('hoverMarkdown warns when a momentum reads like the other convention (PyTorch 0.99, Keras 0.1)', async () => {
  const parser = await pythonParser(nodeGrammarFiles());
  const [torchLike, kerasLike, usual] = annotatePython(
    parser,
    'from functools import partial\nfrom torch import nn\nfrom keras import layers\n' +
      'norm_layer = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.99)\n' +
      'layers.BatchNormalization(momentum=0.1)\nnn.BatchNorm2d(8, momentum=0.01)\n',
  );
  assert.match(
    hoverMarkdown(torchLike),
    /⚠ momentum 0\.99 gives each new batch weight 0\.99: the running statistics follow the last batch\. Keras's and Flax's 0\.99 is PyTorch's 0\.01\./,
  );
  assert.match(
    hoverMarkdown(kerasLike),
    /⚠ momentum 0\.1 keeps only 0\.1 of the old running value: the running statistics follow the last batch\. PyTorch's 0\.1 is Keras's 0\.9\./,
  );
  assert.doesNotMatch(hoverMarkdown(usual), /⚠/);
});
