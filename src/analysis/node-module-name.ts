/** The dotted module name Python gives a file on disk, for resolving its relative imports. */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `…/torch/nn/modules/transformer.py` → `torch.nn.modules.transformer`: the file's name under every
 * enclosing directory that is a package (holds an `__init__.py`), as Python's import system names it
 * (`…/torch/nn/__init__.py` → `torch.nn.__init__`, so that `from . import x` there means torch.nn.x).
 */
export function pythonModuleName(file: string): string {
  const parts = [basename(file).replace(/\.pyi?$/, '')];
  let dir = dirname(file);
  while (existsSync(join(dir, '__init__.py')) && dirname(dir) !== dir) {
    parts.unshift(basename(dir));
    dir = dirname(dir);
  }
  // A package's own __init__.py keeps `__init__` last: its relative imports resolve from the package.
  return parts.join('.');
}
