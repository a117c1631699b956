/** Long reads behind a cancellable progress notification: cancelling aborts the read, which gives undefined. */
import * as vscode from 'vscode';

export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (percent: number, message: string) => void) => Promise<T>,
): Promise<T | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      const report = (percent: number, message: string) => {
        progress.report({ increment: percent - reported, message });
        reported = percent;
      };
      try {
        return await work(controller.signal, report);
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        throw error;
      }
    },
  );
}
