/** The dotted module name Python gives a file on disk, for resolving its relative imports. */
import { existsSync, readFileSync } from 'node:fs';
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

/**
 * Reads the other modules of `file`'s package by dotted name (`pkg.layers` → `<root>/pkg/layers.py`
 * or `<root>/pkg/layers/__init__.py`), for the norm classes they define; undefined outside it.
 */
export function packageModuleReader(file: string): (module: string) => string | undefined {
  const own = pythonModuleName(file).split('.');
  let root = dirname(file);
  for (let i = 1; i < own.length; i++) root = dirname(root);
  return (module) => {
    if (module.split('.')[0] !== own[0] || own.length < 2) return undefined;
    const base = join(root, ...module.split('.'));
    for (const path of [`${base}.py`, join(base, '__init__.py')])
      if (existsSync(path)) return readFileSync(path, 'utf8');
    return undefined;
  };
}
