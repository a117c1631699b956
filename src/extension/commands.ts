/** The four commands: each gathers its input, loads it with cancellable progress and opens a panel. */
import * as vscode from 'vscode';
import { datasetFromArray, type Dataset } from '../engine/report/dataset';
import { createScaler, SCALING_METHODS } from '../engine/scale/registry';
import type { ScalingMethod } from '../engine/scale/scaler';
import { parseArrayLiteral, type LiteralStyle } from '../io/literal';
import { dataFileNotes, selectColumns, type DataFile } from '../io/node/data-files';
import type { DialectOverrides } from '../io/csv/dialect';
import { fileParts } from '../io/node/format-files';
import { extensionsOf, FORMATS, formatOrCsv } from '../io/formats/registry';
import { showImageStatistics } from './image-statistics';
import { withCancellableProgress } from './progress';
import { loadCsvPrefix, loadDataFile, panelInit, type PanelSettings } from './load';
import { NormalizationPanel } from './panel';
import type { PanelSource } from './panel-source';
import { DUCKDB_FIT_ABOVE_BYTES, fitWithDuckDb, offerDuckDbFit } from './duckdb-fit';

const DATA_FILTERS = {
  [vscode.l10n.t('Data files')]: extensionsOf(['table', 'array']),
  [vscode.l10n.t('Images')]: [...FORMATS.image.extensions],
};

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

/** A reader's notes (nested columns skipped, dates read as text) as the panel's note. */
const noteOf = (notes: string[]) =>
  notes.length > 0 ? notes.map((n) => `${n[0].toUpperCase()}${n.slice(1)}.`).join(' ') : undefined;

/**
 * The sheet of a workbook or the array of an .npz to read, asked when there are several; undefined when
 * the pick is dismissed.
 */
async function choosePart(uri: vscode.Uri): Promise<{ sheet?: string; array?: string } | undefined> {
  const parts = await fileParts(uri.fsPath);
  if (!parts || parts.names.length < 2) return {};
  const picked = await vscode.window.showQuickPick(parts.names, {
    title: `${parts.flag === 'sheet' ? 'Sheet' : 'Array'} of ${vscode.workspace.asRelativePath(uri)} to read`,
  });
  return picked === undefined ? undefined : { [parts.flag]: picked };
}

/** Loads a file with a cancellable progress notification; undefined when cancelled. */
async function loadWithProgress(uri: vscode.Uri, dialect?: DialectOverrides) {
  const part = await choosePart(uri);
  if (!part) return undefined;
  return withCancellableProgress(
    `NormScope: reading ${vscode.workspace.asRelativePath(uri)}`,
    (signal, report) =>
      loadDataFile(
        uri.fsPath,
        {
          dialect,
          signal,
          onProgress: (read, total) => {
            const percent = total > 0 ? (100 * read) / total : 100;
            report(percent, `${Math.round(percent)}%`);
          },
        },
        part,
      ),
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
  const isFolder = (await vscode.workspace.fs.stat(target)).type === vscode.FileType.Directory;
  if (isFolder || formatOrCsv(target.fsPath).id === 'image') {
    if (statisticsOnly) return showImageStatistics(target);
    void vscode.window.showInformationMessage(
      'NormScope: images give per-channel statistics (Show Statistics); normalizing reads tables and arrays.',
    );
    return;
  }
  const initFor = (dataset: Dataset, note?: string, file?: DataFile) =>
    panelInit(dataset, {
      source: 'file',
      settings: settings(),
      statisticsOnly,
      trusted: vscode.workspace.isTrusted,
      note,
      file,
    });
  let panel: NormalizationPanel | undefined;
  if (
    formatOrCsv(target.fsPath).id === 'csv' &&
    (await vscode.workspace.fs.stat(target)).size > PREFIX_ABOVE_BYTES
  ) {
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
  // the "Read as" controls read the file again with what they fix; a cancelled re-read keeps the view
  const sourceFrom = (loaded: { dataset: Dataset; file: DataFile }): PanelSource => ({
    kind: 'file',
    ...loaded,
    init: initFor(loaded.dataset, noteOf(dataFileNotes(loaded.file)), loaded.file),
    reread: async (dialect) => sourceFrom((await loadWithProgress(target, dialect)) ?? loaded),
  });
  const loaded = await loadWithProgress(target);
  if (!loaded) return;
  const source = sourceFrom(loaded);
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

/** The method fitted on the training file, and the outlier view's min-max and robust scalers fitted there too. */
async function fitInMemory(train: vscode.Uri, method: ScalingMethod) {
  const trainData = await loadWithProgress(train);
  if (!trainData) return undefined;
  const selection = selectColumns(trainData.file);
  const fit = (m: ScalingMethod) => createScaler(m).fit(selection.matrix);
  return {
    scaler: fit(method),
    columns: selection.names,
    outlierReference: { minmax: fit('minmax').toJSON(), robust: fit('robust').toJSON() },
  };
}

async function fitByDuckDb(train: vscode.Uri, method: ScalingMethod) {
  const fitted = await fitWithDuckDb(train, method);
  const minmax = fitted && (await fitWithDuckDb(train, 'minmax'));
  const robust = minmax && (await fitWithDuckDb(train, 'robust'));
  if (!fitted || !minmax || !robust) return undefined;
  return { ...fitted, outlierReference: { minmax: minmax.scaler.toJSON(), robust: robust.scaler.toJSON() } };
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
  const trainBytes = (await vscode.workspace.fs.stat(train)).size;
  const byDuckDb =
    ['csv', 'parquet', 'jsonl'].includes(formatOrCsv(train.fsPath).id) &&
    trainBytes > DUCKDB_FIT_ABOVE_BYTES && (await offerDuckDbFit(train, trainBytes));
  const fitted = byDuckDb ? await fitByDuckDb(train, method.method) : await fitInMemory(train, method.method);
  if (!fitted) return;
  const testData = await loadWithProgress(test);
  if (!testData) return;
  const { scaler, columns, outlierReference } = fitted;
  const note = `${LEAKAGE_NOTE} Fitted on ${vscode.workspace.asRelativePath(train)}.`;
  const init = panelInit(testData.dataset, {
    source: 'fit-apply',
    settings: settings(),
    statisticsOnly: false,
    note,
    trusted: vscode.workspace.isTrusted,
    prefitted: scaler.toJSON(),
    columns,
    outlierReference,
  });
  NormalizationPanel.open(extensionUri, {
    kind: 'file',
    dataset: testData.dataset,
    file: testData.file,
    init,
  });
}
