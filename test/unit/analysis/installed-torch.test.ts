// The recognizer on the PyTorch sources Debian's python3-torch installs (torch 1.13: nn/modules, the
// quantized and QAT modules under ao/nn, and the distributed tests that call convert_sync_batchnorm),
// read where they are installed, against installed-torch-key.json, written by reading every line of
// those files that builds a norm. torch's norm classes themselves (`class LayerNorm(Module)`,
// `class LayerNorm(torch.nn.LayerNorm)` in ao) are definitions, not sites. Skipped, saying why, when
// python3-torch is not installed or is another version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { annotatePython } from '../../../src/analysis/norm-layers';
import { pythonParser } from '../../../src/analysis/python-parser';
import { nodeGrammarFiles } from '../../../src/analysis/node-grammar';
import { pythonModuleName } from '../../../src/analysis/node-module-name';

const site = '/usr/lib/python3/dist-packages';
const version = existsSync(join(site, 'torch/version.py'))
  ? /__version__ = '([^']+)'/.exec(readFileSync(join(site, 'torch/version.py'), 'utf8'))?.[1]
  : undefined;
const key = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/public-models/installed-torch-key.json'), 'utf8'),
) as Record<string, [number, number, string, string][]>;

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pythonFiles(path) : name.endsWith('.py') ? [path] : [];
  });
}

test(
  'annotatePython finds exactly the key in the installed torch sources, conversions included',
  {
    skip:
      version === '1.13.0a0'
        ? false
        : `python3-torch 1.13 is not installed in ${site} (found ${version ?? 'none'})`,
  },
  async (t) => {
    const parser = await pythonParser(nodeGrammarFiles());
    const files = [
      ...pythonFiles(join(site, 'torch/nn/modules')),
      ...pythonFiles(join(site, 'torch/ao/nn')),
      ...pythonFiles(join(site, 'torch/nn/intrinsic')),
      join(site, 'torch/testing/_internal/distributed/distributed_test.py'),
    ];
    const found: Record<string, [number, number, string, string][]> = {};
    for (const file of files) {
      const layers = annotatePython(parser, readFileSync(file, 'utf8'), { module: pythonModuleName(file) });
      if (layers.length > 0)
        found[file.slice(site.length + 1)] = layers.map((a) => [a.line, a.column, a.kind, a.api]);
    }
    const count = Object.values(found).flat().length;
    t.diagnostic(`installed torch ${version}: ${files.length} files, ${count} sites`);
    assert.deepEqual(found, key);
  },
);
