/** Where the grammar's .wasm files are on disk for Node (the CLI bundle ships them next to itself). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GrammarFiles } from './python-parser';

export function nodeGrammarFiles(bundleDir?: string): GrammarFiles {
  if (bundleDir && existsSync(join(bundleDir, 'tree-sitter-python.wasm'))) {
    return {
      runtime: join(bundleDir, 'tree-sitter.wasm'),
      python: join(bundleDir, 'tree-sitter-python.wasm'),
    };
  }
  const require = createRequire(join(process.cwd(), 'package.json'));
  return {
    runtime: join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
    python: join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
  };
}
