// The built CLI on tensors: layer, spectral-norm, fold-bn and explain, checked against PyTorch references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy, encodeNpy } from '../../../src/io/npy';
import { runCli, scratchDir } from '../../helpers/cli';
import { assertClose } from '../../helpers/close';
import { referenceCases, toFloat64, type ReferenceArray, type ReferenceCase } from '../../helpers/reference';

function writeNpy(path: string, array: ReferenceArray): string {
  writeFileSync(path, encodeNpy(toFloat64(array), array.shape));
  return path;
}

function readNpy(path: string): { data: ArrayLike<number>; shape: number[] } {
  const { data, shape } = decodeNpy(new Uint8Array(readFileSync(path)), path);
  return { data, shape: [...shape] };
}

/** Flags for the layer options a reference case sets, as a user would type them. */
function layerFlags(reference: ReferenceCase): string[] {
  const p = reference.params;
  const flags: string[] = [];
  // nn modules run in training mode until .eval(); the tracked InstanceNorm reference was computed so.
  if (p.training === true || p.trackRunningStats === true) flags.push('--training');
  if (p.momentumConvention === 'keras') flags.push('--framework', 'keras');
  if (typeof p.channelAxis === 'number') flags.push('--channel-axis', String(p.channelAxis));
  if (typeof p.eps === 'number') flags.push('--eps', String(p.eps));
  if ('momentum' in p) flags.push('--momentum', typeof p.momentum === 'number' ? String(p.momentum) : 'none');
  if (Array.isArray(p.normalizedShape)) flags.push('--normalized-shape', p.normalizedShape.join(','));
  if (typeof p.numGroups === 'number') flags.push('--groups', String(p.numGroups));
  if (p.trackRunningStats === true) flags.push('--track-running-stats');
  return flags;
}

const LAYER_COMMAND: Record<string, string> = {
  batchNorm: 'batchnorm',
  layerNorm: 'layernorm',
  groupNorm: 'groupnorm',
  instanceNorm: 'instancenorm',
  rmsNorm: 'rmsnorm',
};

for (const reference of referenceCases('torch').filter((c) => c.op in LAYER_COMMAND)) {
  test(`normscope layer ${LAYER_COMMAND[reference.op]} reproduces PyTorch on ${reference.name}`, () => {
    const { dir, cleanup } = scratchDir();
    try {
      const inputs = reference.inputs;
      const common = layerFlags(reference);
      for (const name of ['weight', 'bias'] as const) {
        if (inputs[name]) common.push(`--${name}`, writeNpy(join(dir, `${name}.npy`), inputs[name]));
      }
      const steps = typeof reference.params.steps === 'number' ? reference.params.steps : 1;
      let stateIn: string | undefined;
      if (inputs.runningMean) {
        stateIn = join(dir, 'state-0.json');
        writeFileSync(
          stateIn,
          JSON.stringify({
            runningMean: inputs.runningMean.data,
            runningVar: inputs.runningVar.data,
            numBatchesTracked: 0,
          }),
        );
      }
      const output = join(dir, 'y.npy');
      let stateOut = '';
      for (let step = 0; step < steps; step++) {
        const x = writeNpy(join(dir, `x${step}.npy`), inputs[steps > 1 ? `x${step}` : 'x']);
        stateOut = join(dir, `state-${step + 1}.json`);
        const args = ['layer', LAYER_COMMAND[reference.op], x, '--out', output, '--force', ...common];
        if (stateIn) args.push('--state-in', stateIn);
        if (reference.expected.runningMean) args.push('--state-out', stateOut);
        const result = runCli(args);
        assert.equal(result.status, 0, result.stderr);
        stateIn = stateOut;
      }
      const y = readNpy(output);
      assert.deepEqual(y.shape, reference.expected.output.shape);
      assertClose(y.data, toFloat64(reference.expected.output), undefined, `${reference.name} output`);
      if (reference.expected.runningMean) {
        const state = JSON.parse(readFileSync(stateOut, 'utf8')) as {
          runningMean: number[];
          runningVar: number[];
          numBatchesTracked: number;
        };
        assertClose(state.runningMean, toFloat64(reference.expected.runningMean), undefined, 'runningMean');
        assertClose(state.runningVar, toFloat64(reference.expected.runningVar), undefined, 'runningVar');
        assert.equal(state.numBatchesTracked, steps);
      }
    } finally {
      cleanup();
    }
  });
}

