/**
 * The WebAssembly SIMD run kernels (kernels/norm.ts) behind the RunKernels interface, and the memories
 * they work in. The module imports its memory, so one compiled module serves two kinds of instance:
 * - a scratch instance whose memory holds [input piece | output piece | γ | β] for a call on plain typed
 *   arrays (each piece is copied in, normalized and copied out) and grows to the largest call seen;
 * - one instance per kernel heap (./kernel-heap.ts): tensors allocated there are read where they are and
 *   written into an output in the same heap, with no copy in or out.
 * Off until a host turns it on (useWasmKernels, or enableWasmKernels where compiling may be refused).
 */
import type { FloatArray } from '../tensor/tensor';
import { NORM_KERNELS_WASM } from './norm-kernels.wasm';
import type { RunKernels } from './run-kernels';

/** The slice of the WebAssembly JS API used here (typed locally: the engine compiles without DOM types). */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<object>;
}

interface KernelExports {
  residual: () => number;
  sumF32: (p: number, n: number) => number;
  sumF64: (p: number, n: number) => number;
  centredF32: (p: number, n: number, m: number) => number;
  centredF64: (p: number, n: number, m: number) => number;
  centredFastF32: (p: number, n: number, k: number) => number;
  affineF32: (src: number, dst: number, n: number, mh: number, ml: number, s: number, b: number) => void;
  affineF64: (src: number, dst: number, n: number, m: number, s: number, b: number) => void;
  affineRowF32: (
    src: number,
    dst: number,
    n: number,
    mh: number,
    ml: number,
    s: number,
    w: number,
    b: number,
  ) => void;
  affineRowF64: (src: number, dst: number, n: number, m: number, s: number, w: number, b: number) => void;
}

export type Kernels = RunKernels<number, number>;

/** Kernels bound to one memory, for each element size. */
export interface KernelInstance {
  memory: WasmMemory;
  float32: Kernels;
  float64: Kernels;
}

/** A kernel heap as the layers see it: its instance and a way to borrow blocks of its memory. */
export interface HeapMemory {
  instance: KernelInstance;
  /** Byte address of a free block of at least `bytes` (never 0), or undefined when the heap is full. */
  allocate(bytes: number): number | undefined;
  free(address: number): void;
}

/** Below this many elements the copies in and out cost more than the SIMD loops save. */
const WORTHWHILE_ELEMENTS = 1 << 14;
/** Keep the first 64 KiB of scratch memory clear: address 0 stands for an absent γ or β. */
const BASE = 1 << 16;
export const PAGE = 1 << 16;
/** Scratch memory kept between calls; a larger scratch instance is dropped after use. */
const RETAINED_BYTES = 256 << 20;

let enabled = false;
let minElements = WORTHWHILE_ELEMENTS;
let compiled: object | null | undefined;
let scratch: KernelInstance | undefined;
const heaps = new WeakMap<ArrayBuffer, HeapMemory>();

