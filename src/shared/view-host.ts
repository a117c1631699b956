/**
 * The one answer to every view message, shared by the panel's host (PanelController, in the extension)
 * and a notebook output's host (LocalHost, in the renderer): an exhaustive switch that computes reports
 * and fitted code the same way for both, and hands the actions to what each host can do. An action a
 * host cannot do is refused with that host's reason, as an error the view shows in place.
 */
import type { Dataset } from '../engine/report/dataset';
import { fittedCode } from '../engine/report/plan-code';
import { computeReport, type Report } from '../engine/report/report';
import { ENGLISH_L10N, type L10n } from './l10n';
import type { HostMessage, PanelInit, ReadAsOverrides, WebviewMessage } from './protocol';
import { viewPayload } from './view-payload';

/** What a host does with the actions it offers (a missing one is refused with `unavailable`). */
export interface ViewHostActions {
  post(message: HostMessage): void | Promise<unknown>;
  /** The data and the init the view is shown (read on every message: a host may swap them). */
  source(): { dataset: Dataset; init: PanelInit };
  /** Copies text and says so (what: 'the fitted … as … code'). */
  copy(text: string, what: string): Promise<void> | void;
  exportData?: (format: 'csv' | 'npy') => Promise<void>;
  saveParameters?: () => Promise<void>;
  replaceSelection?: () => Promise<void>;
  copyResult?: () => Promise<void>;
  openInPanel?: () => Promise<void> | void;
  /** Reads the file again with what the "Read as …" controls fix. */
  readAs?: (overrides: ReadAsOverrides) => Promise<void>;
  /** After the view's `ready` and after each view is posted. */
  onReady?(): void;
  onView?(): void;
  /** Why a missing action is not available here. */
  unavailable: string;
  /** The host's words (vscode.l10n in the extension; English where the host has no bundle). */
  l10n?: L10n;
}

export class ViewHost {
  private report: Report | undefined;

  private readonly l10n: L10n;

  constructor(private readonly actions: ViewHostActions) {
    this.l10n = actions.l10n ?? ENGLISH_L10N;
  }

  /** The latest computed report (the last successful `compute`). */
  get current(): Report | undefined {
    return this.report;
  }

  /** Forgets the report (the data changed under it). */
  reset(): void {
    this.report = undefined;
  }

  requireReport(): Report {
    if (!this.report) throw new Error(this.l10n.t('Nothing has been computed yet.'));
    return this.report;
  }

  async handle(message: WebviewMessage): Promise<void> {
    const a = this.actions;
    const offered = <T>(action: T | undefined): T => {
      if (action === undefined) throw new Error(a.unavailable);
      return action;
    };
    try {
      switch (message.type) {
        case 'ready':
          a.onReady?.();
          await a.post({ type: 'init', init: a.source().init });
          return;
        case 'compute': {
          const { dataset, init } = a.source();
          const report = computeReport(dataset, message.request);
          this.report = report;
          await a.post({
            type: 'view',
            requestId: message.requestId,
            view: viewPayload(report, init.previewSize),
          });
          a.onView?.();
          return;
        }
        case 'copyCode': {
          const l10n = this.l10n;
          if (!this.report)
            throw new Error(l10n.t('Choose a scaling method first: there are no fitted parameters to copy.'));
          const report = this.report;
          const what = report.fittedPlan
            ? l10n.t('the fitted per-column plan as {0} code', message.language)
            : l10n.t(
                'the fitted {0} transform as {1} code',
                String(report.fitted?.scaler.method),
                message.language,
              );
          await a.copy(fittedCode(report, message.language), what);
          return;
        }
        case 'copyText':
          await a.copy(message.text, message.what);
          return;
        case 'export':
          await offered(a.exportData)(message.format);
          return;
        case 'saveParameters':
          await offered(a.saveParameters)();
          return;
        case 'replaceSelection':
          await offered(a.replaceSelection)();
          return;
        case 'copyResult':
          await offered(a.copyResult)();
          return;
        case 'openInPanel':
          await offered(a.openInPanel)();
          return;
        case 'readAs':
          await offered(a.readAs)(message.overrides);
          return;
        default: {
          const unknown: never = message;
          throw new Error(`unknown message ${JSON.stringify(unknown)}`);
        }
      }
    } catch (error) {
      await a.post({
        type: 'error',
        requestId: message.type === 'compute' ? message.requestId : undefined,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
