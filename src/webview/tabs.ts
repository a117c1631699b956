/**
 * Tabs as @vscode-elements/elements' vscode-tabs (arrow keys move between the headers, Enter or a click
 * shows a tab). The element numbers its headers' and panels' ids itself, so each header carries its
 * key in `data-tab` for code and tests to find it.
 */
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import { el } from './dom';

export interface Tab {
  key: string;
  title: string;
  content: HTMLElement;
}

/** The tabs, the first one shown. */
export function tabs(list: readonly Tab[]): HTMLElement {
  return el(
    'vscode-tabs',
    {},
    ...list.map((tab) => el('vscode-tab-header', { 'data-tab': tab.key, text: tab.title })),
    ...list.map((tab) => el('vscode-tab-panel', { 'data-tab': tab.key }, tab.content)),
  );
}
