/**
 * Names as a file binds them: its imports (absolute, relative, aliased) and the canonical spelling of
 * what they name, so that `tnn.BatchNorm2d`, `torch.nn.modules.batchnorm.BatchNorm2d` and
 * `tf.keras.layers.BatchNormalization` all resolve to one qualified name of the layer table.
 */
import type { Node } from 'web-tree-sitter';
import { KERAS_LAYER_CLASSES } from '../engine/explain/layer-apis';

/**
 * `tensorflow.keras` and `tf.keras` are keras; `keras.src.layers` too; torch's own modules import the
 * classes from where they are defined (`torch.nn.modules.batchnorm.BatchNorm2d`).
 */
export function canonical(name: string): string {
  return name
    .replace(/^(tensorflow|tf)\.keras\./, 'keras.')
    .replace(/^keras\.src\./, 'keras.')
    .replace(/^keras\.layers\.normalization\.[a-z_]+\./, 'keras.layers.')
    .replace(/^torch\.nn\.modules\.[a-z_]+\./, 'torch.nn.');
}

/**
 * Keras Applications receive the layers module as an argument (`backend, layers, models, utils =
 * get_submodules_from_kwargs(kwargs)`), so no import binds `layers`: a Keras-only class name on an
 * unbound `layers` is Keras's.
 */
const UNBOUND_KERAS_LAYER = new RegExp(`^(?:\\w+\\.)*layers\\.(${KERAS_LAYER_CLASSES.join('|')})$`);

/** `from .x import y` in module `a.b.c` is `a.b.x.y`; unresolvable without the module's own name. */
function absoluteModule(written: string, module: string | undefined): string | undefined {
  const dots = /^\.*/.exec(written)![0].length;
  if (dots === 0) return written;
  if (!module) return undefined;
  const packageParts = module.split('.').slice(0, -dots);
  if (packageParts.length === 0) return undefined;
  const rest = written.slice(dots);
  return rest ? `${packageParts.join('.')}.${rest}` : packageParts.join('.');
}

/** Module-level import bindings: local name → qualified name. */
export function importBindings(imports: readonly Node[], module: string | undefined): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const node of imports) {
    if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'aliased_import') {
          bindings.set(child.childForFieldName('alias')!.text, child.childForFieldName('name')!.text);
        } else if (child.type === 'dotted_name') {
          const first = child.text.split('.')[0];
          bindings.set(first, first);
        }
      }
    } else {
      const from = absoluteModule(node.childForFieldName('module_name')?.text ?? '', module);
      if (from === undefined) continue;
      for (const child of node.childrenForFieldName('name')) {
        if (!child) continue;
        if (child.type === 'aliased_import') {
          bindings.set(
            child.childForFieldName('alias')!.text,
            `${from}.${child.childForFieldName('name')!.text}`,
          );
        } else {
          bindings.set(child.text, `${from}.${child.text}`);
        }
      }
    }
  }
  return bindings;
}

/** `a.b.c` as written, when the node is a plain dotted name. */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    // Most are written plainly (`nn.BatchNorm2d`): one read of the text, no walk of the children.
    const text = node.text;
    if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(text)) return text;
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    const left = object ? dottedName(object) : undefined;
    return left && attribute ? `${left}.${attribute.text}` : undefined;
  }
  return undefined;
}

export interface NameResolver {
  /** Local name → qualified name, as the imports bind them. */
  bindings: ReadonlyMap<string, string>;
  /** The canonical qualified name of a dotted name as written, when an import binds its head. */
  written: (written: string) => string | undefined;
  node: (node: Node | null) => string | undefined;
}

/** Resolves names through the file's import statements (in source order). */
export function nameResolver(imports: readonly Node[], module: string | undefined): NameResolver {
  const bindings = importBindings(imports, module);
  const written = (text: string): string | undefined => {
    const [head, ...rest] = text.split('.');
    const bound = bindings.get(head);
    if (bound) return canonical([bound, ...rest].join('.'));
    const keras = UNBOUND_KERAS_LAYER.exec(text);
    return keras ? `keras.layers.${keras[1]}` : undefined;
  };
  return {
    bindings,
    written,
    node: (node) => {
      const text = node ? dottedName(node) : undefined;
      return text ? written(text) : undefined;
    },
  };
}
