/**
 * A real Python parser (tree-sitter's Python grammar compiled to WebAssembly, run by web-tree-sitter):
 * the layer recognizer reads calls, imports, strings and comments as Python does, not as regexes guess.
 * The .wasm files are located by the caller (node_modules in the CLI and tests, dist/ in the extension).
 */
import { Language, Parser } from 'web-tree-sitter';

export interface GrammarFiles {
  /** web-tree-sitter's runtime, tree-sitter.wasm. */
  runtime: string;
  /** tree-sitter-python.wasm. */
  python: string;
}

let loaded: Promise<Parser> | undefined;

export function pythonParser(files: GrammarFiles): Promise<Parser> {
  loaded ??= (async () => {
    await Parser.init({ locateFile: () => files.runtime });
    const language = await Language.load(files.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loaded;
}
