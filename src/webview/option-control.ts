/** One method option's control (checkbox, number, a [from, to] pair or a choice), from its field in the options table. */
import { checkBox, choiceSelect, numberField } from './controls';
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
    case 'checkbox':
      return checkBox(id, label, Boolean(current), commit);
    case 'number': {
      const input = numberField(
        { id, label, min: field.min, step: field.step || undefined },
        current as number,
        commit,
      );
      return el('label', {}, `${label} `, input);
    }
    case 'pair': {
      const values = [...(current as [number, number])];
      const change = (index: number) => (value: number) => {
        values[index] = value;
        commit([...values]);
      };
      const first = numberField({ id: `${id}-0`, label: t('rangeFrom', { label }) }, values[0], change(0));
      const second = numberField({ id: `${id}-1`, label: t('rangeTo', { label }) }, values[1], change(1));
      return el('span', { className: 'option-pair' }, `${label} `, first, ` ${t('rangeJoin')} `, second);
    }
    case 'choice': {
      const select = choiceSelect(
        { id, label },
        field.choices.map((choice) => ({ value: choice, text: choice })),
        typeof current === 'string' ? current : field.initial,
        commit,
      );
      return el('label', {}, `${label} `, select);
    }
  }
}
