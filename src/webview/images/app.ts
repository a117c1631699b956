/**
 * The image panel: a summary of the images, its controls (transform, bins, log count: the panel's
 * @vscode-elements controls), and per channel a before histogram
 * (pixel values / 255) beside an after histogram under the chosen transform, the before and after
 * statistics, alpha apart, and the Normalize lines with Copy buttons. Talks to the host only through its
 * transport: 'ready', then the host's 'imageInit'; copies and the Markdown report are the host's to do.
 */
import {
  IMAGE_TRANSFORM_IDS,
  type ImageCopyLine,
  type ImageHostMessage,
  type ImagePanelInit,
  type ImageTransformName,
  type ImageWebviewMessage,
} from '../../shared/image-protocol';
import { chartsIn, destroyChartsIn, watchTheme } from '../charts';
import { actionButton, checkBox, choiceSelect } from '../controls';
import { chartFigure, drawDetailChart } from '../detail-charts';
import { el, formatValue } from '../dom';
import { setPanelLanguage, t, type PanelMessageKey } from '../l10n';
import type { Transport } from '../transport';
import { IMAGE_BIN_CHOICES, mergedHistogram, transformedHistogram, type ImageBinCount } from './histograms';
import { momentsTable } from './moments-table';
import { imageSummary } from './summary';

/**
 * Each transform's description in the picker (in the page's language) and its name in captions (the
 * API's own spelling, the same in every language).
 */
const TRANSFORM_WORDS: Record<ImageTransformName, { long: PanelMessageKey; short: string }> = {
  unit: { long: 'imageTransformUnit', short: 'ToTensor (/255)' },
  normalize: { long: 'imageTransformNormalize', short: 'Normalize(mean, std)' },
  symmetric: { long: 'imageTransformSymmetric', short: '[-1, 1]' },
};

const COPY_WORDS: Record<ImageCopyLine, { label: PanelMessageKey; copied: PanelMessageKey }> = {
  torchvision: { label: 'imageCopyTorchvision', copied: 'imageCopiedTorchvision' },
  keras: { label: 'imageCopyKeras', copied: 'imageCopiedKeras' },
};

const BEFORE_COLOR = '--vscode-charts-blue';
const AFTER_COLOR = '--vscode-charts-orange';
const ALPHA_COLOR = '--vscode-charts-purple';

class ImagePage {
  private transform: ImageTransformName = 'normalize';
  private bins: ImageBinCount = 64;
  private logY = false;
  private readonly channelsArea = el('div', { id: 'image-channels' });
  private readonly tablesArea = el('div', { id: 'tables' });
  private readonly alphaArea = el('section', { id: 'image-alpha' });
  private readonly heading = el('h2', { id: 'image-channels-heading' });
  private readonly status = el('p', { id: 'status', role: 'status' });
  private readonly stopWatchingTheme: () => void;

  constructor(
    private readonly root: HTMLElement,
    private readonly init: ImagePanelInit,
    private readonly transport: Transport<ImageHostMessage, ImageWebviewMessage>,
  ) {
    root.replaceChildren(
      el('h1', { text: init.title }),
      ...imageSummary(init),
      this.controls(),
      this.heading,
      this.channelsArea,
      el('h2', { text: t('statistics') }),
      this.tablesArea,
      this.alphaArea,
      this.copyLines(),
      this.status,
    );
    this.alphaArea.hidden = !init.alpha;
    this.render();
    this.stopWatchingTheme = watchTheme(() => this.drawCharts());
  }

  dispose(): void {
    this.stopWatchingTheme();
    destroyChartsIn(this.root);
  }

  setStatus(text: string, error: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
    this.status.setAttribute('role', error ? 'alert' : 'status');
  }

  private controls(): HTMLElement {
    const transform = choiceSelect(
      { id: 'transform', label: t('imageTransform') },
      IMAGE_TRANSFORM_IDS.map((id) => ({ value: id, text: t(TRANSFORM_WORDS[id].long) })),
      this.transform,
      (value) => {
        const picked = IMAGE_TRANSFORM_IDS.find((id) => id === value);
        if (!picked) return;
        this.transform = picked;
        this.render();
      },
    );
    const bins = choiceSelect(
      { id: 'image-bins', label: t('bins') },
      IMAGE_BIN_CHOICES.map((n) => ({ value: String(n), text: String(n) })),
      String(this.bins),
      (value) => {
        const picked = IMAGE_BIN_CHOICES.find((n) => String(n) === value);
        if (!picked) return;
        this.bins = picked;
        this.render();
      },
    );
    return el(
      'div',
      { id: 'controls' },
      el('label', { id: 'transform-picker' }, `${t('imageTransform')} `, transform),
      el('label', {}, `${t('bins')} `, bins),
      checkBox('image-log-y', t('logCount'), this.logY, (on) => {
        this.logY = on;
        this.drawCharts();
      }),
    );
  }

