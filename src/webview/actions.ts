/**
 * The panel's actions, as the host offers them: open in the panel, export CSV / .npy, save parameters,
 * copy as code (with its language), replace the selection or copy the result, and the untrusted
 * workspace's notice.
 */
import { CODE_TARGETS } from '../engine/export/targets';
import type { CodeLanguage, PanelInit, WebviewMessage } from '../shared/protocol';
import { actionButton, choiceSelect } from './controls';
import { el } from './dom';
import { t } from './l10n';

export function actionButtons(init: PanelInit, post: (message: WebviewMessage) => void): HTMLElement[] {
  const button = (id: string, text: string, onClick: () => void) => actionButton(id, text, onClick);
  let language: string = CODE_TARGETS[0].target;
  const languages = choiceSelect(
    { id: 'code-language', label: t('codeLanguage') },
    CODE_TARGETS.map(({ target, title }) => ({ value: target, text: title })),
    language,
    (value) => (language = value),
  );
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
            post({ type: 'copyCode', language: language as CodeLanguage }),
          ),
          languages,
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
