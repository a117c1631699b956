/**
 * Runs the real panel bundle in Debian's Chromium (playwright-core, no browser download) against the
 * real PanelController in Node: the page's transport forwards to the controller through a binding and
 * the controller's posts come back as messages, as VS Code would deliver them. Typed arrays travel
 * tagged, since the bridge is JSON. Fails the test on any CSP violation.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PanelController, type PanelServices } from '../../src/extension/panel-controller';
import { diskFiles } from '../../src/extension/files/disk-files';
import type { PanelSource } from '../../src/extension/panel-source';
import { createNonce, webviewHtml } from '../../src/shared/webview-html';
import type {
  ExplainerHostMessage,
  ExplainerWebviewMessage,
  HostMessage,
  WebviewMessage,
} from '../../src/shared/protocol';
import { themeClass, themeCss, type ThemeName } from './themes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const root = join(import.meta.dirname, '..', '..');

function encode(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      v instanceof Float64Array
        ? {
            __f64: Array.from(v, (x) =>
              Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Inf' : x === -Infinity ? '-Inf' : x,
            ),
          }
        : v,
    ),
  );
}

/** The page side of the bridge: records CSP violations, decodes tagged typed arrays, fakes the transport. */
const FAKE_TRANSPORT = `
(() => {
  const violations = [];
  window.__violations = violations;
  document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective + ': ' + event.blockedURI));
  const handlers = [];
  const number = (x) => (x === 'NaN' ? NaN : x === 'Inf' ? Infinity : x === '-Inf' ? -Infinity : x);
  const decode = (value) => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === 'object') {
      if (value.__f64) return Float64Array.from(value.__f64, number);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  window.__deliver = (message) => handlers.forEach((handler) => handler(decode(message)));
  window.normscopeTestTransport = {
    post: (message) => void window.__toHost(message),
    onMessage: (handler) => handlers.push(handler),
  };
})();
`;

export interface PanelHarness {
  page: Page;
  controller: PanelController;
  copied: string[];
  written: string[];
  violations: () => Promise<string[]>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export interface TestPage {
  page: Page;
  violations: () => Promise<string[]>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

/**
 * A webview bundle served as VS Code would (the one HTML builder, its CSP, the theme's variables), with
 * the fake transport installed; `toHost` receives what the page posts.
 */
export async function openPage(
  bundle: string,
  title: string,
  initialTheme: ThemeName,
  toHost: (message: unknown, page: Page) => unknown,
): Promise<TestPage> {
  let theme = initialTheme;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const send = (type: string, body: string | Buffer) => {
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    };
    if (url.pathname === '/') {
      const html = webviewHtml({
        cspSource: origin,
        nonce: createNonce(),
        scriptUri: `${origin}/dist/${bundle}`,
        styleUri: `${origin}/media/panel.css`,
        title,
      });
      send(
        'text/html',
        html
          .replace('</head>', `<link rel="stylesheet" href="${origin}/theme.css">\n</head>`)
          .replace('<body', `<body class="${themeClass(theme)}"`),
      );
    } else if (url.pathname === '/theme.css') send('text/css', themeCss(theme));
    else if (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/media/')) {
      const type = url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
      send(type, readFileSync(join(root, url.pathname)));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const context = await (await launchBrowser()).newContext({ viewport: { width: 1100, height: 1400 } });
  const page = await context.newPage();
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  await page.exposeBinding('__toHost', (source, message: unknown) => toHost(message, source.page));
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  await page.addInitScript({ content: FAKE_TRANSPORT });
  await page.goto(`http://127.0.0.1:${port}/`);
  return {
    page,
    violations: async () => [
      ...consoleViolations,
      ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
    ],
    setTheme: async (name: ThemeName) => {
      theme = name;
      // As VS Code does: the variables change first, then the body's theme class (which triggers the redraw).
      await page.evaluate(async (className) => {
        const link = document.querySelector<HTMLLinkElement>('link[href*="theme.css"]')!;
        const loaded = new Promise((resolve) => link.addEventListener('load', resolve, { once: true }));
        link.href = `${link.href.split('?')[0]}?${Date.now()}`;
        await loaded;
        document.body.className = className;
      }, themeClass(name));
      await page.waitForTimeout(100);
    },
    close: async () => {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Delivers a host message to the page, as VS Code's postMessage would. */
export function deliver(page: Page, message: unknown): Promise<void> {
  return page.evaluate(
    (m) => (window as unknown as { __deliver(m: unknown): void }).__deliver(m),
    encode(message),
  );
}

export async function openPanel(
  source: PanelSource,
  options: { theme?: ThemeName; saveTo?: string } = {},
): Promise<PanelHarness> {
  const copied: string[] = [];
  const written: string[] = [];
  let saveCount = 0;
  // The page posts 'ready' while it loads, before openPage returns it.
  let page: Page | undefined;
  const services: PanelServices = {
    files: diskFiles,
    post: (message: HostMessage) => deliver(page!, message),
    saveLocation: (name) =>
      Promise.resolve(options.saveTo ? join(options.saveTo, `${saveCount++}-${name}`) : undefined),
    confirmWrite: (target) => {
      written.push(target);
      return Promise.resolve(true);
    },
    copy: (text) => {
      copied.push(text);
      return Promise.resolve();
    },
    replaceSelection: (text) => {
      copied.push(`replace:${text}`);
      return Promise.resolve(true);
    },
    reveal: () => undefined,
  };
  const controller = new PanelController(source, services);
  const opened = await openPage('webview.js', 'panel test', options.theme ?? 'light', (message, from) => {
    page = from;
    return controller.handle(message as WebviewMessage);
  });
  return { ...opened, controller, copied, written };
}

export interface ExplainerHarness extends TestPage {
  /** What the page posted to the host, in order. */
  received: ExplainerWebviewMessage[];
}

/** The explainer bundle, with a host that answers 'ready' with `init`, as the extension's explainer does. */
export async function openExplainer(
  init: ExplainerHostMessage,
  options: { theme?: ThemeName } = {},
): Promise<ExplainerHarness> {
  const received: ExplainerWebviewMessage[] = [];
  const opened = await openPage(
    'explainer.js',
    'explainer test',
    options.theme ?? 'light',
    (message, page) => {
      const m = message as ExplainerWebviewMessage;
      received.push(m);
      if (m.type === 'ready') void deliver(page, init);
    },
  );
  return { ...opened, received };
}
