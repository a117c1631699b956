// IncrementalAnalysis against a fresh analysis of the edited text: after every edit — typing inside a
// method, changing a norm's arguments, renaming a factory, adding an import, breaking and mending the
// syntax — its result must equal analyzeTree's on the new source, whether it re-read one statement or
// the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { editFor, IncrementalAnalysis } from '../../../src/analysis/incremental';
import { analyzePython } from '../../../src/analysis/norm-layers';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';
import { pythonParser } from '../../../src/analysis/python-parser';

const root = join(import.meta.dirname, '..', '..', '..');

/** Replaces `find` (its `nth` occurrence) by `replace`: the new text and the tree-sitter edit. */
function replaceIn(source: string, find: string, replace: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = source.indexOf(find, at + 1);
  assert.ok(at >= 0, `${find} not in the source`);
  const position = (index: number) => {
    const before = source.slice(0, index).split('\n');
    return { row: before.length - 1, column: before[before.length - 1].length };
  };
  const next = source.slice(0, at) + replace + source.slice(at + find.length);
  return { next, edit: editFor(at, find.length, position(at), position(at + find.length), replace) };
}

function plain(value: unknown) {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function checkEdits(parser: Parser, file: string, edits: [string, string, number?][]) {
  let source = readFileSync(join(root, file), 'utf8');
  const incremental = new IncrementalAnalysis(parser, source);
  const reads: string[] = [];
  try {
    for (const [find, replace, nth] of edits) {
      const { next, edit } = replaceIn(source, find, replace, nth);
      source = next;
      const result = incremental.update(source, [edit]);
      reads.push(incremental.lastReread);
      assert.deepEqual(
        plain(result),
        plain(analyzePython(parser, source)),
        `${file} after ${find} → ${replace}`,
      );
    }
  } finally {
    incremental.dispose();
  }
  return reads;
}

test('IncrementalAnalysis.update equals a fresh analysis after edits inside methods, and re-reads one statement for them', async () => {
  const parser = await pythonParser(nodeGrammarFiles());
  const reads = checkEdits(parser, 'samples/model.py', [
    ['nn.GroupNorm(8, channels)', 'nn.GroupNorm(4, channels, eps=1e-3)'],
    ['return torch.relu', '\n        y = x\n        return torch.relu'],
    ['nn.LayerNorm(d_model)', 'nn.LayerNorm((d_model,), eps=1e-6)'],
    ['h = self.ln(x)', 'h = self.ln(x)  # normalized'],
  ]);
  assert.ok(reads.includes('statement'), `re-read: ${reads.join(', ')}`);
});

test('IncrementalAnalysis.update re-reads the whole file when an edit reaches other statements', async () => {
  const parser = await pythonParser(nodeGrammarFiles());
  const reads = checkEdits(parser, 'test/fixtures/python/patterns/resnet.py', [
    // ResNet passes norm_layer to BasicBlock: the two are linked by name flow.
    ['norm_layer = nn.BatchNorm2d', 'norm_layer = nn.GroupNorm', 1],
    ['self.bn2 = norm_layer(planes)', 'self.bn2 = norm_layer(planes, eps=1e-3)'],
    ['from torch import nn', 'from torch import nn\nimport torch.nn.functional as F'],
    ['momentum=0.01', 'momentum=0.02'],
    // Broken, then mended.
    ['self.norm_a = bn(channels)', 'self.norm_a = bn(channels'],
    ['self.norm_a = bn(channels', 'self.norm_a = bn(channels)'],
  ]);
  assert.ok(reads.includes('file'));
  checkEdits(parser, 'test/fixtures/python/patterns/llama.py', [
    ['x.pow(2).mean(-1, keepdim=True)', 'x.pow(2).mean(1, keepdim=True)'],
    ['self.ffn_norm = RMSNorm(args.dim, eps=args.norm_eps)', 'self.ffn_norm = RMSNorm(args.dim)'],
  ]);
  checkEdits(parser, 'test/fixtures/python/patterns/convnext.py', [
    ['x = x.permute(0, 2, 3, 1)  # (N, C, H, W) -> (N, H, W, C)', 'x = x.permute(0, 2, 1, 3)'],
    ['x = self.dwconv(x)', 'x = self.dwconv(x)\n        x = x * 1'],
  ]);
  checkEdits(parser, 'test/fixtures/python/patterns/flax_resnet.py', [
    ['momentum=0.9', 'momentum=0.99'],
    ['y = self.norm()(y)', 'y = self.norm(name="a")(y)'],
  ]);
});
