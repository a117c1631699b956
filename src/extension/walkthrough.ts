/**
 * The walkthrough's "open a sample" command: copies a sample shipped with the extension into the
 * extension's storage (so running or editing it never writes into the installed extension) and opens
 * it: the CSV in the NormScope panel, the model file in an editor (its norm layers get hovers), the
 * notebook in the notebook editor.
 */
import * as vscode from 'vscode';
import { normalizeFile } from './commands';
import type { Host } from './host';

/** The samples the walkthrough opens, by file name. */
export const WALKTHROUGH_SAMPLES = ['housing.csv', 'model.py', 'normalization.ipynb'] as const;
type SampleName = (typeof WALKTHROUGH_SAMPLES)[number];

export async function openSample(context: vscode.ExtensionContext, host: Host, name: unknown): Promise<void> {
  if (!WALKTHROUGH_SAMPLES.includes(name as SampleName))
    throw new Error(
      vscode.l10n.t(
        "normscope.openSample: '{0}' is not one of the samples ({1}).",
        String(name),
        WALKTHROUGH_SAMPLES.join(', '),
      ),
    );
  const source = vscode.Uri.joinPath(context.extensionUri, 'samples', name as string);
  const folder = vscode.Uri.joinPath(context.globalStorageUri, 'samples');
  const target = vscode.Uri.joinPath(folder, name as string);
  await vscode.workspace.fs.createDirectory(folder);
  try {
    await vscode.workspace.fs.stat(target); // a copy the user may have changed is kept
  } catch {
    await vscode.workspace.fs.copy(source, target);
  }
  const sample = name as SampleName;
  switch (sample) {
    case 'housing.csv':
      await normalizeFile(host, target, false);
      return;
    case 'model.py':
      await vscode.window.showTextDocument(target);
      return;
    case 'normalization.ipynb':
      await vscode.commands.executeCommand('vscode.openWith', target, 'jupyter-notebook');
      return;
  }
}
