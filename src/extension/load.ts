/** Turning what the user chose (a file, a selection) into a Dataset and the panel's first state. */
import { datasetFromArray, type Dataset } from '../engine/report/dataset';
import { presetAxes, type ReportRequest } from '../engine/report/report';
import type { ScalerJSON, ScalingMethod } from '../engine/scale/scaler';
import type { ByteSource } from '../io/byte-source';
import { readDataSource, type DataFile } from '../io/data-file';
import { readCsvSourcePrefix, type CsvReadOptions, type ReadProgress } from '../io/csv/csv-source';
import type { CsvTable } from '../io/csv/table';
import { readAsState } from './read-as';
import type { PanelInit } from '../shared/protocol';
import type { L10n } from '../shared/l10n';
import { adviceLanguage, type AdviceLanguage } from '../engine/advise/messages';
import { datasetDescription, METHOD_CHOICES } from '../shared/view-payload';

export interface PanelSettings {
  defaultMethod: ScalingMethod;
  bins: number;
  /** At most this many rows in the statistics tables. */
  previewSize?: number;
  /** VS Code's display language (advice reasons follow it). */
  displayLanguage?: string;
}

/** The last part of a path or URI (decoded): the panel's title. */
function baseName(name: string): string {
  const last = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(name) ? decodeURIComponent(last) : last;
}

/** A table as the panel's dataset. */
function tableDataset(title: string, table: Pick<CsvTable, 'columns' | 'rowCount'>): Dataset {
  return {
    kind: 'table',
    title,
    rowCount: table.rowCount,
    columns: table.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      values: c.values,
      missing: c.missing,
    })),
  };
}

/**
 * The first `maxBytes` of a CSV as the panel's dataset: the first chart of a large file comes from it
 * while the whole file loads. `complete` when the prefix was the whole file.
 */
export async function loadCsvPrefix(
  source: ByteSource,
  maxBytes: number,
  options: CsvReadOptions = {},
): Promise<{ file: DataFile; dataset: Dataset; bytesRead: number; totalBytes: number; complete: boolean }> {
  const { table, ...extent } = await readCsvSourcePrefix(source, maxBytes, options);
  return {
    file: { kind: 'csv', file: source.name, table },
    dataset: tableDataset(baseName(source.name), table),
    ...extent,
  };
}

export async function loadDataFile(
  source: ByteSource,
  options: ReadProgress & CsvReadOptions & { language?: AdviceLanguage },
  part: { sheet?: string; array?: string } = {},
): Promise<{ file: DataFile; dataset: Dataset }> {
  return dataFileDataset(await readDataSource(source, { ...options, ...part }), source.name);
}

/** A data file read by any host as the panel's dataset, titled by the last part of `name`. */
export function dataFileDataset(file: DataFile, name: string): { file: DataFile; dataset: Dataset } {
  const title = baseName(name);
  switch (file.kind) {
    case 'npy':
    case 'npz':
      return { file, dataset: datasetFromArray(title, file.array.data, file.array.shape) };
    case 'csv':
      return { file, dataset: tableDataset(title, file.table) };
    case 'table':
      return { file, dataset: tableDataset(title, file.data.table) };
  }
}

/** The first request a panel computes: the default method on every numeric column, or BatchNorm axes. */
export function initialRequest(
  dataset: Dataset,
  settings: PanelSettings,
  statisticsOnly: boolean,
  prefitted?: ScalerJSON,
): ReportRequest {
  if (dataset.kind === 'tensor') {
    return {
      kind: 'tensor',
      preset: 'batchnorm',
      reducedAxes: presetAxes('batchnorm', dataset.tensor.shape.length),
      eps: 1e-5,
      normalize: !statisticsOnly,
      bins: settings.bins,
      groups: 1,
    };
  }
  const method = prefitted ? prefitted.method : statisticsOnly ? 'none' : settings.defaultMethod;
  return {
    kind: 'table',
    method,
    options: prefitted ? prefitted.options : {},
    bins: settings.bins,
    language: adviceLanguage(settings.displayLanguage),
    ...(prefitted ? { prefitted } : {}),
  };
}

export function panelInit(
  dataset: Dataset,
  options: {
    source: PanelInit['source'];
    settings: PanelSettings;
    statisticsOnly: boolean;
    note?: string;
    trusted: boolean;
    prefitted?: ScalerJSON;
    columns?: string[];
    /** The file shown: a CSV gets the "Read as" line. */
    file?: DataFile;
    /** Fit on train, apply to test: the outlier view's scalers, fitted on the training file. */
    outlierReference?: { minmax: ScalerJSON; robust: ScalerJSON };
    /** The words of the "Read as" line (vscode.l10n in the extension; English without it). */
    l10n?: L10n;
  },
): PanelInit {
  const request = initialRequest(dataset, options.settings, options.statisticsOnly, options.prefitted);
  if (request.kind === 'table' && options.columns) request.columns = options.columns;
  if (request.kind === 'table' && options.outlierReference)
    request.outlierReference = options.outlierReference;
  return {
    title: dataset.title,
    source: options.source,
    dataset: datasetDescription(dataset),
    methods: METHOD_CHOICES,
    initialRequest: request,
    statisticsOnly: options.statisticsOnly,
    note: options.note,
    canReplaceSelection: options.source === 'selection',
    trusted: options.trusted,
    previewSize: options.settings.previewSize ?? 256,
    language: adviceLanguage(options.settings.displayLanguage),
    actions: { export: true, saveParameters: true, copyCode: true, openInPanel: false },
    readAs:
      options.file &&
      readAsState(options.file, options.l10n, adviceLanguage(options.settings.displayLanguage)),
  };
}
