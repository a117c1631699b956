/**
 * Where a panel's data came from, and so what "export" and "replace selection" mean for it: a file
 * (CSV/TSV/.npy, exported like the CLI's normalize: same header, text columns kept) or an editor
 * selection (an array literal, written back in its own style).
 */
import type { Dataset } from '../engine/report/dataset';
import type { DialectOverrides } from '../io/csv/dialect';
import type { DataFile } from '../io/data-file';
import type { LiteralStyle } from '../io/literal';
import type { PanelInit } from '../shared/protocol';

export type PanelSource =
  | {
      kind: 'file';
      dataset: Dataset;
      file: DataFile;
      init: PanelInit;
      /** Reads the file again with parts of its dialect fixed (the panel's "Read as" controls). */
      reread?: (overrides: DialectOverrides) => Promise<PanelSource>;
    }
  | { kind: 'selection'; dataset: Dataset; style: LiteralStyle; shape: number[]; init: PanelInit };
