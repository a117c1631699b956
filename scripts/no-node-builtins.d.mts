import type { Plugin } from 'esbuild';
/** Whether `specifier` names a Node built-in (`fs`, `fs/promises`, `node:path`…). */
export function isNodeBuiltin(specifier: string): boolean;
/** Fails a browser build on any Node built-in; `stubbedIn` packages get throwing stubs for their Node-only branches. */
export function noNodeBuiltins(options?: { stubbedIn?: string[] }): Plugin;
