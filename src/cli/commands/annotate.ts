import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { inlayLabel, momentumWarning } from '../../analysis/hover-text';
import { annotatePython, type LayerAnnotation } from '../../analysis/norm-layers';
import { nodeGrammarFiles } from '../../analysis/node-grammar';
import { packageModuleReader, pythonModuleName } from '../../analysis/node-module-name';
import { pythonParser } from '../../analysis/python-parser';
import { InputError } from '../../io/errors';
import { fileSystemError } from '../../io/node/read-file';
import { parseCommandArgs, positional } from '../args';
import { print, printJson, type Command } from '../command';
import { cliLanguage, say } from '../messages';

/** The code cells of a notebook, each with the line its text starts on in a concatenation. */
function notebookSource(
  text: string,
  file: string,
): { source: string; cellOfLine: (line: number) => number } {
  let notebook: { cells?: { cell_type?: string; source?: string | string[] }[] };
  try {
    notebook = JSON.parse(text) as typeof notebook;
  } catch (error) {
    throw new InputError(say('notANotebook', { detail: (error as Error).message }), file);
  }
  const starts: number[] = [];
  const parts: string[] = [];
  let line = 1;
  for (const cell of notebook.cells ?? []) {
    const source = Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '');
    if (cell.cell_type !== 'code') continue;
    starts.push(line);
    parts.push(source.endsWith('\n') ? source : `${source}\n`);
    line += (parts[parts.length - 1].match(/\n/g) ?? []).length;
  }
  return { source: parts.join(''), cellOfLine: (l) => starts.filter((s) => s <= l).length };
}

/** How a site builds its layer, for the text output (the JSON carries the same as fields). */
function siteNote(layer: LayerAnnotation): string | undefined {
  switch (layer.kind) {
    case 'call':
      return undefined;
    case 'factory':
      return say('annotateBuiltBy', {
        name: layer.factory?.name ?? say('annotateAFactory'),
        unless: layer.factory?.unlessGiven
          ? say('annotateUnlessGiven', { name: layer.factory.unlessGiven })
          : '',
      });
    case 'custom':
      return say('annotateCustom', {
        className: String(layer.custom?.className),
        line: String(layer.custom?.definedAt),
        reading: String(layer.custom?.reading),
      });
    case 'conversion':
      return inlayLabel(layer, cliLanguage());
  }
}

export const annotate: Command = {
  name: 'annotate',
  usage: 'annotate <file.py|file.ipynb> [--json]',
  summary: 'summaryAnnotate',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const file = positional(positionals, 0, '<file.py|file.ipynb>');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw fileSystemError(error, file);
    }
    const notebook = file.endsWith('.ipynb') ? notebookSource(text, file) : undefined;
    const parser = await pythonParser(nodeGrammarFiles(dirname(process.argv[1] ?? '.')));
    let layers: (LayerAnnotation & { cell?: number })[] = notebook
      ? annotatePython(parser, notebook.source)
      : annotatePython(parser, text, {
          module: pythonModuleName(file),
          readModule: packageModuleReader(file),
        });
    if (notebook) layers = layers.map((layer) => ({ ...layer, cell: notebook.cellOfLine(layer.line) }));
    if (values.json) {
      printJson(layers);
      return;
    }
    if (layers.length === 0) print(say('noLayers', { file }));
    for (const layer of layers) {
      const where = `${file}:${layer.line}:${layer.column}`;
      const readings = layer.alternatives
        ?.map((a) => say('annotateReading', { layout: a.layout, axes: a.reducedAxes.join(',') }))
        .join('; ');
      const layout =
        layer.layout ?? say('annotateLayoutUnknown', { readings: readings ?? say('annotateAnyLayout') });
      print(
        say('annotateSite', {
          where,
          api: layer.api,
          axes: layer.reducedAxes.join(','),
          layout,
          statShape: layer.statShape.join(', '),
          paramShape: layer.paramShape.join(', '),
          eps: layer.params.eps,
        }),
      );
      const how = siteNote(layer);
      if (how) print(`${where}: ${how}`);
      const warning = momentumWarning(layer, cliLanguage());
      if (warning) print(`${where}: ${warning}`);
    }
  },
};
