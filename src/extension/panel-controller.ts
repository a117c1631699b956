/**
 * The host side of the panel, free of the `vscode` API so it is unit-tested directly: answers every
 * webview message (exhaustive switch), computes reports where the data is and sends only summaries,
 * and carries out the actions through injected services (dialogs, clipboard, file writes, edits).
 */
import type { Report } from '../engine/report/report';
import { encodeNpy } from '../io/npy';
import { formatArrayLiteral } from '../io/literal';
import { formatNumber, formatRecord } from '../io/csv/writer';
import { writeAll } from '../io/byte-source';
import { checkSameKind, selectColumns, writeLikeTo } from '../io/data-file';
import { paramsText, planParamsText, recordedDialect } from '../io/params';
import { ENGLISH_L10N, type L10n } from '../shared/l10n';
import type { HostMessage, WebviewMessage } from '../shared/protocol';
import { ViewHost } from '../shared/view-host';
import type { PanelSource } from './panel-source';
import type { HostFiles } from './files/host-files';
import { readAsOverrides } from './read-as';

export interface PanelServices {
  post(message: HostMessage): void | Promise<unknown>;
  /** Reads inputs again and writes outputs atomically (Node on the desktop, workspace.fs in the browser). */
  files: HostFiles;
  /** Asks where to save; undefined when the user cancels. */
  saveLocation(suggestedName: string, extension: string): Promise<string | undefined>;
  /** False when the user declines a write (untrusted workspace). */
  confirmWrite(target: string): Promise<boolean>;
  copy(text: string): Promise<void>;
  /** Replaces the source selection (one undoable edit); false when the editor is gone. */
  replaceSelection(text: string): Promise<boolean>;
  /** Opens the written file, or reveals it (`path` as saveLocation named it). */
  reveal(path: string): void;
  /** The panel's words: vscode.l10n in the extension; English when not given (tests). */
  l10n?: L10n;
}

export class PanelController {
  private ready = false;
  private viewShown!: () => void;
  /** Resolves once the first view has been posted (the first chart is on its way). */
  readonly firstView = new Promise<void>((resolve) => (this.viewShown = resolve));

  private readonly host: ViewHost;
  private readonly l10n: L10n;

  constructor(
    private source: PanelSource,
    private readonly services: PanelServices,
  ) {
    const l10n = (this.l10n = services.l10n ?? ENGLISH_L10N);
    this.host = new ViewHost({
      l10n,
      post: (message) => this.services.post(message),
      source: () => this.source,
      copy: async (text, what) => {
        await this.services.copy(text);
        await this.notice(l10n.t('Copied {0}.', what));
      },
      exportData: (format) => this.exportData(format),
      saveParameters: () => this.saveParameters(),
      replaceSelection: () => this.replaceSelection(),
      copyResult: async () => {
        await this.services.copy(this.replacementText());
        await this.notice(l10n.t('Copied the normalized array.'));
      },
      openInPanel: () => {
        throw new Error(l10n.t('This view is already the NormScope panel.'));
      },
      readAs: async (overrides) => {
        const source = this.source;
        if (source.kind !== 'file' || !source.reread)
          throw new Error(l10n.t('Only a CSV file opened in the panel can be read again.'));
        await this.refine(await source.reread(readAsOverrides(overrides, l10n)));
      },
      onReady: () => (this.ready = true),
      onView: () => this.viewShown(),
      unavailable: l10n.t('Not available in this panel.'),
    });
  }

  /**
   * Swaps in the whole data for a first look at part of it (a large file's prefix): the webview gets the
   * new init (now, or when it is ready) and recomputes what it shows on all the data.
   */
  async refine(source: PanelSource): Promise<void> {
    this.source = source;
    this.host.reset();
    if (this.ready) await this.services.post({ type: 'init', init: source.init });
  }

  /** The latest computed report (the last successful `compute`). */
  get current(): Report | undefined {
    return this.host.current;
  }

  async handle(message: WebviewMessage): Promise<void> {
    await this.host.handle(message);
  }

