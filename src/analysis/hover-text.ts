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
import { fillMessage, type AdviceLanguage } from '../engine/advise/messages';
import { HOVER_MESSAGES, type HoverMessageKey } from './hover-messages';

/** A hover sentence in `language`, its `{name}` placeholders filled. */
function say(
  language: AdviceLanguage,
  key: HoverMessageKey,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const text = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
  return fillMessage(HOVER_MESSAGES[language][key], text);
}

/** `over N,H,W`, or both readings when the layout is unknown: `over C (BTC) | W (NCHW)`. */
export function inlayLabel(layer: LayerAnnotation, language: AdviceLanguage = 'en'): string {
  if (layer.kind === 'conversion') return say(language, 'inlaySyncBatchNorm');
  if (layer.layout !== null || !layer.alternatives)
    return say(language, 'inlayOver', { axes: layer.reducedAxes.join(',') });
  const readings = layer.alternatives.map((a) =>
    say(language, 'inlayReading', { axes: a.reducedAxes.join(','), layout: a.layout }),
  );
  return say(language, 'inlayOver', { axes: readings.join(' | ') });
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
export function momentumWarning(layer: LayerAnnotation, language: AdviceLanguage = 'en'): string | undefined {
  const { momentum, momentumConvention } = layer.params;
  if (typeof momentum !== 'number') return undefined;
  const complement = Number((1 - momentum).toPrecision(12));
  const framework = FRAMEWORK_APIS[layer.framework].title;
  if (momentumConvention === 'new-batch' && momentum > 0.5)
    return say(language, 'momentumFollowsBatchNewBatch', { momentum, complement });
  if (momentumConvention === 'old-value' && momentum < 0.5)
    return say(language, 'momentumFollowsBatchOldValue', { momentum, complement, framework });
  return undefined;
}

/** How the site builds its layer, in a sentence: the factory, the custom module or the conversion. */
function provenance(layer: LayerAnnotation, language: AdviceLanguage): string[] {
  const lines: string[] = [];
  const { factory, custom } = layer;
  const list = (items: string[]) => items.join(say(language, 'listSeparator'));
  if (factory) {
    const classes = (factory.choices ?? [layer.api]).map((c) => `\`${c}\``).join(say(language, 'or'));
    const where = list(factory.boundAt.map((b) => say(language, 'lineNumber', { line: b.line })));
    lines.push(
      say(language, 'factoryBuilds', { name: factory.name, classes }) +
        (where ? say(language, 'boundAt', { where }) : '') +
        (factory.choices ? say(language, 'whicheverCondition') : '') +
        (factory.unlessGiven ? say(language, 'unlessGiven', { name: factory.unlessGiven }) : '') +
        say(language, 'sentenceEnd'),
    );
    if (factory.variants)
      lines.push(
        say(language, 'factoryVariants', {
          count: factory.variants.length,
          variants: list(factory.variants.map((v) => `(${v || say(language, 'defaults')})`)),
        }),
      );
  }
  if (custom) {
    const title = say(language, custom.base ? 'customSubclass' : 'customModule', {
      layer: LAYER_TITLES[layer.layer],
    });
    lines.push(
      say(language, 'customDefinedAt', {
        title,
        className: custom.className,
        line: custom.definedAt,
        reading: custom.reading,
        gamma: custom.gammaShape ? say(language, 'gammaShape', { shape: custom.gammaShape }) : '',
      }),
      ...custom.notes.map((note) => say(language, 'customNote', { note })),
    );
  }
  if (layer.kind === 'conversion')
    lines.push(say(language, 'conversion', { model: layer.args[0] ?? say(language, 'theModel') }));
  return lines.flatMap((line) => [line, '']);
}

function epsText(layer: LayerAnnotation, language: AdviceLanguage): string {
  const from = layer.epsFromConfig;
  if (from) {
    const detail = from.configClass
      ? say(language, 'epsConfigDefault', {
          configClass: from.configClass,
          default: String(from.default),
          line: String(from.line),
        })
      : '';
    return say(language, 'epsFromConfig', { eps: format(layer.params.eps), detail });
  }
  return layer.params.eps === 'dtype-eps' ? say(language, 'dtypeEps') : format(layer.params.eps);
}

function readingLine(layer: LayerAnnotation, r: Reading, language: AdviceLanguage): string {
  return say(language, 'readingLine', {
    layout: r.layout,
    picture: picture(r.layout, r.reducedAxes),
    what: say(language, layer.layer === 'unitnorm' ? 'readingL2Norm' : 'readingStatistics'),
    axes: r.reducedAxes.join(', '),
  });
}

export function hoverMarkdown(layer: LayerAnnotation, language: AdviceLanguage = 'en'): string {
  const convention = conventionFor(layer.framework, layer.layer);
  const readings =
    layer.layout !== null
      ? [{ layout: layer.layout, reducedAxes: layer.reducedAxes }]
      : (layer.alternatives ?? []);
  const warning = momentumWarning(layer, language);
  const row = (key: HoverMessageKey, value: string) => `| ${say(language, key)} | ${value} |`;
  const { momentum, momentumConvention } = layer.params;
  const lines = [
    `**NormScope — ${LAYER_TITLES[layer.layer]}** \`${layer.api}\``,
    '',
    ...provenance(layer, language),
    layer.layout === null
      ? say(language, 'layoutUnknown')
      : say(language, 'layoutKnown', { layout: layer.layout }),
    '',
    ...readings.map((r) => readingLine(layer, r, language)),
    '',
    `| | |`,
    `|---|---|`,
    row('rowStatisticShape', `[${layer.statShape.join(', ')}]`),
    row(
      'rowParameterShape',
      layer.paramShape.length ? `[${layer.paramShape.join(', ')}]` : say(language, 'none'),
    ),
    `| eps | ${epsText(layer, language)} |`,
    row(
      'rowMomentum',
      typeof momentum === 'string'
        ? format(momentum)
        : describeMomentum(momentum, momentumConvention, language),
    ),
    ...(convention.runningVariance && momentumConvention
      ? [
          row(
            'rowRunningVariance',
            say(
              language,
              convention.runningVariance === 'biased' ? 'biasedBatchVariance' : 'unbiasedBatchVariance',
            ),
          ),
        ]
      : []),
    ...(layer.params.numGroups !== undefined ? [row('rowGroups', format(layer.params.numGroups))] : []),
    '',
    ...(warning ? [warning, ''] : []),
    // running statistics are tracked exactly when the layer has a momentum convention
    trainVsEvalText(layer.layer, momentumConvention !== null, language),
  ];
  return lines.join('\n');
}

/**
 * The hover on a reference: a call of a built module (`self.bn1(x)` → the layer built at its line), or a
 * factory's binding (`norm_layer = nn.BatchNorm2d` → what `norm_layer(…)` builds). `lineLink` turns a
 * line into a Markdown link target (the editor's file URI with a line fragment).
 */
export function referenceMarkdown(
  reference: LayerReference,
  lineLink?: (line: number) => string,
  language: AdviceLanguage = 'en',
): string {
  const site = reference.layer;
  const line = say(language, 'lineNumber', { line: site.line });
  const at = lineLink ? `[${line}](${lineLink(site.line)})` : line;
  const head =
    reference.kind === 'use'
      ? say(language, 'useHead', { layer: LAYER_TITLES[site.layer], at })
      : say(language, 'bindingHead', { name: site.factory?.name ?? site.api, at });
  const moved = reference.reading
    ? [
        say(language, 'permutedBefore', {
          layout: reference.reading.layout,
          axes: reference.reading.reducedAxes.join(', '),
          picture: picture(reference.reading.layout, reference.reading.reducedAxes),
        }),
        '',
      ]
    : [];
  return [head, '', ...moved, hoverMarkdown(site, language)].join('\n');
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
