/** One method option's control (checkbox, number, a [from, to] pair or a choice), from its field in the options table. */
import { el } from './dom';
import { t } from './l10n';
import type { OptionField } from './options';

/** The control for `field`, labelled `label` (in the page's language), showing `current`; `commit` receives each new value. */
export function optionControl(
  field: OptionField,
  label: string,
  current: unknown,
  commit: (value: unknown) => void,
): HTMLElement {
  const id = `option-${field.key}`;
  switch (field.kind) {
    case 'checkbox': {
      const input = el('input', { id, type: 'checkbox' });
      input.checked = Boolean(current);
      input.addEventListener('change', () => commit(input.checked));
      return el('label', {}, input, ` ${label}`);
    }
    case 'number': {
      const input = el('input', {
        id,
        type: 'number',
        value: String(current as number),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.step ? { step: field.step } : {}),
      });
      input.addEventListener('change', () => commit(Number(input.value)));
      return el('label', {}, `${label} `, input);
    }
    case 'pair': {
      const [a, b] = current as [number, number];
      const first = el('input', {
        id: `${id}-0`,
        type: 'number',
        value: String(a),
        'aria-label': t('rangeFrom', { label }),
      });
      const second = el('input', {
        id: `${id}-1`,
        type: 'number',
        value: String(b),
        'aria-label': t('rangeTo', { label }),
      });
      const change = () => commit([Number(first.value), Number(second.value)]);
      first.addEventListener('change', change);
      second.addEventListener('change', change);
      return el('label', {}, `${label} `, first, ` ${t('rangeJoin')} `, second);
    }
    case 'choice': {
      const select = el('select', { id });
      for (const choice of field.choices) select.append(el('option', { value: choice, text: choice }));
      select.value = typeof current === 'string' ? current : field.initial;
      select.addEventListener('change', () => commit(select.value));
      return el('label', {}, `${label} `, select);
    }
  }
}
