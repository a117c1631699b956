// Normalization layers forward on x = [32, 64, 56, 56] float32 (25.7 MB), each against the memory
// bandwidth bound measured in the same run: bytes that must move (2 reads + 1 write for the
// train-mode norms) divided by TypedArray.prototype.set copy bandwidth on 100 MB. NormScope on its
// WebAssembly SIMD kernels — on plain typed arrays (copied through wasm memory, a new output) and on a
// tensor in a kernel heap (read in place, output into a pooled block) — and on its TypeScript kernels,
// next to TensorFlow.js (cpu and wasm backends, loaded from node_modules) and the plain two-pass JS
// loop, all in this process, and PyTorch on one thread (bench/torch-peer.py, in its own process, right
// after our rows of the same norm) when Debian's python3-torch is installed. A breakdown shows where a call's time goes: copy in, the
// statistics pass, the normalizing pass, copy out, first touch of a fresh output. Median of 7 after 3
// warm-ups (5 after 1 for TensorFlow.js cpu, which takes seconds per call), with the fastest run and
// the spread. Appends its rows to bench/results.json. Run: node --expose-gc --import tsx bench/layers.ts
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
import { createKernelHeap } from '../src/engine/layers/kernel-heap';
import { instantiateKernels, useWasmKernels } from '../src/engine/layers/wasm-kernels';
import { tensor, type FloatArray, type Tensor } from '../src/engine/tensor/tensor';

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

/** Fastest and slowest run of the last time() call: the noise around its median. */
let lastSpread = { min: 0, max: 0 };

