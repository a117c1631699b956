// Normalization layers forward on x = [32, 64, 56, 56] float32 (25.7 MB), each against the memory
// bandwidth bound measured in the same run: bytes that must move (2 reads + 1 write for the
// train-mode norms) divided by TypedArray.prototype.set copy bandwidth on 100 MB. NormScope on its
// WebAssembly SIMD kernels and on its TypeScript kernels, next to TensorFlow.js (cpu and wasm backends,
// loaded from node_modules) and the plain two-pass JS loop, all in this process, and PyTorch on one
// thread (bench/torch-peer.py, in its own process) when Debian's python3-torch is installed. Median of
// 7 after 3 warm-ups (5 after 1 for TensorFlow.js cpu, which takes seconds per call). Appends its rows
// to bench/results.json. Run: node --expose-gc --import tsx bench/layers.ts
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { batchNorm } from '../src/engine/layers/batch-norm';
import { groupNorm } from '../src/engine/layers/group-norm';
import { instanceNorm } from '../src/engine/layers/instance-norm';
import { layerNorm, rmsNorm } from '../src/engine/layers/layer-norm';
import { useWasmKernels } from '../src/engine/layers/wasm-kernels';
import { tensor, type Tensor } from '../src/engine/tensor/tensor';

const shape = [32, 64, 56, 56];
const [N, C, H, W] = shape;
const size = N * C * H * W;
const data = new Float32Array(size);
let seed = 7;
for (let i = 0; i < size; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  data[i] = (seed / 2147483648) * 4 - 2;
}
const x32 = tensor(data, shape);
const x64 = tensor(Float64Array.from(data), shape);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** A full collection between runs (node --expose-gc), so no run pays for another's garbage. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function time(body: () => unknown, warmups = 3, runs = 7): number {
  for (let i = 0; i < warmups; i++) body(); // let the JIT settle on the typed-array types
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage(); // the previous run's 25–51 MB output is garbage: collect it outside the timing
    const start = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const copyMs = (() => {
  const source = new Uint8Array(100e6).fill(1);
  const target = new Uint8Array(100e6);
  return time(() => target.set(source), 1, 7);
})();
const bytesPerMs = (2 * 100e6) / copyMs; // a copy reads and writes 100 MB: count both as moved bytes
/** Train-mode norms must read x for the statistics, read it again to normalize, and write y. */
const boundFor = (elementBytes: number) => (3 * size * elementBytes) / bytesPerMs;

/** The plain two-pass JS loop for BatchNorm per channel (the baseline the issue names). */
function plainBatchNorm(): Float32Array {
  const S = H * W;
  const out = new Float32Array(size);
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let n = 0; n < N; n++) for (let i = (n * C + c) * S, e = i + S; i < e; i++) sum += data[i];
    const mean = sum / (N * S);
    let sq = 0;
    for (let n = 0; n < N; n++)
      for (let i = (n * C + c) * S, e = i + S; i < e; i++) sq += (data[i] - mean) ** 2;
    const inv = 1 / Math.sqrt(sq / (N * S) + 1e-5);
    for (let n = 0; n < N; n++)
      for (let i = (n * C + c) * S, e = i + S; i < e; i++) out[i] = (data[i] - mean) * inv;
  }
  return out;
}

const norms: Record<string, (x: Tensor) => unknown> = {
  'batchnorm train': (x) => batchNorm(x, { training: true }),
  'layernorm over C,H,W': (x) => layerNorm(x, { normalizedShape: [C, H, W] }),
  'rmsnorm over C,H,W': (x) => rmsNorm(x, { normalizedShape: [C, H, W] }),
  'groupnorm(32)': (x) => groupNorm(x, { numGroups: 32 }),
  instancenorm: (x) => instanceNorm(x),
};

/** The same five norms in TensorFlow.js ops (moments + batchNorm, the way tf.layers computes them). */
const tfNorms: Record<string, (x: tf.Tensor4D) => tf.Tensor> = {
  'batchnorm train': (x) => {
    const { mean, variance } = tf.moments(x, [0, 2, 3], true);
    return tf.batchNorm(x, mean, variance, undefined, undefined, 1e-5);
  },
  'layernorm over C,H,W': (x) => {
    const { mean, variance } = tf.moments(x, [1, 2, 3], true);
    return tf.batchNorm(x, mean, variance, undefined, undefined, 1e-5);
  },
  'rmsnorm over C,H,W': (x) => tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), [1, 2, 3], true), 1e-6))),
  'groupnorm(32)': (x) => {
    const grouped = tf.reshape(x, [N, 32, (C / 32) * H * W]);
    const { mean, variance } = tf.moments(grouped, [2], true);
    return tf.reshape(tf.batchNorm(grouped, mean, variance, undefined, undefined, 1e-5), shape);
  },
  instancenorm: (x) => {
    const { mean, variance } = tf.moments(x, [2, 3], true);
    return tf.batchNorm(x, mean, variance, undefined, undefined, 1e-5);
  },
};

