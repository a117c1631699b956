/**
 * Tensors that live in WebAssembly memory from the start. A kernel heap is one fixed-size wasm memory
 * (it never grows, so its arrays stay valid) with the SIMD kernels instantiated on it; a reader decodes
 * straight into `heap.float32(n)`, a layer given such a tensor reads it where it is and writes into a
 * block of the same heap (or the caller's `out`), and `release` hands blocks back for the next call to
 * reuse — no copy in or out, and no first touch of a fresh output on repeated calls.
 * Where WebAssembly is unavailable the same API hands out plain typed arrays (the layers then run on the
 * TypeScript kernels).
 *
 * Example:
 *   const heap = createKernelHeap(128 << 20);
 *   const x = tensor(heap.float32(32 * 64 * 56 * 56), [32, 64, 56, 56]);   // fill x.data
 *   const y = layerNorm(x, { normalizedShape: [64, 56, 56] });              // y.data is in the heap
 *   heap.release(y.data);                                                    // reused by the next call
 */
import { instantiateKernels, PAGE, registerHeap, type HeapMemory } from './wasm-kernels';

export interface KernelHeap {
  /** Whether the arrays live in WebAssembly memory (false: plain typed arrays, the TypeScript kernels). */
  readonly inWasm: boolean;
  readonly capacityBytes: number;
  /** Bytes in blocks handed out and not released. */
  readonly usedBytes: number;
  /** n float32 values in the heap (a reused block keeps its old values). Throws RangeError when full. */
  float32(n: number): Float32Array;
  float64(n: number): Float64Array;
  /**
   * Returns an array's block to the pool (the array must not be used afterwards). False, doing nothing,
   * for an array that is not a block of this heap — e.g. a layer's output that did not fit in it.
   */
  release(array: Float32Array | Float64Array): boolean;
}

/** Blocks start on 64-byte cache lines; address 0 is never handed out (it means "absent" to the kernels). */
const ALIGN = 64;

/** A heap of `bytes` bytes (rounded up to 64 KiB pages). */
export function createKernelHeap(bytes: number): KernelHeap {
  if (!(Number.isInteger(bytes) && bytes > 0))
    throw new RangeError(`createKernelHeap: bytes (${bytes}) must be a positive integer`);
  const pages = Math.ceil((bytes + ALIGN) / PAGE);
  const instance = instantiateKernels(pages, true);
  if (!instance) return plainHeap();
  const blocks = new BlockList(ALIGN, pages * PAGE);
  const memory: HeapMemory = {
    instance,
    allocate: (size) => blocks.allocate(size),
    free: (address) => blocks.free(address),
  };
  registerHeap(memory);
  const buffer = instance.memory.buffer;
  const allocateOrThrow = (what: string, n: number, bytesPer: number) => {
    if (!(Number.isInteger(n) && n >= 0))
      throw new RangeError(`kernelHeap.${what}: n (${n}) must be an integer ≥ 0`);
    const address = blocks.allocate(n * bytesPer);
    if (address === undefined)
      throw new RangeError(
        `kernelHeap.${what}: ${n * bytesPer} bytes requested, ${blocks.capacity - blocks.used} of ${blocks.capacity} free (largest block ${blocks.largestFree()}); release arrays or create a larger heap`,
      );
    return address;
  };
  return {
    inWasm: true,
    capacityBytes: blocks.capacity,
    get usedBytes() {
      return blocks.used;
    },
    float32: (n) => new Float32Array(buffer, allocateOrThrow('float32', n, 4), n),
    float64: (n) => new Float64Array(buffer, allocateOrThrow('float64', n, 8), n),
    release: (array) => array.buffer === buffer && blocks.free(array.byteOffset),
  };
}

function plainHeap(): KernelHeap {
  return {
    inWasm: false,
    capacityBytes: Infinity,
    usedBytes: 0,
    float32: (n) => new Float32Array(n),
    float64: (n) => new Float64Array(n),
    release: () => false,
  };
}

/** First-fit blocks over [start, end), free neighbours merged. */
class BlockList {
  used = 0;
  /** Free blocks, sorted by address. */
  private readonly free_: { at: number; size: number }[];
  private readonly taken = new Map<number, number>();

  readonly capacity: number;

  constructor(start: number, end: number) {
    this.capacity = end - start;
    this.free_ = [{ at: start, size: this.capacity }];
  }

  allocate(bytes: number): number | undefined {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const index = this.free_.findIndex((block) => block.size >= size);
    if (index < 0) return undefined;
    const block = this.free_[index];
    const at = block.at;
    if (block.size === size) this.free_.splice(index, 1);
    else [block.at, block.size] = [at + size, block.size - size];
    this.taken.set(at, size);
    this.used += size;
    return at;
  }

  /** False when `at` is not a block in use. */
  free(at: number): boolean {
    const size = this.taken.get(at);
    if (size === undefined) return false;
    this.taken.delete(at);
    this.used -= size;
    let index = this.free_.findIndex((block) => block.at > at);
    if (index < 0) index = this.free_.length;
    this.free_.splice(index, 0, { at, size });
    const next = this.free_[index + 1];
    if (next && at + size === next.at) {
      this.free_[index].size += next.size;
      this.free_.splice(index + 1, 1);
    }
    const previous = this.free_[index - 1];
    if (previous && previous.at + previous.size === at) {
      previous.size += this.free_[index].size;
      this.free_.splice(index, 1);
    }
    return true;
  }

  largestFree(): number {
    return this.free_.reduce((largest, block) => Math.max(largest, block.size), 0);
  }
}
