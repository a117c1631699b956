/**
 * The WebAssembly SIMD run kernels (kernels/norm.ts) behind the RunKernels interface, and the memory
 * they work in: one instance whose memory holds [input piece | output piece | γ | β] for the call in
 * flight and grows to the largest call seen. Off until a host turns it on (useWasmKernels): the CLI and the
 * extension host do; browser hosts keep the TypeScript kernels because their CSP forbids compiling
 * WebAssembly ('wasm-unsafe-eval' is not granted).
 */
import type { FloatArray } from '../tensor/tensor';
import { NORM_KERNELS_WASM } from './norm-kernels.wasm';
import type { RunKernels } from './run-kernels';

/** The slice of the WebAssembly JS API used here (typed locally: the engine compiles without DOM types). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  residual: () => number;
  sumF32: (p: number, n: number) => number;
  sumF64: (p: number, n: number) => number;
  centredF32: (p: number, n: number, m: number) => number;
  centredF64: (p: number, n: number, m: number) => number;
  affineF32: (src: number, dst: number, n: number, m: number, s: number, b: number) => void;
  affineF64: (src: number, dst: number, n: number, m: number, s: number, b: number) => void;
  affineRowF32: (src: number, dst: number, n: number, m: number, s: number, w: number, b: number) => void;
  affineRowF64: (src: number, dst: number, n: number, m: number, s: number, w: number, b: number) => void;
}

/** Below this many elements the copies in and out cost more than the SIMD loops save. */
const WORTHWHILE_ELEMENTS = 1 << 14;
/** The first 64 KiB page is the module's own (its globals and stack live outside memory, but keep it clear). */
const BASE = 1 << 16;
const PAGE = 1 << 16;
/**
 * Memory kept between calls (a piece and γ, β: ~1 MB for BatchNorm on [32, 64, 56, 56]); larger
 * instances are dropped after use.
 */
const RETAINED_BYTES = 256 << 20;

let enabled = false;
let minElements = WORTHWHILE_ELEMENTS;
let loaded: { exports: KernelExports; float32: Kernels; float64: Kernels } | null | undefined;

type Kernels = RunKernels<number, number>;

/**
 * Lets the contiguous layer paths run on WebAssembly SIMD where the host can compile it, for inputs of
 * at least `fromElements` values (tests pass 0 to run every size through wasm).
 */
export function useWasmKernels(on = true, fromElements = WORTHWHILE_ELEMENTS): void {
  enabled = on;
  minElements = fromElements;
}

/** Whether this host can run the wasm kernels at all (compiles them on first ask). */
export function wasmKernelsAvailable(): boolean {
  return load() !== null;
}

function load(): typeof loaded {
  if (loaded === undefined) {
    try {
      const bytes = Uint8Array.from(atob(NORM_KERNELS_WASM), (c) => c.charCodeAt(0));
      const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
      if (!api) return (loaded = null);
      const exports = new api.Instance(new api.Module(bytes), {}).exports as KernelExports;
      loaded = {
        exports,
        float32: adapt(
          exports,
          4,
          exports.sumF32,
          exports.centredF32,
          exports.affineF32,
          exports.affineRowF32,
        ),
        float64: adapt(
          exports,
          8,
          exports.sumF64,
          exports.centredF64,
          exports.affineF64,
          exports.affineRowF64,
        ),
      };
    } catch {
      loaded = null; // no WebAssembly SIMD here: the TypeScript kernels answer
    }
  }
  return loaded;
}

/** Byte addresses of one piece's arrays in wasm memory (0 for an absent γ or β). */
export interface WasmFrame {
  x: number;
  out: number;
  weight: number;
  bias: number;
}

/**
 * How a normalization splits into independent pieces (a BatchNorm channel, a few LayerNorm rows): piece p
 * is `runsOf(p)` runs of `length` values, run r starting at element startOf(p, r) of the input.
 */