test('normscope layer batchnorm --state-out records the batch statistics too', () => {
  const [reference] = referenceCases('torch', 'batchNorm').filter((c) => c.name === 'batchnorm_train_6x4');
  const { dir, cleanup } = scratchDir();
  try {
    const x = writeNpy(join(dir, 'x.npy'), reference.inputs.x);
    const state = join(dir, 'state.json');
    const result = runCli([
      'layer',
      'batchnorm',
      x,
      '--out',
      join(dir, 'y.npy'),
      '--training',
      '--state-out',
      state,
    ]);
    assert.equal(result.status, 0, result.stderr);
    const saved = JSON.parse(readFileSync(state, 'utf8')) as {
      batchMean: number[];
      batchVar: number[];
      runningMean: number[];
    };
    const values = toFloat64(reference.inputs.x);
    const column = (j: number) => values.filter((_, i) => i % 4 === j);
    for (let j = 0; j < 4; j++) {
      const mean = column(j).reduce((s, v) => s + v, 0) / 6;
      const variance = column(j).reduce((s, v) => s + (v - mean) ** 2, 0) / 6;
      assertClose(saved.batchMean[j], mean, { rel: 1e-14 });
      assertClose(saved.batchVar[j], variance, { rel: 1e-13 });
      assertClose(saved.runningMean[j], 0.1 * mean, { rel: 1e-14 });
    }
  } finally {
    cleanup();
  }
});

test('normscope layer groupnorm names the flag when groups do not divide the channels', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const x = join(dir, 'x.npy');
    writeFileSync(x, encodeNpy(new Float64Array(2 * 64 * 3), [2, 64, 3]));
    const output = join(dir, 'y.npy');
    const result = runCli(['layer', 'groupnorm', x, '--out', output, '--groups', '5']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'normscope: --groups: 5 does not divide 64 channels\n');
    assert.equal(existsSync(output), false);
  } finally {
    cleanup();
  }
});

for (const reference of referenceCases('torch', 'spectralNorm')) {
  test(`normscope spectral-norm prints σ alone and writes W/σ on ${reference.name}`, () => {
    const { dir, cleanup } = scratchDir();
    try {
      const w = writeNpy(join(dir, 'w.npy'), reference.inputs.weight);
      const output = join(dir, 'w-sn.npy');
      const result = runCli(['spectral-norm', w, '--out', output, '--dim', String(reference.params.dim)]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^[0-9.e+-]+\n$/);
      assertClose(Number(result.stdout), toFloat64(reference.expected.sigma)[0], undefined, 'sigma');
      assertClose(readNpy(output).data, toFloat64(reference.expected.output), undefined, 'output');
    } finally {
      cleanup();
    }
  });
}

test('normscope fold-bn folds BatchNorm into the preceding Linear like PyTorch', () => {
  const [reference] = referenceCases('torch', 'foldBatchNorm');
  const { dir, cleanup } = scratchDir();
  try {
    const file = (name: string) => writeNpy(join(dir, `${name}.npy`), reference.inputs[name]);
    const outWeight = join(dir, 'w2.npy');
    const outBias = join(dir, 'b2.npy');
    const result = runCli([
      'fold-bn',
      ...[
        '--weight',
        file('weight'),
        '--bias',
        file('bias'),
        '--bn-weight',
        file('bnWeight'),
        '--bn-bias',
        file('bnBias'),
      ],
      ...['--running-mean', file('runningMean'), '--running-var', file('runningVar')],
      ...['--eps', String(reference.params.eps), '--out-weight', outWeight, '--out-bias', outBias],
    ]);
    assert.equal(result.status, 0, result.stderr);
    assertClose(readNpy(outWeight).data, toFloat64(reference.expected.weight), undefined, 'weight');
    assertClose(readNpy(outBias).data, toFloat64(reference.expected.bias), undefined, 'bias');
  } finally {
    cleanup();
  }
});

test('normscope stats on a .npy reduces the --axis list and reports one entry per kept index', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const x = join(dir, 'x.npy');
    // shape [2, 3, 2]: value = 100·n + 10·c + w, so per-channel (axis 0,2) means are 50 + 10·c + 0.5.
    const data = Float64Array.from(
      { length: 12 },
      (_, i) => 100 * Math.floor(i / 6) + 10 * (Math.floor(i / 2) % 3) + (i % 2),
    );
    writeFileSync(x, encodeNpy(data, [2, 3, 2]));
    const result = runCli(['stats', x, '--axis', '0,2', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      rows: number;
      columns: { name: string; count: number; mean: number; min: number; max: number }[];
    };
    assert.equal(report.rows, 4);
    assert.deepEqual(
      report.columns.map((c) => [c.name, c.count, c.mean, c.min, c.max]),
      [
        ['[0]', 4, 50.5, 0, 101],
        ['[1]', 4, 60.5, 10, 111],
        ['[2]', 4, 70.5, 20, 121],
      ],
    );
  } finally {
    cleanup();
  }
});