interface Row {
  operation: string;
  tool: string;
  ms: number;
  elementBytes: number;
}
const rows: Row[] = [];
const operation = (name: string, dtype: string) => `${name} [32,64,56,56] ${dtype}`;

for (const [name, run] of Object.entries(norms)) {
  useWasmKernels(true);
  rows.push({
    operation: operation(name, 'f32'),
    tool: 'normscope',
    ms: time(() => run(x32)),
    elementBytes: 4,
  });
  useWasmKernels(false);
  const plain = time(() => run(x32));
  rows.push({
    operation: operation(name, 'f32'),
    tool: 'normscope (TypeScript kernels)',
    ms: plain,
    elementBytes: 4,
  });
}
rows.push({
  operation: operation('batchnorm train', 'f32'),
  tool: 'plain JS two-pass loop',
  ms: time(plainBatchNorm),
  elementBytes: 4,
});
for (const name of ['batchnorm train', 'layernorm over C,H,W']) {
  useWasmKernels(true);
  rows.push({
    operation: operation(name, 'f64'),
    tool: 'normscope',
    ms: time(() => norms[name](x64)),
    elementBytes: 8,
  });
  useWasmKernels(false);
  rows.push({
    operation: operation(name, 'f64'),
    tool: 'normscope (TypeScript kernels)',
    ms: time(() => norms[name](x64)),
    elementBytes: 8,
  });
}

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
for (const backend of ['wasm', 'cpu']) {
  await tf.setBackend(backend);
  await tf.ready();
  const x = tf.tensor4d(data, [N, C, H, W]);
  for (const [name, run] of Object.entries(tfNorms)) {
    const body = () => tf.tidy(() => run(x)).dataSync();
    const ms = backend === 'cpu' ? time(body, 1, 5) : time(body);
    rows.push({ operation: operation(name, 'f32'), tool: `tfjs-${backend}`, ms, elementBytes: 4 });
  }
  x.dispose();
}

// PyTorch on one thread, when Debian's python3-torch is installed (the tests do not need it).
const torchPeer = spawnSync('/usr/bin/python3', ['bench/torch-peer.py'], { encoding: 'utf8' });
if (torchPeer.status === 0) {
  const { version, norms: torchMs } = JSON.parse(torchPeer.stdout) as {
    version: string;
    norms: Record<string, number>;
  };
  for (const [name, ms] of Object.entries(torchMs))
    rows.push({
      operation: operation(name, 'f32'),
      tool: `pytorch ${version} (1 thread)`,
      ms,
      elementBytes: 4,
    });
} else {
  console.log('PyTorch not installed (apt-get install python3-torch): its rows are skipped');
}

const ours = (op: string) => rows.find((r) => r.operation === op && r.tool === 'normscope')!.ms;
const results = rows.map((r) => ({
  operation: r.operation,
  tool: r.tool,
  medianMs: Number(r.ms.toFixed(2)),
  throughput: Number(((size * r.elementBytes) / 1e6 / (r.ms / 1e3)).toFixed(1)),
  unit: 'MB/s of input',
  ratioToBound: Number((r.ms / boundFor(r.elementBytes)).toFixed(2)),
  ratioToNormScope: Number((r.ms / ours(r.operation)).toFixed(2)),
  peakRssMb: Number((process.memoryUsage().rss / 1e6).toFixed(0)),
}));
const path = 'bench/results.json';
const previous = existsSync(path)
  ? (JSON.parse(readFileSync(path, 'utf8')) as { operation: string }[]).filter(
      (r) => !r.operation.includes('[32,64,56,56]'),
    )
  : [];
writeFileSync(path, JSON.stringify([...previous, ...results], null, 2) + '\n');
console.log(
  `\nNormalization layers on [32, 64, 56, 56]; copy bandwidth ${(bytesPerMs / 1e6).toFixed(1)} GB/s moved, so the bound is ${boundFor(4).toFixed(2)} ms (f32) / ${boundFor(8).toFixed(2)} ms (f64)`,
);
console.log('| operation | tool | median ms | × bound | × normscope |');
console.log('|---|---|---:|---:|---:|');
for (const r of results)
  console.log(`| ${r.operation} | ${r.tool} | ${r.medianMs} | ${r.ratioToBound} | ${r.ratioToNormScope} |`);
