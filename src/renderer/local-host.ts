/**
 * The panel's host, inside a notebook output: the same messages as the extension's PanelController, but
 * computed right here by the engine (no kernel or extension round trip). Actions that need the
 * extension (copy, open in the panel) go over renderer messaging when the extension is present.
 */
import { adviceLanguage } from '../engine/advise/messages';
import { fittedCode } from '../engine/report/plan-code';
import { computeReport, type Report } from '../engine/report/report';
import type { DecodedOutput } from '../shared/notebook-payload';
import type { HostMessage, PanelInit, RendererMessage, WebviewMessage } from '../shared/protocol';
import { datasetDescription, METHOD_CHOICES, viewPayload } from '../shared/view-payload';
import type { Transport } from '../webview/transport';

export interface Messaging {
  postMessage?(message: RendererMessage): void;
}

export class LocalHost {
  private handler: ((message: HostMessage) => void) | undefined;
  private report: Report | undefined;
  readonly init: PanelInit;

  constructor(
    private readonly output: DecodedOutput,
    private readonly messaging: Messaging,
  ) {
    const { dataset } = output;
    const canMessage = typeof messaging.postMessage === 'function';
    // The notebook's page speaks VS Code's display language.
    const language = adviceLanguage(globalThis.navigator?.language);
    this.init = {
      title: dataset.title,
      source: 'selection',
      dataset: datasetDescription(dataset),
      methods: METHOD_CHOICES,
      initialRequest: output.request.kind === 'table' ? { ...output.request, language } : output.request,
      statisticsOnly: false,
      note: output.note,
      canReplaceSelection: false,
      trusted: true,
      previewSize: 64,
      language,
      actions: { export: false, saveParameters: false, copyCode: canMessage, openInPanel: canMessage },
    };
  }

  readonly transport: Transport = {
    post: (message: WebviewMessage) => queueMicrotask(() => this.handle(message)),
    onMessage: (handler) => {
      this.handler = handler;
    },
  };

  /** The latest report (for tests). */
  get current(): Report | undefined {
    return this.report;
  }

  private send(message: HostMessage): void {
    this.handler?.(message);
  }

  handle(message: WebviewMessage): void {
    try {
      switch (message.type) {
        case 'ready':
          this.send({ type: 'init', init: this.init });
          return;
        case 'compute':
          this.report = computeReport(this.output.dataset, message.request);
          this.send({
            type: 'view',
            requestId: message.requestId,
            view: viewPayload(this.report, this.init.previewSize),
          });
          return;
        case 'copyCode': {
          if (!this.report)
            throw new Error('Choose a scaling method first: there are no fitted parameters to copy.');
          this.relay({
            type: 'copyText',
            text: fittedCode(this.report, message.language),
            what: `the fitted transform as ${message.language} code`,
          });
          return;
        }
        case 'copyText':
          this.relay({ type: 'copyText', text: message.text, what: message.what });
          return;
        case 'openInPanel':
          this.relay({ type: 'openInPanel', payload: this.output.payload });
          return;
        case 'export':
        case 'saveParameters':
        case 'replaceSelection':
        case 'copyResult':
          throw new Error('Not available in a notebook output: open it in the NormScope panel.');
        default: {
          const unknown: never = message;
          throw new Error(`unknown message ${JSON.stringify(unknown)}`);
        }
      }
    } catch (error) {
      this.send({
        type: 'error',
        requestId: message.type === 'compute' ? message.requestId : undefined,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private relay(message: RendererMessage): void {
    if (!this.messaging.postMessage)
      throw new Error('Install the NormScope extension to copy or open outputs.');
    this.messaging.postMessage(message);
    this.send({
      type: 'notice',
      message: message.type === 'openInPanel' ? 'Opening in the NormScope panel…' : `Copied ${message.what}.`,
    });
  }
}
