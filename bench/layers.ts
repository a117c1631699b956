// Normalization layers forward on x = [32, 64, 56, 56] float32 (25.7 MB), each against the memory
// bandwidth bound measured in the same run: bytes that must move (2 reads + 1 write for the
// train-mode norms) divided by TypedArray.prototype.set copy bandwidth on 100 MB. Median of 7 after 3
// warm-ups. Appends its rows to bench/results.json. Run: node --import tsx bench/layers.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { batchNorm } from '../src/engine/layers/batch-norm';
import { groupNorm } from '../src/engine/layers/group-norm';
import { instanceNorm } from '../src/engine/layers/instance-norm';
import { layerNorm, rmsNorm } from '../src/engine/layers/layer-norm';
import { tensor } from '../src/engine/tensor/tensor';

const shape = [32, 64, 56, 56];
const size = shape.reduce((a, b) => a * b, 1);
const data = new Float32Array(size);
let seed = 7;
for (let i = 0; i < size; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  data[i] = (seed / 2147483648) * 4 - 2;
}
const x = tensor(data, shape);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function time(body: () => unknown): number {
  for (let i = 0; i < 3; i++) body(); // warm-up: let the JIT settle on the typed-array types
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    body();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(runs);
}

const copy = (() => {
  const source = new Uint8Array(100e6).fill(1);
  const target = new Uint8Array(100e6);
  return median(
    Array.from({ length: 7 }, () => {
      const start = process.hrtime.bigint();
      target.set(source);
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
})();
const bytesPerMs = 100e6 / copy; // a copy reads and writes 100 MB: count both as moved bytes
const bound = (3 * size * 4) / (2 * bytesPerMs);

/** The plain two-pass JS loop for BatchNorm per channel (the baseline the issue names). */
function plainBatchNorm(): Float32Array {
  const [N, C, H, W] = shape;
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

const rows = [
  {
    operation: 'batchnorm train [32,64,56,56] f32',
    tool: 'normscope',
    ms: time(() => batchNorm(x, { training: true })),
  },
  {
    operation: 'batchnorm train [32,64,56,56] f32',
    tool: 'plain JS two-pass loop',
    ms: time(plainBatchNorm),
  },
  {
    operation: 'layernorm over C,H,W [32,64,56,56] f32',
    tool: 'normscope',
    ms: time(() => layerNorm(x, { normalizedShape: [64, 56, 56] })),
  },
  {
    operation: 'rmsnorm over C,H,W [32,64,56,56] f32',
    tool: 'normscope',
    ms: time(() => rmsNorm(x, { normalizedShape: [64, 56, 56] })),
  },
  {
    operation: 'groupnorm(32) [32,64,56,56] f32',
    tool: 'normscope',
    ms: time(() => groupNorm(x, { numGroups: 32 })),
  },
  { operation: 'instancenorm [32,64,56,56] f32', tool: 'normscope', ms: time(() => instanceNorm(x)) },
];
const results = rows.map((r) => ({
  operation: r.operation,
  tool: r.tool,
  medianMs: Number(r.ms.toFixed(2)),
  throughput: Number(((size * 4) / 1e6 / (r.ms / 1e3)).toFixed(1)),
  unit: 'MB/s of input',
  ratioToBound: Number((r.ms / bound).toFixed(2)),
  ratioToNormScope: Number(
    (r.ms / rows.find((x) => x.operation === r.operation && x.tool === 'normscope')!.ms).toFixed(2),
  ),
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
  `\nNormalization layers on [32, 64, 56, 56] float32; bandwidth bound ${bound.toFixed(2)} ms (copy ${(200e6 / copy / 1e6).toFixed(0)} MB/ms… i.e. ${(200 / copy).toFixed(1)} GB/s moved)`,
);
console.log('| operation | tool | median ms | × bound |');
console.log('|---|---|---:|---:|');
for (const r of results) console.log(`| ${r.operation} | ${r.tool} | ${r.medianMs} | ${r.ratioToBound} |`);