  private copyLines(): HTMLElement {
    const line = (which: ImageCopyLine) =>
      el(
        'p',
        { className: 'copy-line' },
        el('code', { id: `line-${which}`, text: this.init.lines[which] }),
        ' ',
        actionButton(
          `copy-${which}`,
          t('imageCopy'),
          () => this.transport.post({ type: 'copyLine', line: which }),
          { title: t(COPY_WORDS[which].label), label: t(COPY_WORDS[which].label), secondary: true },
        ),
      );
    const markdown = actionButton(
      'open-markdown',
      t('imageOpenMarkdown'),
      () => this.transport.post({ type: 'openMarkdown' }),
      { title: t('imageOpenMarkdownTitle') },
    );
    return el(
      'section',
      { id: 'image-lines' },
      el('h2', { text: t('imageLinesHeading') }),
      line('torchvision'),
      line('keras'),
      el('div', { id: 'actions' }, markdown),
    );
  }

  private transformName(): string {
    return TRANSFORM_WORDS[this.transform].short;
  }

  /** Rebuilds the figures and tables for the current transform and bin count, then draws. */
  private render(): void {
    destroyChartsIn(this.root);
    const transform = this.transformName();
    this.heading.textContent = t('imageChannelsHeading', { transform });
    this.channelsArea.replaceChildren(
      ...this.init.channels.map((channel) => {
        const after = channel.after![this.transform];
        return el(
          'section',
          { className: 'image-channel', 'aria-label': channel.name },
          el('h3', { text: channel.name }),
          el(
            'div',
            { className: 'pair' },
            chartFigure(`before-${channel.name}`, t('imageBeforeChart', { channel: channel.name })),
            after.divisor > 0
              ? chartFigure(
                  `after-${channel.name}`,
                  t('imageAfterChart', { channel: channel.name, transform }),
                )
              : el('p', { className: 'note', text: t('imageConstant', { channel: channel.name }) }),
          ),
        );
      }),
    );
    this.tablesArea.replaceChildren(
      el(
        'div',
        {},
        momentsTable(
          'stats-before',
          t('imageStatsBefore'),
          this.init.channels.map((c) => ({ name: c.name, moments: c })),
        ),
      ),
      el(
        'div',
        {},
        momentsTable(
          'stats-after',
          t('imageStatsAfter', { transform }),
          this.init.channels.map((c) => ({ name: c.name, moments: c.after![this.transform] })),
        ),
        el(
          'ul',
          { id: 'image-affine', className: 'counts' },
          ...this.init.channels.map((c) => {
            const { center, divisor } = c.after![this.transform];
            return el('li', {
              text: t('imageAffine', {
                channel: c.name,
                center: formatValue(center),
                divisor: formatValue(divisor),
              }),
            });
          }),
        ),
      ),
    );
    const alpha = this.init.alpha;
    if (alpha)
      this.alphaArea.replaceChildren(
        el('h2', { text: t('imageAlphaHeading') }),
        el('div', { className: 'pair' }, chartFigure('alpha', t('imageAlphaChart'))),
        momentsTable('stats-alpha', t('imageAlphaChart'), [{ name: alpha.name, moments: alpha }]),
      );
    this.root.dataset.transform = this.transform;
    this.root.dataset.bins = String(this.bins);
    this.drawCharts();
  }

  private drawCharts(): void {
    for (const channel of this.init.channels) {
      const before = mergedHistogram(channel.histogram, this.bins);
      drawDetailChart(this.root, this.logY, `before-${channel.name}`, before, BEFORE_COLOR);
      const { center, divisor } = channel.after![this.transform];
      if (divisor > 0)
        drawDetailChart(
          this.root,
          this.logY,
          `after-${channel.name}`,
          transformedHistogram(before, center, divisor),
          AFTER_COLOR,
        );
    }
    const alpha = this.init.alpha;
    if (alpha)
      drawDetailChart(
        this.root,
        this.logY,
        'alpha',
        mergedHistogram(alpha.histogram, this.bins),
        ALPHA_COLOR,
      );
    this.root.dataset.charts = String(chartsIn(this.root));
  }
}

export function startImagePanel(transport: Transport<ImageHostMessage, ImageWebviewMessage>): void {
  const root = document.getElementById('app')!;
  let page: ImagePage | undefined;
  transport.onMessage((message) => {
    switch (message.type) {
      case 'imageInit':
        setPanelLanguage(message.init.language);
        page?.dispose();
        page = new ImagePage(root, message.init, transport);
        return;
      case 'copied':
        page?.setStatus(t(COPY_WORDS[message.line].copied), false);
        return;
      case 'error':
        page?.setStatus(message.message, true);
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
  });
  transport.post({ type: 'ready' });
}
