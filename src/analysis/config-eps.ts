/**
 * Hugging Face's idiom `nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)`: the eps is a
 * config attribute. When the file defines the config class (`class BertConfig(PretrainedConfig)` with
 * `layer_norm_eps=1e-12` in its `__init__`), the default is read from there.
 */
import type { Node } from 'web-tree-sitter';
import { literal } from './call-binding';
import type { LayerAnnotation } from './layer-annotation';

const CONFIG_ATTRIBUTE = /^(?:self\.)?(?:config|cfg|args|params|hparams)\.(\w+)$/;

export interface ConfigDefaults {
  /** Adds epsFromConfig to a site whose eps is a config attribute. */
  annotate(site: LayerAnnotation): void;
}

export function configDefaults(classes: readonly Node[]): ConfigDefaults {
  const defaults = new Map<string, { value: number; configClass: string; line: number }>();
  for (const cls of classes) {
    const name = cls.childForFieldName('name')?.text ?? '';
    if (!/Config$/.test(name)) continue;
    for (const fn of cls.childForFieldName('body')?.namedChildren ?? []) {
      const def = fn?.type === 'decorated_definition' ? fn.childForFieldName('definition') : fn;
      if (def?.type !== 'function_definition' || def.childForFieldName('name')?.text !== '__init__') continue;
      for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
        const key = p?.childForFieldName('name');
        const value = p?.childForFieldName('value');
        const number = value ? literal(value) : undefined;
        if (key && typeof number === 'number')
          defaults.set(key.text, { value: number, configClass: name, line: p!.startPosition.row + 1 });
      }
    }
  }
  return {
    annotate(site) {
      const eps = site.params.eps;
      const match = typeof eps === 'string' ? CONFIG_ATTRIBUTE.exec(eps) : null;
      if (!match) return;
      const known = defaults.get(match[1]);
      site.epsFromConfig = {
        attribute: match[1],
        ...(known ? { default: known.value, configClass: known.configClass, line: known.line } : {}),
      };
    },
  };
}
