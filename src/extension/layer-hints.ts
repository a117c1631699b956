/**
 * Hovers and inlay hints on normalization layers in Python files and notebook cells: the parse is
 * cached per document version, and both views read the same annotations `normscope annotate` prints.
 */
import * as vscode from 'vscode';
import { hoverMarkdown, inlayLabel } from '../analysis/hover-text';
import { annotatePython, type LayerAnnotation } from '../analysis/norm-layers';
import { pythonParser } from '../analysis/python-parser';
import type { Host } from './host';

export class LayerAnnotations implements vscode.HoverProvider, vscode.InlayHintsProvider {
  private readonly cache = new Map<string, { version: number; layers: LayerAnnotation[] }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(private readonly host: Host) {}

  /** Re-asks for inlay hints (the setting changed). */
  refresh(): void {
    this.changed.fire();
  }

  async layers(document: vscode.TextDocument): Promise<LayerAnnotation[]> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.layers;
    const parser = await pythonParser(await this.host.grammar());
    const module = await this.host.moduleName(document.uri);
    const layers = annotatePython(parser, document.getText(), { module });
    this.cache.set(key, { version: document.version, layers });
    return layers;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const layer = (await this.layers(document)).find(
      (l) =>
        l.line === position.line + 1 &&
        position.character >= l.column - 1 &&
        position.character < l.endColumn - 1,
    );
    if (!layer) return undefined;
    const args = encodeURIComponent(JSON.stringify([{ layer: layer.layer, framework: layer.framework }]));
    const link =
      layer.layer === 'unitnorm' ? '' : `\n\n[Open the explainer](command:normscope.explainNorms?${args})`;
    const markdown = new vscode.MarkdownString(`${hoverMarkdown(layer)}${link}`);
    markdown.isTrusted = { enabledCommands: ['normscope.explainNorms'] };
    const range = new vscode.Range(layer.line - 1, layer.column - 1, layer.line - 1, layer.endColumn - 1);
    return new vscode.Hover(markdown, range);
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[]> {
    if (!vscode.workspace.getConfiguration('normscope').get<boolean>('inlayHints', true)) return [];
    return (await this.layers(document))
      .filter((l) => range.contains(new vscode.Position(l.callEndLine - 1, l.callEndColumn - 1)))
      .map((l) => {
        const hint = new vscode.InlayHint(
          new vscode.Position(l.callEndLine - 1, l.callEndColumn - 1),
          inlayLabel(l),
          vscode.InlayHintKind.Parameter,
        );
        hint.paddingLeft = true;
        hint.tooltip = new vscode.MarkdownString(hoverMarkdown(l));
        return hint;
      });
  }
}

export function registerLayerHints(context: vscode.ExtensionContext, host: Host): void {
  const annotations = new LayerAnnotations(host);
  const selector: vscode.DocumentSelector = [{ language: 'python' }];
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, annotations),
    vscode.languages.registerInlayHintsProvider(selector, annotations),
    vscode.workspace.onDidCloseTextDocument((document) => annotations.forget(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('normscope.inlayHints')) annotations.refresh();
    }),
  );
}
