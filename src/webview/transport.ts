/**
 * The webviews' only link to the host: acquireVsCodeApi is called once per webview, here, behind an
 * interface the browser tests replace with a fake host (the page's `normscopeTestTransport`). The panel
 * and the explainer each speak their own messages through it.
 */
import type { HostMessage, WebviewMessage } from '../shared/protocol';

export interface Transport<In = HostMessage, Out = WebviewMessage> {
  post(message: Out): void;
  onMessage(handler: (message: In) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

declare global {
  interface Window {
    /** A test page's fake host; untyped here since each webview speaks its own messages. */
    normscopeTestTransport?: Transport<never, never>;
  }
}

export function vscodeTransport<In = HostMessage, Out = WebviewMessage>(): Transport<In, Out> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent<In>) => handler(event.data)),
  };
}

/** The test page's transport when it supplies one, else VS Code's. */
export function pageTransport<In, Out>(): Transport<In, Out> {
  return (window.normscopeTestTransport as Transport<In, Out> | undefined) ?? vscodeTransport<In, Out>();
}
