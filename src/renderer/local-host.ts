/**
 * The panel's host, inside a notebook output: the same messages as the extension's PanelController, but
 * computed right here by the engine (no kernel or extension round trip). Actions that need the
 * extension (copy, open in the panel) go over renderer messaging when the extension is present.
 */
import { adviceLanguage } from '../engine/advise/messages';
import type { Report } from '../engine/report/report';
import type { DecodedOutput } from '../shared/notebook-payload';
import type { HostMessage, PanelInit, RendererMessage, WebviewMessage } from '../shared/protocol';
import { datasetDescription, METHOD_CHOICES } from '../shared/view-payload';
import { ViewHost } from '../shared/view-host';
import type { Transport } from '../webview/transport';

export interface Messaging {
  postMessage?(message: RendererMessage): void;
}

export class LocalHost {
  private handler: ((message: HostMessage) => void) | undefined;
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
    post: (message: WebviewMessage) => queueMicrotask(() => void this.handle(message)),
    onMessage: (handler) => {
      this.handler = handler;
    },
  };

  /** The latest report (for tests). */
  get current(): Report | undefined {
    return this.host.current;
  }

  private send(message: HostMessage): void {
    this.handler?.(message);
  }

  private readonly host = new ViewHost({
    post: (message) => this.send(message),
    source: () => ({ dataset: this.output.dataset, init: this.init }),
    copy: (text, what) => this.relay({ type: 'copyText', text, what }),
    openInPanel: () => this.relay({ type: 'openInPanel', payload: this.output.payload }),
    unavailable: 'Not available in a notebook output: open it in the NormScope panel.',
  });

  handle(message: WebviewMessage): Promise<void> {
    return this.host.handle(message);
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