test('normscope explain --json gives BatchNorm2d per-channel statistics over N, H, W', () => {
  const result = runCli(['explain', 'batchnorm', '--framework', 'torch', '--shape', '32,64,56,56', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const plan = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(plan.reducedAxisNames, ['N', 'H', 'W']);
  assert.deepEqual(plan.keptAxisNames, ['C']);
  assert.equal(plan.valuesPerStatistic, 32 * 56 * 56);
  assert.equal(plan.eps, 1e-5);
  assert.equal(plan.momentum, 0.1);
});

test('normscope explain --json gives Keras LayerNormalization on NHWC statistics over C only', () => {
  const result = runCli(['explain', 'layernorm', '--framework', 'keras', '--shape', '8,32,32,16', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const plan = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(plan.reducedAxisNames, ['C']);
  assert.equal(plan.valuesPerStatistic, 16);
  assert.equal(plan.eps, 1e-3);
});

test('normscope explain prints a readable plan without --json', () => {
  const result = runCli([
    'explain',
    'groupnorm',
    '--framework',
    'torch',
    '--shape',
    '32,64,56,56',
    '--groups',
    '32',
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /GroupNorm/);
  assert.match(result.stdout, /6272/);
});

test('normscope annotate --json lists each layer with line, column, params, layout and shapes', () => {
  const result = runCli(['annotate', 'samples/model.py', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const layers = JSON.parse(result.stdout) as Record<string, unknown>[];
  assert.deepEqual(
    layers.map((l) => [
      l.line,
      l.column,
      l.framework,
      l.layer,
      l.layout,
      l.reducedAxes,
      l.statShape,
      l.paramShape,
    ]),
    [
      [10, 22, 'torch', 'batchnorm', 'NCHW', ['N', 'H', 'W'], ['C'], ['C']],
      [11, 22, 'torch', 'groupnorm', 'NCHW', ['C', 'H', 'W'], ['N', 'G'], ['C']],
      [20, 22, 'torch', 'layernorm', null, ['C'], ['B', 'T'], ['C']],
    ],
  );
  assert.deepEqual(layers[0].args, ['channels']);
  assert.deepEqual(layers[0].params, {
    eps: 1e-5,
    momentum: 0.1,
    momentumConvention: 'new-batch',
    numFeatures: 'channels',
  });
  assert.deepEqual((layers[1].params as { numGroups: number }).numGroups, 8);
});

test('normscope annotate reads the code cells of a notebook and names bad input', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const notebook = join(dir, 'n.ipynb');
    writeFileSync(
      notebook,
      JSON.stringify({
        cells: [
          { cell_type: 'markdown', source: 'nn.BatchNorm2d' },
          { cell_type: 'code', source: ['import torch.nn as nn\n', 'x = 1\n'] },
          { cell_type: 'code', source: 'bn = nn.BatchNorm2d(3)' },
        ],
      }),
    );
    const result = runCli(['annotate', notebook, '--json']);
    assert.equal(result.status, 0, result.stderr);
    const [layer] = JSON.parse(result.stdout) as { line: number; cell: number; reducedAxes: string[] }[];
    assert.deepEqual([layer.cell, layer.reducedAxes], [2, ['N', 'H', 'W']]);
    writeFileSync(notebook, '{not json');
    const bad = runCli(['annotate', notebook]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^normscope: .*n\.ipynb: is not a valid notebook/);
  } finally {
    cleanup();
  }
});

test('normscope annotate resolves a package’s relative imports from the file’s place, and warns of a momentum in the other convention', () => {
  const { dir, cleanup } = scratchDir();
  try {
    // torch/nn/modules/block.py inside packages: `from .batchnorm import BatchNorm2d` is torch's.
    const modules = join(dir, 'torch', 'nn', 'modules');
    mkdirSync(modules, { recursive: true });
    for (const pkg of ['torch', 'torch/nn', 'torch/nn/modules'])
      writeFileSync(join(dir, pkg, '__init__.py'), '');
    const file = join(modules, 'block.py');
    writeFileSync(file, 'from .batchnorm import BatchNorm2d\nbn = BatchNorm2d(8, momentum=0.9)\n');
    const result = runCli(['annotate', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /block\.py:2:6: torch\.nn\.BatchNorm2d over N,H,W \(NCHW\)/);
    assert.match(result.stdout, /block\.py:2:6: ⚠ momentum 0\.9 gives each new batch weight 0\.9/);
  } finally {
    cleanup();
  }
});

test('normscope layer unitnorm: torch F.normalize along dim 1 by default, Keras along the last axis; Flax has none', () => {
  const { dir, cleanup } = scratchDir();
  try {
    const input = join(dir, 'x.npy');
    writeFileSync(input, encodeNpy(Float64Array.from([3, 0, 4, 0, 0, 5, 0, 12]), [2, 2, 2]));
    const torch = join(dir, 'torch.npy');
    const keras = join(dir, 'keras.npy');
    assert.equal(runCli(['layer', 'unitnorm', input, '--out', torch]).status, 0);
    assert.deepEqual(Array.from(readNpy(torch).data), [0.6, 0, 0.8, 0, 0, 5 / 13, 0, 12 / 13]);
    assert.equal(runCli(['layer', 'unitnorm', input, '--framework', 'keras', '--out', keras]).status, 0);
    assert.deepEqual(Array.from(readNpy(keras).data), [1, 0, 1, 0, 0, 1, 0, 1]);
    const flax = runCli(['layer', 'unitnorm', input, '--framework', 'flax', '--out', join(dir, 'f.npy')]);
    assert.equal(flax.status, 2);
    assert.match(flax.stderr, /no unitnorm in framework 'flax'/);
    const weighted = runCli(['layer', 'unitnorm', input, '--weight', input, '--out', join(dir, 'w.npy')]);
    assert.match(weighted.stderr, /--weight: does not apply to unitnorm/);
  } finally {
    cleanup();
  }
});
