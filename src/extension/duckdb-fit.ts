/**
 * "Fit with DuckDB" (desktop only): a training file over DUCKDB_FIT_ABOVE_BYTES (./host.ts) can be
 * fitted by DuckDB instead of loaded into the extension host, with DuckDB's progress in the
 * notification and Cancel interrupting the query. DuckDB is imported only here, on that choice; the
 * browser entry point never reaches this file.
 */
import * as vscode from 'vscode';
import type { Scaler, ScalingMethod } from '../engine/scale/scaler';
import type { OutOfCoreFit } from './host';

/** Asks whether to fit `train` (`bytes` long) with DuckDB; true when the user chose it. */
export async function offerDuckDbFit(train: vscode.Uri, bytes: number): Promise<boolean> {
  const withDuckDb = vscode.l10n.t('Fit with DuckDB');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'NormScope: {0} is {1} MB. DuckDB can fit it without loading it into memory (same parameters); the panel then shows the test file.',
      vscode.workspace.asRelativePath(train),
      (bytes / 1e6).toFixed(0),
    ),
    withDuckDb,
    vscode.l10n.t('Load it'),
  );
  return choice === withDuckDb;
}

/** The scaler fitted by DuckDB on `train`'s numeric columns; undefined when cancelled. */
export async function fitWithDuckDb(
  train: vscode.Uri,
  method: ScalingMethod,
): Promise<{ scaler: Scaler; columns: string[] } | undefined> {
  const [{ withDuckDb }, { duckDbSource }, { duckDbFit }] = await Promise.all([
    import('../duckdb/connection'),
    import('../duckdb/source'),
    import('../duckdb/fit'),
  ]);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t(
        'NormScope: fitting {0} on {1} with DuckDB',
        method,
        vscode.workspace.asRelativePath(train),
      ),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        return await withDuckDb(async (session) => {
          let reported = 0;
          const poll = setInterval(() => {
            const percent = session.progress();
            if (percent > reported) {
              progress.report({ increment: percent - reported, message: `${Math.round(percent)}%` });
              reported = percent;
            }
          }, 250);
          try {
            return await duckDbFit(session, duckDbSource(train.fsPath), method, {}, undefined);
          } finally {
            clearInterval(poll);
          }
        }, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        throw error;
      } finally {
        cancelled.dispose();
      }
    },
  );
}

export const duckDbFit: OutOfCoreFit = { offer: offerDuckDbFit, fit: fitWithDuckDb };
