/**
 * The host side of the image panel, free of the `vscode` API so it is unit-tested directly: builds the
 * page's init from the folder's statistics (each channel's histogram and its exact affine map under every
 * transform), answers every page message (exhaustive switch) and carries out the actions through
 * injected services (clipboard, the Markdown document).
 */
import type { AdviceLanguage } from '../engine/advise/messages';
import {
  afterTransform,
  normalizeLines,
  transformParameters,
  type ChannelSummary,
  type ImageTransformId,
} from '../io/images/channel-stats';
import type { ImageFolderStats } from '../io/images/folder-stats';
import {
  IMAGE_TRANSFORM_IDS,
  type ImageChannelAfter,
  type ImageChannelPayload,
  type ImageHostMessage,
  type ImagePanelInit,
  type ImageTransformName,
  type ImageWebviewMessage,
} from '../shared/image-protocol';

// The statistics' table of transforms and the protocol's list name the same transforms: either one
// gaining an entry fails to compile here until the other has it too.
const SAME_TRANSFORMS: [ImageTransformId] extends [ImageTransformName]
  ? [ImageTransformName] extends [ImageTransformId]
    ? true
    : never
  : never = true;
void SAME_TRANSFORMS;

export interface ImagePanelServices {
  post(message: ImageHostMessage): void | Promise<unknown>;
  copy(text: string): Promise<void>;
  /** Opens the statistics as a Markdown document (imageStatisticsText). */
  openMarkdown(): Promise<void>;
}

function channelPayload(channel: ChannelSummary, normalized: boolean): ImageChannelPayload {
  const { name, mean, std, min, max } = channel;
  const payload: ImageChannelPayload = { name, mean, std, min, max, histogram: channel.levelHistogram };
  if (normalized)
    payload.after = Object.fromEntries(
      IMAGE_TRANSFORM_IDS.map((id): [ImageTransformName, ImageChannelAfter] => {
        const { mean, std, min, max } = afterTransform(channel, id);
        return [id, { mean, std, min, max, ...transformParameters(channel, id) }];
      }),
    ) as Record<ImageTransformName, ImageChannelAfter>;
  return payload;
}

/** What the page shows of `result` (of the image or folder `title`, read by `decoders`). */
export function imagePanelInit(
  title: string,
  result: ImageFolderStats,
  decoders: string,
  language: AdviceLanguage,
): ImagePanelInit {
  return {
    title,
    images: result.images,
    pixels: result.pixels,
    ...(result.classes
      ? { classes: Object.entries(result.classes).map(([name, images]) => ({ name, images })) }
      : {}),
    ...(result.skipped ? { skipped: result.skipped } : {}),
    decoders,
    channels: result.channels.map((c) => channelPayload(c, true)),
    ...(result.alpha ? { alpha: channelPayload(result.alpha, false) } : {}),
    lines: normalizeLines(result),
    language,
  };
}

export class ImagePanelController {
  constructor(
    readonly init: ImagePanelInit,
    private readonly services: ImagePanelServices,
  ) {}

  async handle(message: ImageWebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          await this.services.post({ type: 'imageInit', init: this.init });
          return;
        case 'copyLine':
          await this.services.copy(this.init.lines[message.line]);
          await this.services.post({ type: 'copied', line: message.line });
          return;
        case 'openMarkdown':
          await this.services.openMarkdown();
          return;
        default: {
          const unknown: never = message;
          throw new Error(`unknown message ${JSON.stringify(unknown)}`);
        }
      }
    } catch (error) {
      await this.services.post({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
