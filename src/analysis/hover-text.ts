/**
 * What a hover and an inlay hint say about a recognized layer, as Markdown and as a short label: one
 * source for the editor, the CLI's text output and the tests.
 */
import { conventionFor } from '../engine/explain/conventions';
import { FRAMEWORKS, type Framework } from '../engine/explain/conventions';
import { FRAMEWORK_APIS, LAYER_TITLES } from '../engine/explain/layer-apis';
import { translateLayer, type Translation } from '../engine/explain/translate';
import { describeMomentum, trainVsEvalText } from '../engine/explain/plan';
import type { LayerAnnotation, LayerReference, Reading } from './layer-annotation';

/** `over N,H,W`, or both readings when the layout is unknown: `over C (BTC) | W (NCHW)`. */
export function inlayLabel(layer: LayerAnnotation): string {
  if (layer.kind === 'conversion') return `SyncBatchNorm: over N across processes`;
  if (layer.layout !== null || !layer.alternatives) return `over ${layer.reducedAxes.join(',')}`;
  return `over ${layer.alternatives.map((a) => `${a.reducedAxes.join(',')} (${a.layout})`).join(' | ')}`;
}

/** The shape picture with reduced axes in bold: N · **C** · **H** · **W**. */
function picture(layout: string, reduced: readonly string[]): string {
  return layout
    .split('')
    .map((axis) => (reduced.includes(axis) ? `**${axis}**` : axis))
    .join(' · ');
}

/** A parameter as the hover shows it: numbers plainly, None, or an expression as written in code style. */
function format(value: number | string | null): string {
  return typeof value === 'number' ? String(value) : value === null ? 'None' : `\`${value}\``;
}

/**
 * The momentum that reads like the other convention's: PyTorch's 0.1 is Keras's and Flax's 0.9, so
 * a PyTorch momentum above 0.5, or a Keras/Flax one below 0.5, is most often a number carried across
 * (torchvision's MaxViT has partial(nn.BatchNorm2d, momentum=0.99)).
 */
export function momentumWarning(layer: LayerAnnotation): string | undefined {
  const { momentum, momentumConvention } = layer.params;
  if (typeof momentum !== 'number') return undefined;
  const complement = Number((1 - momentum).toPrecision(12));
  if (momentumConvention === 'new-batch' && momentum > 0.5)
    return `⚠ momentum ${momentum} gives each new batch weight ${momentum}: the running statistics follow the last batch. Keras's and Flax's ${momentum} is PyTorch's ${complement}.`;
  if (momentumConvention === 'old-value' && momentum < 0.5)
    return `⚠ momentum ${momentum} keeps only ${momentum} of the old running value: the running statistics follow the last batch. PyTorch's ${momentum} is ${FRAMEWORK_APIS[layer.framework].title}'s ${complement}.`;
  return undefined;
}

/** How the site builds its layer, in a sentence: the factory, the custom module or the conversion. */
function provenance(layer: LayerAnnotation): string[] {
  const lines: string[] = [];
  const { factory, custom } = layer;
  if (factory) {
    const classes = factory.choices ?? [layer.api];
    const where = factory.boundAt.map((b) => `line ${b.line}`).join(', ');
    lines.push(
      `\`${factory.name}(…)\` builds ${classes.map((c) => `\`${c}\``).join(' or ')}${where ? ` (bound at ${where})` : ''}` +
        `${factory.choices ? ', whichever the condition picks' : ''}${factory.unlessGiven ? `, unless \`${factory.unlessGiven}\` is given` : ''}.`,
    );
    if (factory.variants)
      lines.push(
        `It reaches here configured ${factory.variants.length} ways: ${factory.variants.map((v) => `(${v || 'defaults'})`).join(', ')}; the table shows the first.`,
      );
  }
  if (custom) {
    const title = custom.base
      ? `${LAYER_TITLES[layer.layer]} subclass`
      : `custom ${LAYER_TITLES[layer.layer]}`;
    lines.push(
      `${title} \`${custom.className}\` (defined at line ${custom.definedAt}): ${custom.reading}` +
        `${custom.gammaShape ? `; γ shape (${custom.gammaShape},)` : ''}.`,
      ...custom.notes.map((note) => `Its ${note}.`),
    );
  }
  if (layer.kind === 'conversion')
    lines.push(
      `Every BatchNorm1d/2d/3d in \`${layer.args[0] ?? 'the model'}\` becomes a SyncBatchNorm: its statistics are computed over N across all processes of the group, plus the spatial axes of each replaced layer.`,
    );
  return lines.flatMap((line) => [line, '']);
}

function epsText(layer: LayerAnnotation): string {
  const from = layer.epsFromConfig;
  if (from)
    return `${format(layer.params.eps)} — from the model config${from.configClass ? ` (${from.configClass} default ${from.default}, line ${from.line})` : ''}`;
  return layer.params.eps === 'dtype-eps' ? "the dtype's machine epsilon" : format(layer.params.eps);
}

