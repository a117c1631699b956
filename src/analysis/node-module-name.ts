/** The dotted module name Python gives a file on disk, for resolving its relative imports. */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `…/torch/nn/modules/transformer.py` → `torch.nn.modules.transformer`: the file's name under every
 * enclosing directory that is a package (holds an `__init__.py`), as Python's import system names it.
 */
export function pythonModuleName(file: string): string {
  const parts = [basename(file).replace(/\.pyi?$/, '')];
  let dir = dirname(file);
  while (existsSync(join(dir, '__init__.py')) && dirname(dir) !== dir) {
    parts.unshift(basename(dir));
    dir = dirname(dir);
  }
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}
