/**
 * A real Python parser (tree-sitter's Python grammar compiled to WebAssembly, run by web-tree-sitter):
 * the layer recognizer reads calls, imports, strings and comments as Python does, not as regexes guess.
 * The .wasm files are located by the caller (node_modules in the CLI and tests, dist/ in the extension)
 * or handed over as bytes (the browser extension host reads them from the extension's URI).
 */
import { Language, Parser } from 'web-tree-sitter';

export interface GrammarFiles {
  /** web-tree-sitter's runtime, tree-sitter.wasm: its path, or its bytes. */
  runtime: string | Uint8Array;
  /** tree-sitter-python.wasm: its path, or its bytes. */
  python: string | Uint8Array;
}

let loaded: Promise<Parser> | undefined;

export function pythonParser(files: GrammarFiles): Promise<Parser> {
  loaded ??= (async () => {
    const runtime = files.runtime;
    // With bytes, the name is only a key (a bundle without import.meta.url cannot resolve a default).
    await Parser.init(
      typeof runtime === 'string'
        ? { locateFile: () => runtime }
        : { locateFile: () => 'tree-sitter.wasm', wasmBinary: runtime },
    );
    const language = await Language.load(files.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loaded;
}
