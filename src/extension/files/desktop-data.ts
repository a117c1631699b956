/**
 * The desktop's data files: `file:` paths through the Node readers of every registry format (Parquet
 * a row group at a time, workbooks through exceljs); files on other file systems from their bytes.
 */
import type * as vscode from 'vscode';
import { readDataFile } from '../../io/node/data-files';
import { fileParts } from '../../io/node/format-files';
import { dataFileDataset, loadDataFile } from '../load';
import type { HostData } from '../host';
import { webData } from './web-data';

export const desktopData: HostData = {
  parts: (uri: vscode.Uri, source) =>
    uri.scheme === 'file' ? fileParts(uri.fsPath) : webData.parts(uri, source),
  read: async (uri, source, options, part) =>
    uri.scheme === 'file'
      ? dataFileDataset(await readDataFile(uri.fsPath, { ...options, ...part }), uri.fsPath)
      : loadDataFile(source, options, part),
};
