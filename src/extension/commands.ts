/** The four commands: each gathers its input, loads it with cancellable progress and opens a panel. */
import * as vscode from 'vscode';
import { datasetFromArray, type Dataset } from '../engine/report/dataset';
import { createScaler, SCALING_METHODS } from '../engine/scale/registry';
import type { ScalingMethod } from '../engine/scale/scaler';
import { parseArrayLiteral, type LiteralStyle } from '../io/literal';
import type { ByteSource } from '../io/byte-source';
import { dataFileNotes, selectColumns, type DataFile } from '../io/data-file';
import type { DialectOverrides } from '../io/csv/dialect';
import { DUCKDB_FORMATS, extensionsOf, FORMATS, formatOrCsv } from '../io/formats/registry';
import { nameOf } from './files/file-names';
import { DUCKDB_FIT_ABOVE_BYTES, type Host, type OutOfCoreFit } from './host';
import { withCancellableProgress } from './progress';
import { loadCsvPrefix, panelInit, type PanelSettings } from './load';
import { NormalizationPanel } from './panel';
import type { PanelSource } from './panel-source';

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
async function choosePart(
  host: Host,
  uri: vscode.Uri,
  source: ByteSource,
): Promise<{ sheet?: string; array?: string } | undefined> {
  const parts = await host.data.parts(uri, source);
  if (!parts || parts.names.length < 2) return {};
  const picked = await vscode.window.showQuickPick(parts.names, {
    title: `${parts.flag === 'sheet' ? 'Sheet' : 'Array'} of ${vscode.workspace.asRelativePath(uri)} to read`,
  });
  return picked === undefined ? undefined : { [parts.flag]: picked };
}

/** Loads a file with a cancellable progress notification; undefined when cancelled. */
async function loadWithProgress(host: Host, uri: vscode.Uri, source: ByteSource, dialect?: DialectOverrides) {
  const part = await choosePart(host, uri, source);
  if (!part) return undefined;
  return withCancellableProgress(
    `NormScope: reading ${vscode.workspace.asRelativePath(uri)}`,
    (signal, report) =>
      host.data.read(
        uri,
        source,
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
  host: Host,
  uri: vscode.Uri | undefined,
  statisticsOnly: boolean,
): Promise<void> {
  const target = await pickFile(
    statisticsOnly ? vscode.l10n.t('Show statistics of…') : vscode.l10n.t('Normalize…'),
    uri instanceof vscode.Uri ? uri : undefined,
  );
  if (!target) return;
  const isFolder = (await vscode.workspace.fs.stat(target)).type === vscode.FileType.Directory;
  if (isFolder || formatOrCsv(target.path).id === 'image') {
    if (statisticsOnly) return host.imageStatistics(target, host.extensionUri);
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
  // One source for the first look and the whole read: on workspace.fs the file is fetched once.
  const source = host.files.source(nameOf(target));
  if (
    formatOrCsv(target.path).id === 'csv' &&
    (await vscode.workspace.fs.stat(target)).size > PREFIX_ABOVE_BYTES
  ) {
    // A large CSV: the first chart comes from its first records while the whole file loads.
    const prefix = await loadCsvPrefix(source, PREFIX_BYTES);
    const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
    const init = initFor(
      prefix.dataset,
      `The first ${prefix.dataset.kind === 'table' ? prefix.dataset.rowCount : 0} rows (${megabytes(prefix.bytesRead)} of ${megabytes(prefix.totalBytes)}) while the whole file loads; export and code follow with all rows.`,
    );
    init.actions = { export: false, saveParameters: false, copyCode: false, openInPanel: false };
    panel = NormalizationPanel.open(host, {
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
    reread: async (dialect) => sourceFrom((await loadWithProgress(host, target, source, dialect)) ?? loaded),
  });
  const loaded = await loadWithProgress(host, target, source);
  if (!loaded) return;
  const whole = sourceFrom(loaded);
  if (panel && !panel.disposed) await panel.controller.refine(whole);
  else if (!panel) NormalizationPanel.open(host, whole);
}

/** CSVs above this size open on their first PREFIX_BYTES first (the first chart in well under a second). */
const PREFIX_ABOVE_BYTES = 16e6;
const PREFIX_BYTES = 4e6;

export function normalizeSelection(host: Host): void {
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
    host,
    { kind: 'selection', dataset, style: replacementStyle(literal.style), shape: literal.shape, init },
    { uri: document.uri, selection: editor.selection },
  );
}

/** The method fitted on the training file, and the outlier view's min-max and robust scalers fitted there too. */
async function fitInMemory(host: Host, train: vscode.Uri, method: ScalingMethod) {
  const trainData = await loadWithProgress(host, train, host.files.source(nameOf(train)));
  if (!trainData) return undefined;
  const selection = selectColumns(trainData.file);
  const fit = (m: ScalingMethod) => createScaler(m).fit(selection.matrix);
  return {
    scaler: fit(method),
    columns: selection.names,
    outlierReference: { minmax: fit('minmax').toJSON(), robust: fit('robust').toJSON() },
  };
}

/** As fitInMemory, each fit a DuckDB query over the whole file (the chosen method's fit is not run twice). */
async function fitByDuckDb(duckDb: OutOfCoreFit, train: vscode.Uri, method: ScalingMethod) {
  const fitted = await duckDb.fit(train, method);
  const reference = (m: ScalingMethod) => (m === method ? fitted : duckDb.fit(train, m));
  const minmax = fitted && (await reference('minmax'));
  const robust = minmax && (await reference('robust'));
  if (!fitted || !minmax || !robust) return undefined;
  return { ...fitted, outlierReference: { minmax: minmax.scaler.toJSON(), robust: robust.scaler.toJSON() } };
}

/** Whether to fit a large training file out of core (DuckDB, on hosts that have it), asking the user. */
async function fitOutOfCore(host: Host, train: vscode.Uri): Promise<boolean> {
  if (!DUCKDB_FORMATS.includes(formatOrCsv(train.path).id)) return false;
  const bytes = (await vscode.workspace.fs.stat(train)).size;
  if (bytes <= DUCKDB_FIT_ABOVE_BYTES) return false;
  if (host.duckDb) return host.duckDb.offer(train, bytes);
  void vscode.window.showInformationMessage(
    `NormScope: Fit with DuckDB runs in desktop VS Code only; loading ${vscode.workspace.asRelativePath(train)} (${(bytes / 1e6).toFixed(0)} MB) into memory.`,
  );
  return false;
}

export async function fitAndApply(host: Host): Promise<void> {
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
  const byDuckDb = await fitOutOfCore(host, train);
  const fitted =
    byDuckDb && host.duckDb
      ? await fitByDuckDb(host.duckDb, train, method.method)
      : await fitInMemory(host, train, method.method);
  if (!fitted) return;
  const testData = await loadWithProgress(host, test, host.files.source(nameOf(test)));
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
  NormalizationPanel.open(host, {
    kind: 'file',
    dataset: testData.dataset,
    file: testData.file,
    init,
  });
}
