/**
 * The image panel's bundle (dist/images.js) in Chromium against the real ImagePanelController in Node,
 * through the same page server and fake transport as the table panel (harness.ts): what the page posts
 * goes to the controller, the controller's posts come back as messages.
 */
import type { Page } from 'playwright-core';
import { ImagePanelController } from '../../src/extension/image-panel-controller';
import type { ImagePanelInit, ImageWebviewMessage } from '../../src/shared/image-protocol';
import { deliver, openPage, type TestPage } from './harness';
import type { ThemeName } from './themes';

export interface ImagePanelHarness extends TestPage {
  controller: ImagePanelController;
  copied: string[];
  /** How many times the page asked for the Markdown report. */
  markdownOpened: () => number;
}

export async function openImagePanel(
  init: ImagePanelInit,
  options: { theme?: ThemeName } = {},
): Promise<ImagePanelHarness> {
  const copied: string[] = [];
  let markdown = 0;
  let page: Page | undefined;
  const controller = new ImagePanelController(init, {
    post: (message) => deliver(page!, message),
    copy: (text) => Promise.resolve(void copied.push(text)),
    openMarkdown: () => Promise.resolve(void markdown++),
  });
  const opened = await openPage(
    'images.js',
    'image panel test',
    options.theme ?? 'light',
    (message, from) => {
      page = from;
      return controller.handle(message as ImageWebviewMessage);
    },
  );
  return { ...opened, controller, copied, markdownOpened: () => markdown };
}