  private async notice(message: string): Promise<void> {
    await this.services.post({ type: 'notice', message });
  }

  private baseName(): string {
    const title = this.source.init.title.replace(/\.[^.]+$/, '');
    return `${title.replace(/[^\w.-]+/g, '_') || 'normalized'}.normalized`;
  }

  private async exportData(format: 'csv' | 'npy'): Promise<void> {
    const report = this.host.requireReport();
    const target = await this.services.saveLocation(`${this.baseName()}.${format}`, format);
    if (!target || !(await this.services.confirmWrite(target))) return;
    const output = report.output;
    const inputs = this.source.kind === 'file' ? [this.source.file.file] : [];
    const files = this.services.files;
    if (output.kind === 'tensor') {
      if (format !== 'npy') throw new Error(this.l10n.t('An N-d tensor exports as .npy.'));
      await writeAll(await files.output(target, inputs), encodeNpy(output.tensor.data, output.tensor.shape));
    } else if (this.source.kind === 'file' && (format === 'npy') === (this.source.file.kind === 'npy')) {
      // Same kind as the input: keep its header, dialect and text columns, replace the applied columns.
      const file = this.source.file;
      const selection = selectColumns(file, output.columns);
      checkSameKind(file, target);
      await writeLikeTo(
        file,
        selection,
        output.matrix,
        files.source(file.file),
        await files.output(target, inputs),
        { printer: files.printer(), target },
      );
    } else if (format === 'npy') {
      await writeAll(
        await files.output(target, inputs),
        encodeNpy(output.matrix.data, [output.matrix.rows, output.matrix.cols]),
      );
    } else {
      const { matrix, columns } = output;
      const lines = [formatRecord(columns, ',')];
      for (let i = 0; i < matrix.rows; i++) {
        lines.push(
          formatRecord(
            Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols), formatNumber),
            ',',
          ),
        );
      }
      await writeAll(await files.output(target, inputs), lines.join(''));
    }
    await this.notice(this.l10n.t('Exported the normalized data to {0}.', target));
    this.services.reveal(target);
  }

  private async saveParameters(): Promise<void> {
    const { fitted, fittedPlan } = this.host.requireReport();
    if (!fitted && !fittedPlan)
      throw new Error(this.l10n.t('Choose a scaling method first: there are no fitted parameters to save.'));
    const target = await this.services.saveLocation(`${this.baseName()}.params.json`, 'json');
    if (!target || !(await this.services.confirmWrite(target))) return;
    const inputs = this.source.kind === 'file' ? [this.source.file.file] : [];
    // a CSV's dialect travels with its parameters, as `normscope fit` records it
    const file = this.source.kind === 'file' ? this.source.file : undefined;
    const dialect = file?.kind === 'csv' ? recordedDialect(file.table.dialect) : undefined;
    const text = fittedPlan
      ? planParamsText(fittedPlan, dialect)
      : paramsText(fitted!.columns, fitted!.scaler, dialect);
    await writeAll(await this.services.files.output(target, inputs), text);
    await this.notice(this.l10n.t('Saved the fitted parameters to {0}.', target));
  }

  /** The normalized values in the selection's literal style and shape. */
  replacementText(): string {
    const l10n = this.l10n;
    if (this.source.kind !== 'selection') throw new Error(l10n.t('Only a selection can be replaced.'));
    const output = this.host.requireReport().output;
    const data = output.kind === 'tensor' ? output.tensor.data : output.matrix.data;
    if (output.kind === 'table' && output.columns.length !== (this.source.shape[1] ?? 1)) {
      throw new Error(l10n.t('Apply the method to every column to replace the selection.'));
    }
    return formatArrayLiteral(data, this.source.shape, this.source.style);
  }

  private async replaceSelection(): Promise<void> {
    const text = this.replacementText();
    if (await this.services.replaceSelection(text))
      await this.notice(this.l10n.t('Replaced the selection (undo restores it).'));
    else throw new Error(this.l10n.t('The editor with the selection is closed; copy the result instead.'));
  }
}