const webAssembly = () => (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
const moduleBytes = () => Uint8Array.from(atob(NORM_KERNELS_WASM), (c) => c.charCodeAt(0));

/**
 * Lets the contiguous layer paths run on WebAssembly SIMD where the host can compile it, for inputs of
 * at least `fromElements` values (tests pass 0 to run every size through wasm). Tensors in a kernel heap
 * always run there, at any size, when enabled.
 */
export function useWasmKernels(on = true, fromElements = WORTHWHILE_ELEMENTS): void {
  enabled = on;
  minElements = fromElements;
}

/**
 * For browser hosts: compiles the module asynchronously (browsers refuse to compile large modules
 * synchronously on the main thread, and a CSP without 'wasm-unsafe-eval' refuses any), then enables the
 * kernels. Resolves to whether they run; when refused the layers keep the TypeScript kernels.
 */
export async function enableWasmKernels(): Promise<boolean> {
  const api = webAssembly();
  if (compiled === undefined) {
    try {
      compiled = api ? await api.compile(moduleBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  useWasmKernels(compiled !== null);
  return compiled !== null;
}

/** Whether this host can run the wasm kernels at all (compiles them on first ask). */
export function wasmKernelsAvailable(): boolean {
  return compiledModule() !== null;
}

function compiledModule(): object | null {
  if (compiled === undefined) {
    try {
      const api = webAssembly();
      compiled = api ? new api.Module(moduleBytes()) : null;
    } catch {
      compiled = null; // no WebAssembly SIMD here (or compiling refused): the TypeScript kernels answer
    }
  }
  return compiled;
}

/**
 * A memory of `pages` pages with the kernels instantiated on it; `fixed` memories never grow, so views
 * of them stay valid (growing detaches a memory's buffer). Undefined when wasm is unavailable or the
 * memory cannot be had.
 */
export function instantiateKernels(pages: number, fixed: boolean): KernelInstance | undefined {
  const module = compiledModule();
  const api = webAssembly();
  if (!module || !api) return undefined;
  try {
    const memory = new api.Memory(fixed ? { initial: pages, maximum: pages } : { initial: pages });
    const exports = new api.Instance(module, { env: { memory } }).exports as KernelExports;
    return { memory, float32: float32Kernels(exports), float64: float64Kernels(exports) };
  } catch {
    return undefined;
  }
}

/** Makes `heap`'s arrays run in place (./kernel-heap.ts calls this for every heap it creates). */
export function registerHeap(heap: HeapMemory): void {
  heaps.set(heap.instance.memory.buffer, heap);
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

/** Computes one piece: its run r starts at element startOf(r) of frame.x and of frame.out. */
export type PieceBody = (
  kernels: Kernels,
  frame: WasmFrame,
  piece: number,
  startOf: (run: number) => number,
) => void;

type Params = Float32Array | Float64Array;

/**
 * Runs a normalization on the wasm kernels into `out` (or a new array of x's type), or returns
 * undefined, having done nothing, when they are off, unavailable or not worth it. x in a kernel heap is
 * read in place and written into `out` when `out` is in the same heap, else into a block of the heap
 * (which becomes the result when no `out` was given, so it can be released to the heap's pool). Other
 * inputs go piece by piece through the scratch memory (see runThroughScratch). γ and β come in x's
 * element type.
 */
export function runPiecesInWasm<T extends FloatArray>(
  x: T,
  out: T | undefined,
  weight: Params | undefined,
  bias: Params | undefined,
  pieces: Pieces,
  body: PieceBody,
): T | undefined {
  if (!enabled) return undefined;
  const call = { x, out, weight, bias, pieces, body };
  const heap = heaps.get(x.buffer as ArrayBuffer);
  if (heap) {
    const result = runInHeap(heap, call);
    if (result) return result;
  }
  if (x.length < minElements) return undefined;
  return runThroughScratch(call);
}

/** One runPiecesInWasm call's arguments. */
interface PiecesCall<T extends FloatArray> {
  x: T;
  out: T | undefined;
  weight: Params | undefined;
  bias: Params | undefined;
  pieces: Pieces;
  body: PieceBody;
}

function runInHeap<T extends FloatArray>(
  heap: HeapMemory,
  { x, out, weight, bias, pieces, body }: PiecesCall<T>,
): T | undefined {
  const buffer = heap.instance.memory.buffer;
  const borrowed: number[] = [];
  const borrow = (bytes: number) => {
    const address = heap.allocate(bytes);
    if (address !== undefined) borrowed.push(address);
    return address;
  };
  try {
    const View = x.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => T;
    let target = out?.buffer === buffer ? out : undefined;
    if (!target) {
      const address = borrow(x.byteLength);
      if (address === undefined) return undefined;
      target = new View(buffer, address, x.length);
    }
    const frame: WasmFrame = { x: x.byteOffset, out: target.byteOffset, weight: 0, bias: 0 };
    for (const [key, values] of [
      ['weight', weight],
      ['bias', bias],
    ] as const) {
      if (!values) continue;
      const address = borrow(values.byteLength);
      if (address === undefined) return undefined;
      new (values.constructor as typeof Float64Array)(buffer, address, values.length).set(values);
      frame[key] = address;
    }
    const kernels = x instanceof Float32Array ? heap.instance.float32 : heap.instance.float64;
    for (let p = 0; p < pieces.count; p++) body(kernels, frame, p, (run) => pieces.startOf(p, run));
    if (out && out !== target) {
      out.set(target);
      return out;
    }
    if (!out) borrowed.shift(); // the output block is the caller's now
    return target;
  } finally {
    for (const address of borrowed) heap.free(address);
  }
}

/**
 * Each piece's runs are copied side by side into the scratch memory (run r at element r·length), `body`
 * computes on them there, and the output runs are copied to where they belong. A piece is small (a
 * channel, or rows up to ~256 KB), so the statistics' second read and the normalizing pass find it in
 * cache: x is read from memory once and the output written once.
 */
function runThroughScratch<T extends FloatArray>({
  x,
  out,
  weight,
  bias,
  pieces,
  body,
}: PiecesCall<T>): T | undefined {
  scratch ??= instantiateKernels(1, false);
  if (!scratch) return undefined;
  let runs = 0;
  for (let p = 0; p < pieces.count; p++) runs = Math.max(runs, pieces.runsOf(p));
  const { length } = pieces;
  const align = (bytes: number) => Math.ceil(bytes / 64) * 64;
  const scratchBytes = align(runs * length * x.BYTES_PER_ELEMENT);
  const frame: WasmFrame = { x: BASE, out: BASE + scratchBytes, weight: 0, bias: 0 };
  let end = frame.out + scratchBytes;
  if (weight) [frame.weight, end] = [end, end + align(weight.byteLength)];
  if (bias) [frame.bias, end] = [end, end + align(bias.byteLength)];
  const { memory } = scratch;
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
  if (weight) new View(heap, frame.weight, weight.length).set(weight);
  if (bias) new View(heap, frame.bias, bias.length).set(bias);
  const kernels = x instanceof Float32Array ? scratch.float32 : scratch.float64;
  const output = out ?? new View(x.length);
  const packed = (run: number) => run * length;
  for (let p = 0; p < pieces.count; p++) {
    const count = pieces.runsOf(p);
    for (let r = 0; r < count; r++) {
      const start = pieces.startOf(p, r);
      scratchIn.set(x.subarray(start, start + length), r * length);
    }
    body(kernels, frame, p, packed);
    for (let r = 0; r < count; r++)
      output.set(scratchOut.subarray(r * length, (r + 1) * length), pieces.startOf(p, r));
  }
  // Wasm memory never shrinks: after a very large call, let this instance go (a fresh one starts small).
  if (heap.byteLength > RETAINED_BYTES) scratch = undefined;
  return output;
}

/** The float32 exports as RunKernels over byte addresses (m split into float32 mh + ml, as TypeScript). */
function float32Kernels(e: KernelExports): Kernels {
  return {
    sum: (x, start, end) => e.sumF32(x + start * 4, end - start),
    centred: (x, start, end, m) => e.centredF32(x + start * 4, end - start, m),
    centredFast: (x, start, end, k) => e.centredFastF32(x + start * 4, end - start, k),
    toElement: Math.fround,
    residual: () => e.residual(),
    affine: (x, out, start, end, m, s, b) =>
      e.affineF32(x + start * 4, out + start * 4, end - start, m, m - Math.fround(m), s, b),
    affineRow: (x, out, start, end, m, s, weight, bias, at) =>
      e.affineRowF32(
        x + start * 4,
        out + start * 4,
        end - start,
        m,
        m - Math.fround(m),
        s,
        weight ? weight + at * 4 : 0,
        bias ? bias + at * 4 : 0,
      ),
  };
}

function float64Kernels(e: KernelExports): Kernels {
  return {
    sum: (x, start, end) => e.sumF64(x + start * 8, end - start),
    centred: (x, start, end, m) => e.centredF64(x + start * 8, end - start, m),
    centredFast: (x, start, end, k) => e.centredF64(x + start * 8, end - start, k),
    toElement: (m) => m,
    residual: () => e.residual(),
    affine: (x, out, start, end, m, s, b) =>
      e.affineF64(x + start * 8, out + start * 8, end - start, m, s, b),
    affineRow: (x, out, start, end, m, s, weight, bias, at) =>
      e.affineRowF64(
        x + start * 8,
        out + start * 8,
        end - start,
        m,
        s,
        weight ? weight + at * 8 : 0,
        bias ? bias + at * 8 : 0,
      ),
  };
}
