/**
 * The shape of VS Code's `l10n.t` for host code that runs without `vscode` (the panel's controller, the
 * one view host shared with the notebook renderer): the extension passes `vscode.l10n`, whose bundle
 * (l10n/bundle.l10n.*.json) holds each message's translation; elsewhere and in tests `ENGLISH_L10N`
 * fills the message as written. Messages are literal strings at the call (`l10n.t('Copied {0}.', what)`),
 * so test/unit/extension/l10n-bundle.test.ts finds every one.
 */
export interface L10n {
  t(message: string, ...args: (string | number | boolean)[]): string;
}

/** The message as written, its `{0}`, `{1}` … replaced by the arguments (as vscode.l10n.t does). */
export const ENGLISH_L10N: L10n = {
  t: (message, ...args) =>
    message.replace(/\{(\d+)\}/g, (whole, index: string) =>
      Number(index) < args.length ? String(args[Number(index)]) : whole,
    ),
};
