/** The four commands: each gathers its input, loads it with cancellable progress and opens a panel. */
import * as vscode from 'vscode';
import { datasetFromArray, type Dataset } from '../engine/report/dataset';
import { createScaler, SCALING_METHODS } from '../engine/scale/registry';
import type { ScalingMethod } from '../engine/scale/scaler';
import { parseArrayLiteral, type LiteralStyle } from '../io/literal';
import { isNpy, selectColumns } from '../io/node/data-files';
import { loadCsvPrefix, loadDataFile, panelInit, type PanelSettings } from './load';
import { NormalizationPanel } from './panel';

const DATA_FILTERS = { [vscode.l10n.t('Data files')]: ['csv', 'tsv', 'npy'] };

export const LEAKAGE_NOTE =
  'Parameters were fitted on the training file only and applied to this file. Fitting on the test set would leak its statistics into the model.';

export function settings(): PanelSettings {
  const config = vscode.workspace.getConfiguration('normscope');
  return {
    defaultMethod: config.get<ScalingMethod>('defaultMethod', 'zscore'),
    bins: config.get<number>('histogramBins', 30),
    previewSize: config.get<number>('previewSize', 256),
    displayLanguage: vscode.env.language,
  };
}

/** The literal style a replacement is written in: the selection's own, unless the setting says otherwise. */
function replacementStyle(selected: LiteralStyle): LiteralStyle {
  const setting = vscode.workspace
    .getConfiguration('normscope')
    .get<'same' | LiteralStyle>('literalStyle', 'same');
  return setting === 'same' ? selected : setting;
}

async function pickFile(title: string, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: DATA_FILTERS });
  return picked?.[0];
}

/** Loads a file with a cancellable progress notification; undefined when cancelled. */
async function loadWithProgress(uri: vscode.Uri) {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `NormScope: reading ${vscode.workspace.asRelativePath(uri)}`,
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        return await loadDataFile(uri.fsPath, {
          signal: controller.signal,
          onProgress: (read, total) => {
            const percent = total > 0 ? (100 * read) / total : 100;
            progress.report({ increment: percent - reported, message: `${Math.round(percent)}%` });
            reported = percent;
          },
        });
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        throw error;
      }
    },
  );
}

export function showError(error: unknown): void {
  void vscode.window.showErrorMessage(`NormScope: ${error instanceof Error ? error.message : String(error)}`);
}

export async function normalizeFile(
  extensionUri: vscode.Uri,
  uri: vscode.Uri | undefined,
  statisticsOnly: boolean,
): Promise<void> {
  const target = await pickFile(
    statisticsOnly ? vscode.l10n.t('Show statistics of…') : vscode.l10n.t('Normalize…'),
    uri instanceof vscode.Uri ? uri : undefined,
  );
  if (!target) return;
  const initFor = (dataset: Dataset, note?: string) =>
    panelInit(dataset, {
      source: 'file',
      settings: settings(),
      statisticsOnly,
      trusted: vscode.workspace.isTrusted,
      note,
    });
  let panel: NormalizationPanel | undefined;
  if (!isNpy(target.fsPath) && (await vscode.workspace.fs.stat(target)).size > PREFIX_ABOVE_BYTES) {
    // A large CSV: the first chart comes from its first records while the whole file loads.
    const prefix = await loadCsvPrefix(target.fsPath, PREFIX_BYTES);
    const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
    const init = initFor(
      prefix.dataset,
      `The first ${prefix.dataset.kind === 'table' ? prefix.dataset.rowCount : 0} rows (${megabytes(prefix.bytesRead)} of ${megabytes(prefix.totalBytes)}) while the whole file loads; export and code follow with all rows.`,
    );
    init.actions = { export: false, saveParameters: false, copyCode: false, openInPanel: false };
    panel = NormalizationPanel.open(extensionUri, {
      kind: 'file',
      dataset: prefix.dataset,
      file: prefix.file,
      init,
    });
    // Let the first chart through before the whole file takes the extension host's time (however long
    // the page takes to load: a timeout here let a slow page skip its first chart), unless the panel
    // is closed or out of sight first.
    await Promise.race([panel.controller.firstView, panel.outOfSight]);
  }
  const loaded = await loadWithProgress(target);
  if (!loaded) return;
  const source = {
    kind: 'file' as const,
    dataset: loaded.dataset,
    file: loaded.file,
    init: initFor(loaded.dataset),
  };
  if (panel && !panel.disposed) await panel.controller.refine(source);
  else if (!panel) NormalizationPanel.open(extensionUri, source);
}

/** CSVs above this size open on their first PREFIX_BYTES first (the first chart in well under a second). */
const PREFIX_ABOVE_BYTES = 16e6;
const PREFIX_BYTES = 4e6;

export function normalizeSelection(extensionUri: vscode.Uri): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('NormScope: select an array literal (JSON, Python list, NumPy or PyTorch repr) first.'),
    );
    return;
  }
  const document = editor.document;
  const where = vscode.workspace.asRelativePath(document.uri);
  const start = editor.selection.start;
  let literal;
  try {
    literal = parseArrayLiteral(document.getText(editor.selection), where);
  } catch (error) {
    // Positions in the message are within the selection; say where that starts in the file.
    showError(
      new Error(
        `${error instanceof Error ? error.message : String(error)} (selection starts at ${start.line + 1}:${start.character + 1})`,
      ),
    );
    return;
  }
  const dataset = datasetFromArray(`selection in ${where}`, literal.data, literal.shape);
  const init = panelInit(dataset, {
    source: 'selection',
    settings: settings(),
    statisticsOnly: false,
    trusted: vscode.workspace.isTrusted,
  });
  NormalizationPanel.open(
    extensionUri,
    { kind: 'selection', dataset, style: replacementStyle(literal.style), shape: literal.shape, init },
    { uri: document.uri, selection: editor.selection },
  );
}

export async function fitAndApply(extensionUri: vscode.Uri): Promise<void> {
  const train = await pickFile(vscode.l10n.t('Fit on (training file)…'));
  if (!train) return;
  const method = await vscode.window.showQuickPick(
    SCALING_METHODS.filter((m) => m.acts !== 'per-sample').map((m) => ({
      label: m.title,
      description: m.method,
      method: m.method,
    })),
    { title: vscode.l10n.t('Method to fit on the training file') },
  );
  if (!method) return;
  const test = await pickFile(vscode.l10n.t('Apply to (test file)…'));
  if (!test) return;
  const trainData = await loadWithProgress(train);
  if (!trainData) return;
  const testData = await loadWithProgress(test);
  if (!testData) return;
  const fitSelection = selectColumns(trainData.file);
  const scaler = createScaler(method.method).fit(fitSelection.matrix);
  const note = `${LEAKAGE_NOTE} Fitted on ${vscode.workspace.asRelativePath(train)}.`;
  const init = panelInit(testData.dataset, {
    source: 'fit-apply',
    settings: settings(),
    statisticsOnly: false,
    note,
    trusted: vscode.workspace.isTrusted,
    prefitted: scaler.toJSON(),
    columns: fitSelection.names,
    outlierReference: {
      minmax: createScaler('minmax').fit(fitSelection.matrix).toJSON(),
      robust: createScaler('robust').fit(fitSelection.matrix).toJSON(),
    },
  });
  NormalizationPanel.open(extensionUri, {
    kind: 'file',
    dataset: testData.dataset,
    file: testData.file,
    init,
  });
}
