/**
 * The webview's only link to the host: acquireVsCodeApi is called once, here, behind an interface the
 * browser tests replace with a fake host.
 */
import type { HostMessage, WebviewMessage } from '../shared/protocol';

export interface Transport {
  post(message: WebviewMessage): void;
  onMessage(handler: (message: HostMessage) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeTransport(): Transport {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent<HostMessage>) => handler(event.data)),
  };
}
