// A panel's file source as the extension's normalizeFile builds it: loaded with loadDataFile, with the
// "Read as" line, and re-read through loadDataFile with the overrides the controls send.
import { loadDataFile, panelInit } from '../../src/extension/load';
import type { PanelSource } from '../../src/extension/panel-source';
import type { DialectOverrides } from '../../src/io/csv/dialect';
import { fileSource as diskSource } from '../../src/io/node/file-source';

export async function fileSource(path: string, dialect?: DialectOverrides): Promise<PanelSource> {
  const loaded = await loadDataFile(diskSource(path), { dialect });
  return {
    kind: 'file',
    ...loaded,
    init: panelInit(loaded.dataset, {
      source: 'file',
      settings: { defaultMethod: 'zscore', bins: 10 },
      statisticsOnly: true,
      trusted: true,
      file: loaded.file,
    }),
    reread: (overrides) => fileSource(path, overrides),
  };
}
