/**
 * Hovers and inlay hints on normalization layers in Python files and notebook cells: the parse is
 * cached per document version, and both views read the same annotations `normscope annotate` prints.
 */
import * as vscode from 'vscode';
import { adviceLanguage } from '../engine/advise/messages';
import { FRAMEWORK_APIS } from '../engine/explain/layer-apis';
import {
  hoverMarkdown,
  inlayLabel,
  referenceMarkdown,
  translationsOf,
  translationText,
} from '../analysis/hover-text';
import { editFor, IncrementalAnalysis } from '../analysis/incremental';
import type { PythonAnalysis } from '../analysis/norm-layers';
import { pythonParser } from '../analysis/python-parser';
import type { Host } from './host';

/** Puts a translated layer on the clipboard (the hover's "Copy as …" links). */
const COPY_COMMAND = 'normscope.copyLayerAs';

export class LayerAnnotations implements vscode.HoverProvider, vscode.InlayHintsProvider {
  /** Per document: the analysis of one version, kept up to date edit by edit. */
  private readonly cache = new Map<string, { version: number; analysis: IncrementalAnalysis }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly host: Host) {}

  /** Re-asks for inlay hints (the setting changed). */
  refresh(): void {
    this.changed.fire();
  }

  async analysis(document: vscode.TextDocument): Promise<PythonAnalysis> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.analysis.result;
    cached?.analysis.dispose();
    const parser = await pythonParser(await this.host.grammar());
    const module = await this.host.moduleName(document.uri);
    const analysis = new IncrementalAnalysis(parser, document.getText(), {
      module,
      readModule: this.host.moduleReader(document.uri),
    });
    this.cache.set(key, { version: document.version, analysis });
    return analysis.result;
  }

  /**
   * Feeds an edit to the document's parse tree (tree-sitter's tree.edit + reparse), so the next hover
   * re-reads only the statement it touched; several changes at once are read afresh on the next request.
   */
  edited(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const cached = this.cache.get(key);
    if (!cached) return;
    const [change] = event.contentChanges;
    if (event.contentChanges.length !== 1 || cached.version !== event.document.version - 1) {
      this.forget(event.document);
      return;
    }
    const edit = editFor(
      change.rangeOffset,
      change.rangeLength,
      { row: change.range.start.line, column: change.range.start.character },
      { row: change.range.end.line, column: change.range.end.character },
      change.text,
    );
    cached.analysis.update(event.document.getText(), [edit]);
    cached.version = event.document.version;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.get(document.uri.toString())?.analysis.dispose();
    this.cache.delete(document.uri.toString());
  }

  dispose(): void {
    for (const { analysis } of this.cache.values()) analysis.dispose();
    this.cache.clear();
    this.changed.dispose();
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const { layers, references } = await this.analysis(document);
    const covers = (l: { line: number; column: number; endColumn: number }) =>
      l.line === position.line + 1 &&
      position.character >= l.column - 1 &&
      position.character < l.endColumn - 1;
    const layer = layers.find(covers);
    const reference = layer ? undefined : references.find(covers);
    const shown = layer ?? reference?.layer;
    const at = layer ?? reference;
    if (!shown || !at) return undefined;
    const args = encodeURIComponent(JSON.stringify([{ layer: shown.layer, framework: shown.framework }]));
    const language = adviceLanguage(vscode.env.language);
    const link =
      shown.layer === 'unitnorm'
        ? ''
        : `\n\n[${vscode.l10n.t('Open the explainer')}](command:normscope.explainNorms?${args})`;
    const lineLink = (line: number) => document.uri.with({ fragment: `L${line}` }).toString();
    const text = reference
      ? referenceMarkdown(reference, lineLink, language)
      : hoverMarkdown(shown, language);
    const copies = translationsOf(shown).map((translation) => {
      const copyArgs = encodeURIComponent(JSON.stringify([translationText(translation)]));
      const title = vscode.l10n.t('Copy as {0}', FRAMEWORK_APIS[translation.framework].title);
      return `[${title}](command:${COPY_COMMAND}?${copyArgs})`;
    });
    const markdown = new vscode.MarkdownString(`${text}${link}\n\n${copies.join(' · ')}`);
    markdown.isTrusted = { enabledCommands: ['normscope.explainNorms', COPY_COMMAND] };
    const range = new vscode.Range(at.line - 1, at.column - 1, at.line - 1, at.endColumn - 1);
    return new vscode.Hover(markdown, range);
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[]> {
    if (!vscode.workspace.getConfiguration('normscope').get<boolean>('inlayHints', true)) return [];
    const language = adviceLanguage(vscode.env.language);
    return (await this.analysis(document)).layers
      .filter((l) => range.contains(new vscode.Position(l.callEndLine - 1, l.callEndColumn - 1)))
      .map((l) => {
        const hint = new vscode.InlayHint(
          new vscode.Position(l.callEndLine - 1, l.callEndColumn - 1),
          inlayLabel(l, language),
          vscode.InlayHintKind.Parameter,
        );
        hint.paddingLeft = true;
        hint.tooltip = new vscode.MarkdownString(hoverMarkdown(l, language));
        return hint;
      });
  }
}

export function registerLayerHints(context: vscode.ExtensionContext, host: Host): void {
  const annotations = new LayerAnnotations(host);
  const selector: vscode.DocumentSelector = [{ language: 'python' }];
  context.subscriptions.push(
    vscode.commands.registerCommand(COPY_COMMAND, async (code: string) => {
      await vscode.env.clipboard.writeText(code);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('NormScope: layer copied'), 3000);
    }),
    vscode.languages.registerHoverProvider(selector, annotations),
    vscode.languages.registerInlayHintsProvider(selector, annotations),
    vscode.workspace.onDidCloseTextDocument((document) => annotations.forget(document)),
    vscode.workspace.onDidChangeTextDocument((event) => annotations.edited(event)),
    annotations,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('normscope.inlayHints')) annotations.refresh();
    }),
  );
}
