/**
 * The panel's form controls, as @vscode-elements/elements (VS Code's own look, keyboard and theme
 * variables): buttons, single selects, number fields and checkboxes. Only these elements are imported,
 * each from its own entry point, so the bundles carry nothing else; the library registers each tag
 * once (it checks `customElements.get` first), so several notebook outputs share one definition.
 * Every factory takes the accessible name the element passes to its inner control.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { el } from './dom';

export type { VscodeButton, VscodeCheckbox, VscodeSingleSelect, VscodeTextfield };

/** The tag of the select element, for `closest()` checks of where a key or click came from. */
export const SELECT_TAG = 'vscode-single-select';

export interface Choice {
  value: string;
  text: string;
}

/**
 * A button; `secondary` for the less prominent actions (copying a table); `label` names it to assistive
 * technology when its text alone does not say enough.
 */
export function actionButton(
  id: string | undefined,
  text: string,
  onClick: () => void,
  options: { title?: string; secondary?: boolean; className?: string; label?: string } = {},
): VscodeButton {
  const button = el('vscode-button', {
    id,
    text,
    title: options.title,
    secondary: options.secondary,
    className: options.className,
  });
  // A name longer than the visible text ("Copy" beside the line it copies).
  if (options.label) button.setAttribute('aria-label', options.label);
  button.addEventListener('click', () => {
    if (!button.disabled) onClick();
  });
  return button;
}

/** Disables or enables a button, and says so to assistive technology (the element does not). */
export function setButtonDisabled(button: VscodeButton, disabled: boolean): void {
  button.disabled = disabled;
  button.setAttribute('aria-disabled', String(disabled));
}

/** A single select of `choices` showing `current`; `onChange` receives each value the user picks. */
export function choiceSelect(
  props: { id?: string; label: string; className?: string; tabindex?: number; disabled?: boolean },
  choices: readonly Choice[],
  current: string,
  onChange: (value: string) => void,
): VscodeSingleSelect {
  const select = el('vscode-single-select', {
    id: props.id,
    className: props.className,
    tabindex: props.tabindex,
  });
  select.label = props.label;
  for (const choice of choices) {
    // The value as an attribute too, so `vscode-option[value="…"]` finds a choice.
    const option = el('vscode-option', { text: choice.text, value: choice.value });
    option.selected = choice.value === current;
    select.append(option);
  }
  select.value = current;
  if (props.disabled) {
    select.disabled = true;
  }
  select.addEventListener('change', () => onChange(select.value));
  return select;
}

/** Shows `value` in a select, adding it as a choice first if it is not one. */
export function showChoice(select: VscodeSingleSelect, value: string, text = value): void {
  const options = [...select.querySelectorAll('vscode-option')];
  if (!options.some((option) => option.value === value)) {
    select.append(el('vscode-option', { text, value }));
  }
  select.value = value;
}

/** A number field; `onChange` receives its value (as a number) when the user commits an edit. */
export function numberField(
  props: { id: string; label: string; min?: number; step?: number },
  value: number,
  onChange: (value: number) => void,
): VscodeTextfield {
  const field = el('vscode-textfield', { id: props.id, type: 'number' });
  field.label = props.label;
  if (props.min !== undefined) field.min = props.min;
  if (props.step !== undefined) field.step = props.step;
  field.value = String(value);
  field.addEventListener('change', () => onChange(Number(field.value)));
  return field;
}

/** A checkbox with its visible label; `onChange` receives whether it is ticked. */
export function checkBox(
  id: string,
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
): VscodeCheckbox {
  const box = el('vscode-checkbox', { id, label });
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  return box;
}
