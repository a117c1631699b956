// Hovers and inlay hints in Simplified Chinese on real model files (torchvision 0.14.1 as Debian ships
// it, fetched by scripts/fetch-public-models.mjs): the prose is Chinese, and the numbers, API names
// and code are the English hover's, one for one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverMarkdown, inlayLabel, referenceMarkdown } from '../../../src/analysis/hover-text';
import { analyzePython, type PythonAnalysis } from '../../../src/analysis/norm-layers';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';
import { pythonParser } from '../../../src/analysis/python-parser';
import { pythonModuleName } from '../../../src/analysis/node-module-name';

const root = join(import.meta.dirname, '..', '..', '..');
const site = join(root, '.cache/public-models/usr/lib/python3/dist-packages');

async function analyze(file: string): Promise<PythonAnalysis> {
  const path = join(site, file);
  assert.ok(existsSync(path), `${path} is missing: run node scripts/fetch-public-models.mjs`);
  return analyzePython(await pythonParser(nodeGrammarFiles()), readFileSync(path, 'utf8'), {
    module: pythonModuleName(path),
  });
}

const CJK = /[\u4e00-\u9fff]/;
/** The numbers of a text, sorted (the languages order their sentences differently). */
const numbers = (text: string) => (text.match(/\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).sort();
/** What is in backticks: API names and code. */
const code = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();

test('hoverMarkdown in zh-cn on torchvision MaxViT: Chinese prose, the momentum warning, the same numbers and code as in English', async () => {
  const { layers } = await analyze('torchvision/models/maxvit.py');
  assert.ok(layers.length >= 5, `${layers.length} layers`);
  for (const layer of layers) {
    const en = hoverMarkdown(layer, 'en');
    const zh = hoverMarkdown(layer, 'zh-cn');
    const where = `maxvit.py:${layer.line}`;
    assert.doesNotMatch(en, CJK, where);
    assert.match(zh, /\| 统计量形状 \| \[/, where);
    assert.match(zh, /训练/, where);
    assert.deepEqual(numbers(zh), numbers(en), `${where}: numbers`);
    assert.deepEqual(code(zh), code(en), `${where}: code`);
    assert.ok(zh.startsWith(`**NormScope — `), where);
  }
  // partial(nn.BatchNorm2d, eps=1e-3, momentum=0.99): a Keras momentum carried into PyTorch
  const carried = layers.filter((l) => l.params.momentum === 0.99);
  assert.ok(carried.length > 0, 'the momentum=0.99 BatchNorm2d');
  for (const layer of carried) {
    assert.match(hoverMarkdown(layer, 'en'), /⚠ momentum 0\.99 gives each new batch weight 0\.99/);
    const zh = hoverMarkdown(layer, 'zh-cn');
    assert.match(
      zh,
      /⚠ momentum 0\.99 给每个新批次 0\.99 的权重：滑动统计量几乎只跟随最后一个批次。Keras 和 Flax 的 0\.99 相当于 PyTorch 的 0\.01。/,
    );
    assert.match(zh, /\| 动量 momentum \| 0\.99 是新批次的权重：running = 0\.01·running \+ 0\.99·batch \|/);
    assert.match(zh, /\| eps \| 0\.001 \|/);
  }
});

test('referenceMarkdown and inlayLabel in zh-cn on torchvision ResNet: the factory binding and uses, lines as in English', async () => {
  const { layers, references } = await analyze('torchvision/models/resnet.py');
  assert.ok(references.length > 0, 'references');
  for (const reference of references) {
    const link = (line: number) => `file:///resnet.py#L${line}`;
    const en = referenceMarkdown(reference, link, 'en');
    const zh = referenceMarkdown(reference, link, 'zh-cn');
    assert.deepEqual(numbers(zh), numbers(en), `resnet.py:${reference.line}: numbers`);
    assert.deepEqual(code(zh), code(en), `resnet.py:${reference.line}: code`);
    assert.match(
      zh,
      reference.kind === 'use' ? /^调用\[第 \d+ 行\]\(file:\/\/\/resnet\.py#L\d+\)构建的 / : /^在此绑定：/,
    );
  }
  const factory = layers.find((l) => l.kind === 'factory');
  assert.ok(factory, 'a norm_layer(…) site');
  assert.match(hoverMarkdown(factory, 'zh-cn'), /^`norm_layer\(…\)` 构建 `[\w.]+`（绑定于第 \d+ 行/m);
  for (const layer of layers) {
    const en = inlayLabel(layer, 'en');
    const zh = inlayLabel(layer, 'zh-cn');
    assert.equal(zh, en.replace(/^over /, '统计轴 ').replace(/ \((\w+)\)/g, '（$1）'));
  }
});