export interface Pieces {
  count: number;
  runsOf(piece: number): number;
  length: number;
  startOf(piece: number, run: number): number;
}

/**
 * Runs a normalization piece by piece through wasm memory: each piece's runs are copied side by side
 * into a scratch area (run r at element r·length), `body` computes on them there (frame.x, frame.out),
 * and the output runs are copied to where they belong in a new array of x's type. A piece is small
 * (a channel, or rows up to ~256 KB), so the statistics' second read and the normalizing pass find it in
 * cache: x is read from memory once and the output written once. γ and β (float64) are copied whole.
 * Returns undefined, having done nothing, when the wasm kernels are off, unavailable or not worth it.
 */
export function runPiecesInWasm<T extends FloatArray>(
  x: T,
  weight: ArrayLike<number> | undefined,
  bias: ArrayLike<number> | undefined,
  pieces: Pieces,
  body: (kernels: Kernels, frame: WasmFrame, piece: number) => void,
): T | undefined {
  if (!enabled || x.length < minElements) return undefined;
  const wasm = load();
  if (!wasm) return undefined;
  let runs = 0;
  for (let p = 0; p < pieces.count; p++) runs = Math.max(runs, pieces.runsOf(p));
  const { length } = pieces;
  const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const scratchBytes = align(runs * length * x.BYTES_PER_ELEMENT);
  const frame: WasmFrame = { x: BASE, out: BASE + scratchBytes, weight: 0, bias: 0 };
  let end = frame.out + scratchBytes;
  if (weight) [frame.weight, end] = [end, end + align(weight.length * 8)];
  if (bias) [frame.bias, end] = [end, end + align(bias.length * 8)];
  const memory = wasm.exports.memory;
  try {
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
  } catch {
    return undefined; // beyond what wasm32 memory can hold here: the TypeScript kernels answer
  }
  const heap = memory.buffer;
  const View = x.constructor as new (
    bufferOrLength: ArrayBuffer | number,
    offset?: number,
    length?: number,
  ) => T;
  const scratchIn = new View(heap, frame.x, runs * length);
  const scratchOut = new View(heap, frame.out, runs * length);
  if (weight) new Float64Array(heap, frame.weight, weight.length).set(weight);
  if (bias) new Float64Array(heap, frame.bias, bias.length).set(bias);
  const kernels = x instanceof Float32Array ? wasm.float32 : wasm.float64;
  const output = new View(x.length);
  for (let p = 0; p < pieces.count; p++) {
    const count = pieces.runsOf(p);
    for (let r = 0; r < count; r++) {
      const start = pieces.startOf(p, r);
      scratchIn.set(x.subarray(start, start + length), r * length);
    }
    body(kernels, frame, p);
    for (let r = 0; r < count; r++)
      output.set(scratchOut.subarray(r * length, (r + 1) * length), pieces.startOf(p, r));
  }
  // Wasm memory never shrinks: after a very large call, let this instance go (a fresh one starts small).
  if (heap.byteLength > RETAINED_BYTES) loaded = undefined;
  return output;
}

/** The exports for one element size as RunKernels over byte addresses. */
function adapt(
  exports: KernelExports,
  bytes: number,
  sum: KernelExports['sumF32'],
  centred: KernelExports['centredF32'],
  affine: KernelExports['affineF32'],
  affineRow: KernelExports['affineRowF32'],
): Kernels {
  return {
    sum: (x, start, end) => sum(x + start * bytes, end - start),
    centred: (x, start, end, m) => centred(x + start * bytes, end - start, m),
    residual: () => exports.residual(),
    affine: (x, out, start, end, m, s, b) =>
      affine(x + start * bytes, out + start * bytes, end - start, m, s, b),
    affineRow: (x, out, start, end, m, s, weight, bias, at) =>
      affineRow(
        x + start * bytes,
        out + start * bytes,
        end - start,
        m,
        s,
        weight ? weight + at * 8 : 0,
        bias ? bias + at * 8 : 0,
      ),
  };
}