function time(body: () => unknown, warmups = 3, runs = 7): number {
  for (let i = 0; i < warmups; i++) body(); // let the JIT settle on the typed-array types
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage(); // the previous run's 25–51 MB output is garbage: collect it outside the timing
    const start = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  lastSpread = { min: Math.min(...times), max: Math.max(...times) };
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

/** Each norm; returns its output array. */
const norms: Record<string, (x: Tensor) => FloatArray> = {
  'batchnorm train': (x) => batchNorm(x, { training: true }).output.data,
  'layernorm over C,H,W': (x) => layerNorm(x, { normalizedShape: [C, H, W] }).data,
  'rmsnorm over C,H,W': (x) => rmsNorm(x, { normalizedShape: [C, H, W] }).data,
  'groupnorm(32)': (x) => groupNorm(x, { numGroups: 32 }).data,
  instancenorm: (x) => instanceNorm(x).output.data,
};
/** The length of the runs each norm's statistics and normalizing pass walk (for the breakdown). */
const runLength: Record<string, number> = {
  'batchnorm train': H * W,
  'layernorm over C,H,W': C * H * W,
  'rmsnorm over C,H,W': C * H * W,
  'groupnorm(32)': (C / 32) * H * W,
  instancenorm: H * W,
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
  min?: number;
  max?: number;
}
const rows: Row[] = [];
const operation = (name: string, dtype: string) => `${name} [32,64,56,56] ${dtype}`;
/** A timed row, with the spread of its runs. */
const timed = (op: string, tool: string, elementBytes: number, body: () => unknown): void => {
  const ms = time(body);
  rows.push({ operation: op, tool, ms, elementBytes, ...lastSpread });
};

// Tensors in a kernel heap: x decoded into it once, each output a pooled block released after use.
const heap = createKernelHeap(4 * size * 8 + (64 << 20));
const heapTensor = <A extends FloatArray>(source: A, block: (n: number) => A) => {
  const data = block(source.length);
  data.set(source);
  return tensor(data, shape);
};
const h32 = heapTensor(x32.data, (n) => heap.float32(n));
const h64 = heapTensor(x64.data, (n) => heap.float64(n));
const OURS = 'normscope (tensor in wasm heap)';

/**
 * PyTorch on one thread for one norm, when Debian's python3-torch is installed (the tests do not need
 * it). Run right after our rows for the same norm, so both see the same load on a shared machine.
 */
let torchMissing = false;
function timeTorch(name: string): void {
  if (torchMissing) return;
  const peer = spawnSync('/usr/bin/python3', ['bench/torch-peer.py', name], { encoding: 'utf8' });
  if (peer.status !== 0) {
    torchMissing = true;
    console.log('PyTorch not installed (apt-get install python3-torch): its rows are skipped');
    return;
  }
  const {
    version,
    norms: torchMs,
    spread,
  } = JSON.parse(peer.stdout) as {
    version: string;
    norms: Record<string, number>;
    spread: Record<string, [number, number]>;
  };
  const [min, max] = spread[name];
  rows.push({
    operation: operation(name, 'f32'),
    tool: `pytorch ${version} (1 thread)`,
    ms: torchMs[name],
    elementBytes: 4,
    min,
    max,
  });
}

for (const [name, run] of Object.entries(norms)) {
  useWasmKernels(true);
  timed(operation(name, 'f32'), OURS, 4, () => heap.release(run(h32)));
  timed(operation(name, 'f32'), 'normscope (plain arrays, wasm)', 4, () => run(x32));
  timeTorch(name);
  useWasmKernels(false);
  timed(operation(name, 'f32'), 'normscope (TypeScript kernels)', 4, () => run(x32));
}
timed(operation('batchnorm train', 'f32'), 'plain JS two-pass loop', 4, plainBatchNorm);
for (const name of ['batchnorm train', 'layernorm over C,H,W']) {
  useWasmKernels(true);
  timed(operation(name, 'f64'), OURS, 8, () => heap.release(norms[name](h64)));
  timed(operation(name, 'f64'), 'normscope (plain arrays, wasm)', 8, () => norms[name](x64));
  useWasmKernels(false);
  timed(operation(name, 'f64'), 'normscope (TypeScript kernels)', 8, () => norms[name](x64));
}

/**
 * Where a call's time goes, each part timed alone on the same data with the float32 kernels: copy in
 * (a plain array into wasm memory), the statistics pass (centredFast over the norm's runs, from
 * memory), the normalizing pass (affine over the runs into a warm block), copy out (wasm memory into a
 * warm plain array) and first touch (a fresh output array filled, less the same fill of a warm one).
 * A call on a heap tensor pays only the two passes (less than their sum where the second read of each
 * piece hits cache).
 */
const breakdown: { norm: string; parts: Record<string, number> }[] = [];
{
  const instance = instantiateKernels(Math.ceil((2 * size * 4) / 65536) + 2, true)!;
  const k = instance.float32;
  const xAt = 64;
  const outAt = xAt + size * 4 + 64;
  const input = new Float32Array(instance.memory.buffer, xAt, size);
  const output = new Float32Array(instance.memory.buffer, outAt, size);
  const warm = new Float32Array(size);
  const copyIn = time(() => input.set(data));
  const copyOut = time(() => warm.set(output));
  const firstTouch = Math.max(0, time(() => new Float32Array(size).fill(1)) - time(() => warm.fill(1)));
  for (const name of Object.keys(norms)) {
    const length = runLength[name];
    const statistics = time(() => {
      for (let at = 0; at < size; at += length) k.centredFast(xAt, at, at + length, 0.1);
    });
    const normalize = time(() => {
      for (let at = 0; at < size; at += length) k.affine(xAt, outAt, at, at + length, 0.1, 1.2, 0.3);
    });
    breakdown.push({
      norm: name,
      parts: { 'copy in': copyIn, statistics, normalize, 'copy out': copyOut, 'first touch': firstTouch },
    });
  }
}

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
// BENCH_TFJS=0 leaves TensorFlow.js out (a quick run: its cpu backend alone takes about a minute).
for (const backend of process.env.BENCH_TFJS === '0' ? [] : ['wasm', 'cpu']) {
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

const ours = (op: string) => rows.find((r) => r.operation === op && r.tool === OURS)!.ms;
const torchRowOf = (op: string) => rows.find((r) => r.operation === op && r.tool.startsWith('pytorch'));
const round = (v: number) => Number(v.toFixed(2));
const results = rows.map((r) => {
  const torchRow = torchRowOf(r.operation);
  const torch = torchRow?.ms;
  // Fastest against fastest: the comparison least disturbed by other work on the machine.
  const fastestToTorch = torchRow?.min && r.min !== undefined ? round(r.min / torchRow.min) : undefined;
  return {
    operation: r.operation,
    tool: r.tool,
    medianMs: round(r.ms),
    ...(r.min !== undefined ? { minMs: round(r.min), maxMs: round(r.max!) } : {}),
    throughput: Number(((size * r.elementBytes) / 1e6 / (r.ms / 1e3)).toFixed(1)),
    unit: 'MB/s of input',
    ratioToBound: round(r.ms / boundFor(r.elementBytes)),
    ratioToNormScope: round(r.ms / ours(r.operation)),
    ...(torch !== undefined ? { ratioToPytorch1Thread: round(r.ms / torch) } : {}),
    ...(fastestToTorch !== undefined ? { fastestRatioToPytorch1Thread: fastestToTorch } : {}),
    peakRssMb: Number((process.memoryUsage().rss / 1e6).toFixed(0)),
  };
});
const path = 'bench/results.json';
const previous = existsSync(path)
  ? (JSON.parse(readFileSync(path, 'utf8')) as { operation: string }[]).filter(
      (r) => !r.operation.includes('[32,64,56,56]'),
    )
  : [];
const breakdownRows = breakdown.map(({ norm, parts }) => ({
  operation: `${operation(norm, 'f32')} breakdown`,
  tool: 'normscope',
  unit: 'ms, each part alone',
  ...Object.fromEntries(Object.entries(parts).map(([part, ms]) => [part, round(ms)])),
}));
writeFileSync(path, JSON.stringify([...previous, ...results, ...breakdownRows], null, 2) + '\n');
console.log(
  `\nNormalization layers on [32, 64, 56, 56]; copy bandwidth ${(bytesPerMs / 1e6).toFixed(1)} GB/s moved, so the bound is ${boundFor(4).toFixed(2)} ms (f32) / ${boundFor(8).toFixed(2)} ms (f64)`,
);
console.log(
  '| operation | tool | median ms | fastest–slowest | × bound | median × PyTorch 1 thread | fastest × PyTorch fastest | × normscope |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of results)
  console.log(
    `| ${r.operation} | ${r.tool} | ${r.medianMs} | ${r.minMs ?? ''}–${r.maxMs ?? ''} | ${r.ratioToBound} | ${r.ratioToPytorch1Thread ?? ''} | ${r.fastestRatioToPytorch1Thread ?? ''} | ${r.ratioToNormScope} |`,
  );
const partNames = Object.keys(breakdown[0].parts);
console.log('\nWhere the time goes (float32, ms, each part alone; a heap tensor pays only the two passes):');
console.log(`| norm | ${partNames.join(' | ')} | plain-array call | heap-tensor call |`);
console.log(`|---|${partNames.map(() => '---:|').join('')}---:|---:|`);
for (const { norm, parts } of breakdown) {
  const op = operation(norm, 'f32');
  const plain = rows.find((r) => r.operation === op && r.tool === 'normscope (plain arrays, wasm)')!.ms;
  console.log(
    `| ${norm} | ${partNames.map((p) => parts[p].toFixed(2)).join(' | ')} | ${plain.toFixed(2)} | ${ours(op).toFixed(2)} |`,
  );
}
