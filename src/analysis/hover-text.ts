/**
 * What a hover and an inlay hint say about a recognized layer, as Markdown and as a short label: one
 * source for the editor, the CLI's text output and the tests.
 */
import { conventionFor } from '../engine/explain/conventions';
import { describeMomentum, trainVsEvalText } from '../engine/explain/plan';
import type { LayerAnnotation } from './norm-layers';

const TITLES: Record<string, string> = {
  batchnorm: 'BatchNorm',
  layernorm: 'LayerNorm',
  instancenorm: 'InstanceNorm',
  groupnorm: 'GroupNorm',
  rmsnorm: 'RMSNorm',
  unitnorm: 'Unit (L2) normalization',
};

/** `over N,H,W`, or both readings when the layout is unknown: `over C (BTC) | W (NCHW)`. */
export function inlayLabel(layer: LayerAnnotation): string {
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
    return `⚠ momentum ${momentum} keeps only ${momentum} of the old running value: the running statistics follow the last batch. PyTorch's ${momentum} is ${layer.framework === 'flax' ? 'Flax' : 'Keras'}'s ${complement}.`;
  return undefined;
}

export function hoverMarkdown(layer: LayerAnnotation): string {
  const convention = conventionFor(layer.framework, layer.layer);
  const readings =
    layer.layout !== null
      ? [{ layout: layer.layout, reducedAxes: layer.reducedAxes }]
      : (layer.alternatives ?? []);
  const warning = momentumWarning(layer);
  const lines = [
    `**NormScope — ${TITLES[layer.layer]}** \`${layer.api}\``,
    '',
    layer.layout === null
      ? `The input layout is not known from this line; each reading (reduced axes in bold):`
      : `Input ${layer.layout} (reduced axes in bold):`,
    '',
    ...readings.map(
      (r) =>
        `- ${r.layout}: ${picture(r.layout, r.reducedAxes)} — ${layer.layer === 'unitnorm' ? 'L2 norm' : 'statistics'} over **${r.reducedAxes.join(', ')}**`,
    ),
    '',
    `| | |`,
    `|---|---|`,
    `| statistic shape | [${layer.statShape.join(', ')}] |`,
    `| γ, β shape | ${layer.paramShape.length ? `[${layer.paramShape.join(', ')}]` : 'none'} |`,
    `| eps | ${layer.params.eps === 'dtype-eps' ? "the dtype's machine epsilon" : format(layer.params.eps)} |`,
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
