/**
 * The panel's actions, as the host offers them: open in the panel, export CSV / .npy, save parameters,
 * copy as code (with its language), replace the selection or copy the result, and the untrusted
 * workspace's notice.
 */
import { CODE_TARGETS } from '../engine/export/targets';
import type { CodeLanguage, PanelInit, WebviewMessage } from '../shared/protocol';
import { el } from './dom';
import { t } from './l10n';

export function actionButtons(init: PanelInit, post: (message: WebviewMessage) => void): HTMLElement[] {
  const button = (id: string, text: string, onClick: () => void) => {
    const b = el('button', { id, text });
    b.addEventListener('click', onClick);
    return b;
  };
  const language = el('select', { id: 'code-language', 'aria-label': t('codeLanguage') });
  for (const { target, title } of CODE_TARGETS) language.append(el('option', { value: target, text: title }));
  const offers = init.actions;
  const actions: (HTMLElement | null)[] = [
    offers.openInPanel
      ? button('open-in-panel', t('openInPanel'), () => post({ type: 'openInPanel' }))
      : null,
    offers.export
      ? button('export-csv', t('exportCsv'), () => post({ type: 'export', format: 'csv' }))
      : null,
    offers.export
      ? button('export-npy', t('exportNpy'), () => post({ type: 'export', format: 'npy' }))
      : null,
    offers.saveParameters
      ? button('save-params', t('saveParameters'), () => post({ type: 'saveParameters' }))
      : null,
    offers.copyCode
      ? el(
          'span',
          { className: 'group' },
          button('copy-code', t('copyAsCode'), () =>
            post({ type: 'copyCode', language: language.value as CodeLanguage }),
          ),
          language,
        )
      : null,
    init.canReplaceSelection
      ? button('replace-selection', t('replaceSelection'), () => post({ type: 'replaceSelection' }))
      : null,
    init.canReplaceSelection
      ? button('copy-result', t('copyResult'), () => post({ type: 'copyResult' }))
      : null,
    init.trusted ? null : el('span', { className: 'untrusted', text: t('untrusted') }),
  ];
  return actions.filter((action): action is HTMLElement => action !== null);
}
