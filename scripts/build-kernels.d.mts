export const KERNEL_SOURCE: string;
export const KERNEL_MODULE: string;
/** Compiles kernels/norm.ts; resolves to the .wasm bytes. */
export function compileKernels(): Promise<Uint8Array>;
/** The TypeScript module that carries the bytes. */
export function kernelModuleText(bytes: Uint8Array): string;
