/**
 * The detail's method picker: "Statistics only", each scaling method (titled in the page's language)
 * and, while a per-column plan is in force, "Per-column plan".
 */
import type { MethodDescription } from '../shared/protocol';
import { choiceSelect, type VscodeSingleSelect } from './controls';
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

export function methodPicker(options: MethodPickerOptions): VscodeSingleSelect {
  const choices = [
    { value: 'none', text: t('statisticsOnly') },
    ...options.methods.map((m) => ({ value: m.method, text: methodTitle(m.method, m.title) })),
    ...(options.hasPlan ? [{ value: 'plan', text: t('perColumnPlan') }] : []),
  ];
  return choiceSelect(
    { id: 'method', label: t('method'), disabled: options.disabled },
    choices,
    options.current,
    (value) => {
      if (value !== 'plan') options.pick(value);
    },
  );
}
