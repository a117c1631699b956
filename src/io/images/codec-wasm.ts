/**
 * The WebAssembly decoders of JPEG and WebP (jsquash's emscripten builds of libjpeg-turbo's decoder, as
 * mozjpeg ships it, and of libwebp): where each .wasm file lives, and how one is run. The host supplies
 * the bytes (Node reads dist/ or node_modules, the web extension workspace.fs), so this file needs no
 * Node built-in and runs in Node, in the web extension host's worker and in a browser.
 */

/** Each decoder's .wasm: its name in dist/ (esbuild.mjs copies it there) and its place in its package. */
export const CODEC_WASM = {
  jpeg: { file: 'mozjpeg_dec.wasm', packageName: '@jsquash/jpeg', inPackage: 'codec/dec/mozjpeg_dec.wasm' },
  webp: { file: 'webp_dec.wasm', packageName: '@jsquash/webp', inPackage: 'codec/dec/webp_dec.wasm' },
} as const;

export type ImageCodec = keyof typeof CODEC_WASM;

/** Reads a decoder's .wasm bytes from wherever the host keeps them. */
export type ReadCodecWasm = (codec: ImageCodec) => Promise<Uint8Array>;

/** RGBA samples, as the emscripten glue hands them out (a fresh copy, not a view of the wasm memory). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The options of an emscripten MODULARIZE factory that are set here. */
interface FactoryOptions {
  noInitialRun: boolean;
  locateFile: (path: string) => string;
  instantiateWasm: (imports: object, done: (instance: object) => void) => object;
  print: (text: string) => void;
  printErr: (text: string) => void;
}

export type ModuleFactory<Module> = (options: FactoryOptions) => Promise<Module>;

/** The slice of the WebAssembly JS API used here (typed locally: src/io compiles without DOM types). */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: object) => { exports: object };
}

const webAssembly = () => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** The bytes as an ArrayBuffer of exactly their length (Node's small Buffers are views into a pool). */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
    return bytes.buffer;
  return bytes.slice().buffer;
}

/**
 * The glue builds its result with `new ImageData(data, width, height)` and, where there is none (Node),
 * would define one on globalThis for good; the desktop extension host is shared with other extensions,
 * so a plain one is lent for the call and taken back.
 */
function withImageData<T>(run: () => T): T {
  const global = globalThis as { ImageData?: unknown };
  if (global.ImageData !== undefined) return run();
  global.ImageData = class ImageData {
    constructor(
      readonly data: Uint8ClampedArray,
      readonly width: number,
      readonly height: number,
    ) {}
  };
  try {
    return run();
  } finally {
    delete global.ImageData;
  }
}

/** A call into the decoder that threw (libjpeg's fatal errors end in exit(1)); `message` is its own words. */
export class CodecFailure extends Error {}

/**
 * One decoder module: compiled once, on the first image that needs it. The C libraries report through
 * stderr: what they print during a call is returned with its result (libjpeg's warnings), and a fatal
 * error ends the instance (exit(1) throws an ExitStatus and leaves its stack and heap as they were), so
 * after a call that threw the next one runs on a fresh instance of the same compiled module.
 */
export class WasmCodec<Module> {
  private compiled: Promise<object> | undefined;
  private instance: Promise<Module> | undefined;
  private printed: string[] = [];

  constructor(
    private readonly codec: ImageCodec,
    private readonly factory: ModuleFactory<Module>,
    private readonly readWasm: ReadCodecWasm,
  ) {}

  /** `use(module)` on a live instance, with the lines the library printed while it ran. */
  async call<T>(use: (module: Module) => T): Promise<{ result: T; printed: string[] }> {
    const module = await this.live();
    this.printed = [];
    try {
      return { result: withImageData(() => use(module)), printed: this.printed };
    } catch (error) {
      this.instance = undefined;
      const said = this.printed.at(-1) ?? (error instanceof Error ? error.message : String(error));
      throw new CodecFailure(said);
    }
  }

  private live(): Promise<Module> {
    if (this.instance) return this.instance;
    this.compiled ??= this.readWasm(this.codec).then((bytes) => webAssembly().compile(bytes));
    const instance = this.compiled.then((compiled) =>
      withImageData(() =>
        this.factory({
          noInitialRun: true,
          // Without it the glue resolves its .wasm against import.meta.url, which a CommonJS bundle in
          // a browser worker does not have (new URL throws); instantiateWasm supplies the module anyway.
          locateFile: (path) => path,
          instantiateWasm: (imports, done) => {
            const created = new (webAssembly().Instance)(compiled, imports);
            done(created);
            return created.exports;
          },
          print: (text) => this.printed.push(text),
          printErr: (text) => this.printed.push(text),
        }),
      ),
    );
    // A host that could not supply or compile the wasm may succeed on a later call: nothing is kept.
    instance.catch(() => {
      if (this.instance !== instance) return;
      this.compiled = undefined;
      this.instance = undefined;
    });
    this.instance = instance;
    return instance;
  }
}
