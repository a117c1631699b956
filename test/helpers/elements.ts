/**
 * Driving the panel's @vscode-elements/elements controls from Playwright as a user does: a single
 * select is opened with a click and a choice clicked in its (open shadow root) list; a select's value
 * and a checkbox's state are read from the element.
 */
import type { Locator } from 'playwright-core';

/** A select as the page holds it (these helpers compile without the DOM library). */
interface SelectNode {
  querySelectorAll(selector: 'vscode-option'): ArrayLike<{ value: string; textContent: string | null }>;
}

/** Opens `select` (a vscode-single-select) and clicks the choice whose value is `value`. */
export async function pickChoice(select: Locator, value: string): Promise<void> {
  const index = await select.evaluate(
    // Inline, not a helper: the function runs in the page.
    (node, wanted) =>
      Array.from((node as unknown as SelectNode).querySelectorAll('vscode-option')).findIndex(
        (o) => o.value === wanted,
      ),
    value,
  );
  if (index < 0) throw new Error(`the select has no choice ${value}`);
  await select.click();
  await select.locator(`li.option[data-index="${index}"]`).click();
}

/** The value a vscode-single-select or vscode-textfield shows. */
export function choiceValue(select: Locator): Promise<string> {
  return select.evaluate((node) => (node as unknown as { value: string }).value);
}

/** The label of each choice of a vscode-single-select, by value. */
export function choiceLabels(select: Locator): Promise<Record<string, string>> {
  return select.evaluate((node) =>
    Object.fromEntries(
      Array.from((node as unknown as SelectNode).querySelectorAll('vscode-option')).map((o) => [
        o.value,
        o.textContent ?? '',
      ]),
    ),
  );
}

/** Whether a vscode-checkbox is ticked. */
export function isTicked(box: Locator): Promise<boolean> {
  return box.evaluate((node) => (node as unknown as { checked: boolean }).checked);
}

/** Types `text` into a vscode-textfield and commits it (the change a user's Enter or Tab makes). */
export async function fillField(field: Locator, text: string): Promise<void> {
  const input = field.locator('input');
  await input.fill(text);
  await input.dispatchEvent('change');
}

/** The accessible name a vscode-single-select gives its combobox face (its `label`). */
export function choiceName(select: Locator): Promise<string | null> {
  return select.evaluate(
    (node) =>
      (
        node as unknown as {
          shadowRoot: { querySelector(s: string): { getAttribute(a: string): string | null } | null };
        }
      ).shadowRoot
        .querySelector('[role="combobox"]')
        ?.getAttribute('aria-label') ?? null,
  );
}
