/**
 * Every message between the extension host and the image panel (Show Statistics on an image or a folder
 * of images), declared once. Directional discriminated unions on `type`, handled by exhaustive switches.
 * The host sends summaries only: per-channel moments, a 256-bin histogram of each channel and the exact
 * affine map of each transform; no pixel is ever sent.
 */
import type { AdviceLanguage } from '../engine/advise/messages';

/** The per-channel transforms the panel offers, in picker order (the host checks its table matches). */
export const IMAGE_TRANSFORM_IDS = ['unit', 'normalize', 'symmetric'] as const;
export type ImageTransformName = (typeof IMAGE_TRANSFORM_IDS)[number];

/** A channel's moments and range, on the 0–1 scale (or after a transform). */
export interface ImageMomentsPayload {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** A transform applied to one channel: x ↦ (x − center) / divisor, and the statistics it gives. */
export interface ImageChannelAfter extends ImageMomentsPayload {
  center: number;
  divisor: number;
}

export interface ImageChannelPayload extends ImageMomentsPayload {
  /** 'R', 'G', 'B', 'L' or 'A'. */
  name: string;
  /** Samples per equal-width bin over [0, 1] (256 bins: one per 8-bit level). */
  histogram: Float64Array;
  /** Under each transform, in IMAGE_TRANSFORM_IDS order (absent for alpha, which is never normalized). */
  after?: Record<ImageTransformName, ImageChannelAfter>;
}

/** What the image panel shows, sent once after `ready`. */
export interface ImagePanelInit {
  /** The image or folder, relative to the workspace. */
  title: string;
  images: number;
  pixels: number;
  /** Images per class (ImageFolder layout), in folder order. */
  classes?: { name: string; images: number }[];
  skipped?: { file: string; reason: string }[];
  /** Which decoders read the images: IMAGE_DECODERS of src/io/images/decode-image.ts. */
  decoders: string;
  channels: ImageChannelPayload[];
  /** Alpha, reported apart (never part of Normalize). */
  alpha?: ImageChannelPayload;
  /** The lines to copy, exactly as the Copy buttons put them on the clipboard. */
  lines: Record<ImageCopyLine, string>;
  /** The page's language ('en' or 'zh-cn'). */
  language: AdviceLanguage;
}

/** The lines the panel offers to copy. */
export type ImageCopyLine = 'torchvision' | 'keras';

/** Host → image panel. */
export type ImageHostMessage =
  /** The statistics to show; the reply to `ready`. */
  | { type: 'imageInit'; init: ImagePanelInit }
  /** The line was copied to the clipboard (the page says so in its language). */
  | { type: 'copied'; line: ImageCopyLine }
  /** An action failed: show the message in place. */
  | { type: 'error'; message: string };

/** Image panel → host. */
export type ImageWebviewMessage =
  /** The page is listening; the host replies with `imageInit`. */
  | { type: 'ready' }
  /** Copy one of the init's lines (the host writes its own text, not the page's). */
  | { type: 'copyLine'; line: ImageCopyLine }
  /** Open the statistics as a Markdown document. */
  | { type: 'openMarkdown' };

/** Every image panel message type; `satisfies` makes the compiler insist the list is complete. */
const IMAGE_WEBVIEW_MESSAGE_TYPES = {
  ready: true,
  copyLine: true,
  openMarkdown: true,
} satisfies Record<ImageWebviewMessage['type'], true>;

/** Runtime check of a message from the page (webview input is untrusted). */
export function isImageWebviewMessage(value: unknown): value is ImageWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(IMAGE_WEBVIEW_MESSAGE_TYPES, type)) return false;
  if (type !== 'copyLine') return true;
  const line = (value as { line?: unknown }).line;
  return line === 'torchvision' || line === 'keras';
}