function readingLine(layer: LayerAnnotation, r: Reading): string {
  return `- ${r.layout}: ${picture(r.layout, r.reducedAxes)} — ${layer.layer === 'unitnorm' ? 'L2 norm' : 'statistics'} over **${r.reducedAxes.join(', ')}**`;
}

export function hoverMarkdown(layer: LayerAnnotation): string {
  const convention = conventionFor(layer.framework, layer.layer);
  const readings =
    layer.layout !== null
      ? [{ layout: layer.layout, reducedAxes: layer.reducedAxes }]
      : (layer.alternatives ?? []);
  const warning = momentumWarning(layer);
  const lines = [
    `**NormScope — ${LAYER_TITLES[layer.layer]}** \`${layer.api}\``,
    '',
    ...provenance(layer),
    layer.layout === null
      ? `The input layout is not known from this line; each reading (reduced axes in bold):`
      : `Input ${layer.layout} (reduced axes in bold):`,
    '',
    ...readings.map((r) => readingLine(layer, r)),
    '',
    `| | |`,
    `|---|---|`,
    `| statistic shape | [${layer.statShape.join(', ')}] |`,
    `| γ, β shape | ${layer.paramShape.length ? `[${layer.paramShape.join(', ')}]` : 'none'} |`,
    `| eps | ${epsText(layer)} |`,
    `| momentum | ${typeof layer.params.momentum === 'string' ? format(layer.params.momentum) : describeMomentum(layer.params.momentum, layer.params.momentumConvention)} |`,
    ...(convention.runningVariance && layer.params.momentumConvention
      ? [`| running variance | ${convention.runningVariance} batch variance |`]
      : []),
    ...(layer.params.numGroups !== undefined ? [`| groups | ${format(layer.params.numGroups)} |`] : []),
    '',
    ...(warning ? [warning, ''] : []),
    // running statistics are tracked exactly when the layer has a momentum convention
    trainVsEvalText(layer.layer, layer.params.momentumConvention !== null),
  ];
  return lines.join('\n');
}

/**
 * The hover on a reference: a call of a built module (`self.bn1(x)` → the layer built at its line), or a
 * factory's binding (`norm_layer = nn.BatchNorm2d` → what `norm_layer(…)` builds). `lineLink` turns a
 * line into a Markdown link target (the editor's file URI with a line fragment).
 */
export function referenceMarkdown(reference: LayerReference, lineLink?: (line: number) => string): string {
  const site = reference.layer;
  const at = lineLink ? `[line ${site.line}](${lineLink(site.line)})` : `line ${site.line}`;
  const head =
    reference.kind === 'use'
      ? `Calls the ${LAYER_TITLES[site.layer]} built at ${at}.`
      : `Bound here: \`${site.factory?.name ?? site.api}(…)\` at ${at} builds this layer.`;
  const moved = reference.reading
    ? [
        `The statement before permutes the input to ${reference.reading.layout}: here it normalizes over **${reference.reading.reducedAxes.join(', ')}** (${picture(reference.reading.layout, reference.reading.reducedAxes)}).`,
        '',
      ]
    : [];
  return [head, '', ...moved, hoverMarkdown(site)].join('\n');
}

/** The site's layer written in each other framework (the hover's "Copy as …" links). */
export function translationsOf(layer: LayerAnnotation): Translation[] {
  const reading =
    layer.layout !== null
      ? { layout: layer.layout, reducedAxes: layer.reducedAxes }
      : (layer.alternatives?.[0] ?? { layout: null, reducedAxes: layer.reducedAxes });
  const numFeatures =
    layer.params.numFeatures ??
    (Array.isArray(layer.params.normalizedShape) && layer.params.normalizedShape.length === 1
      ? layer.params.normalizedShape[0]
      : typeof layer.params.normalizedShape === 'string' && layer.params.normalizedShape !== 'unknown'
        ? layer.params.normalizedShape
        : undefined);
  return FRAMEWORKS.filter((f: Framework) => f !== layer.framework).map((target) =>
    translateLayer(
      {
        framework: layer.framework,
        layer: layer.layer,
        eps: layer.params.eps,
        momentum: layer.params.momentumConvention === null ? undefined : layer.params.momentum,
        numFeatures,
        numGroups: layer.params.numGroups,
        layout: reading.layout,
        reducedAxes: reading.reducedAxes,
      },
      target,
    ),
  );
}

/** "Copy as Keras" — the translation's code with its notes as Python comments, as the clipboard gets it. */
export function translationText(translation: Translation): string {
  return [...translation.notes.map((note) => `# ${note}`), translation.code].join('\n');
}
