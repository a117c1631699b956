/**
 * The detail's method picker: "Statistics only", each scaling method (titled in the page's language)
 * and, while a per-column plan is in force, "Per-column plan".
 */
import type { MethodDescription } from '../shared/protocol';
import { el } from './dom';
import { t } from './l10n';
import { methodTitle } from './method-words';

export interface MethodPickerOptions {
  methods: readonly MethodDescription[];
  /** The method shown: a method, 'none' or 'plan'. */
  current: string;
  hasPlan: boolean;
  /** True when parameters were fitted elsewhere (the method is theirs). */
  disabled: boolean;
  /** A single method (or 'none') was chosen; choosing 'plan' again changes nothing. */
  pick(method: string): void;
}

export function methodPicker(options: MethodPickerOptions): HTMLSelectElement {
  const method = el('select', { id: 'method', 'aria-label': t('method'), disabled: options.disabled });
  method.append(el('option', { value: 'none', text: t('statisticsOnly') }));
  for (const m of options.methods)
    method.append(el('option', { value: m.method, text: methodTitle(m.method, m.title) }));
  if (options.hasPlan) method.append(el('option', { value: 'plan', text: t('perColumnPlan') }));
  method.value = options.current;
  method.addEventListener('change', () => {
    if (method.value !== 'plan') options.pick(method.value);
  });
  return method;
}
