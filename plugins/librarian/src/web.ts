// Reading web pages for `studio research --research`. Only the URLs the user listed are fetched, plus
// each origin's robots.txt, which is obeyed (robots-parser); redirects are not followed (they would lead
// to pages nobody listed). Plain HTTP first; a page whose text only appears after its scripts run is
// rendered by the system Chromium through playwright-core (no browser download), with every request
// outside the page's origin aborted.
import robotsParserModule from 'robots-parser';
import { htmlToText } from './extract.js';
import type { SourceFormat } from './extract.js';
import { words } from './tokens.js';

export const USER_AGENT = 'studio-librarian/0.1';
/** Chromium flags: no sandbox (containers), headless, and none of Chromium's own background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
];
/** A page with fewer readable words than this, and scripts, is rendered in the browser (mode "auto"). */
export const MIN_STATIC_WORDS = 20;

export interface WebOptions {
  /** "auto": the browser only for pages that need scripts; "always"; "never". */
  browser: 'auto' | 'always' | 'never';
  /** Chromium executable. */
  chromium: string;
  /** Most bytes read of one response (the rest is not downloaded). */
  maxBytes: number;
  /** Longest one request or page load may take, in ms. */
  timeoutMs: number;
}

export type PageResult =
  | { ok: true; body: string; format: SourceFormat; via: 'http' | 'browser' }
  | { ok: true; pdf: Uint8Array; format: 'pdf'; via: 'http' }
  | { ok: false; reason: string };

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// robots-parser is CommonJS (module.exports = the parser); its typings describe it as a default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robot;

interface Browser {
  newContext(options: object): Promise<BrowserContext>;
  close(): Promise<void>;
}
interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Route {
  request(): { url(): string; resourceType(): string; isNavigationRequest(): boolean };
  continue(): Promise<void>;
  abort(): Promise<void>;
}
interface Page {
  route(pattern: string, handler: (route: Route) => Promise<void>): Promise<void>;
  goto(url: string, options: object): Promise<{ status(): number } | null>;
  content(): Promise<string>;
}

function formatOf(contentType: string | null): SourceFormat | 'pdf' | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (type === 'text/plain' || type === '') return 'text';
  return null;
}

export class WebReader {
  private readonly robots = new Map<string, Promise<Robot | string>>();
  private browser: Promise<Browser> | undefined;

  constructor(private readonly options: WebOptions) {}

  /** GET `url` without following redirects, reading at most maxBytes of the body. */
  private async get(
    url: string,
  ): Promise<{ status: number; type: string | null; body: string; bytes: Buffer; cut: boolean }> {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html, text/markdown, text/plain;q=0.9, application/pdf;q=0.8, */*;q=0.1',
      },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
        size += value.byteLength;
        if (size >= this.options.maxBytes) {
          await reader.cancel();
          break;
        }
      }
    }
    const bytes = Buffer.concat(chunks).subarray(0, this.options.maxBytes);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: bytes.toString('utf8'),
      bytes,
      cut: size >= this.options.maxBytes,
    };
  }

  /** The origin's robots.txt rules, or the reason the URL may not be fetched. 4xx means no rules;
   *  a server error or no answer means "do not crawl" (the cautious reading of RFC 9309). */
  private robotsFor(url: URL): Promise<Robot | string> {
    let entry = this.robots.get(url.origin);
    if (!entry) {
      const robotsUrl = `${url.origin}/robots.txt`;
      entry = this.get(robotsUrl).then(
        (r) => {
          if (r.status >= 200 && r.status < 300) return robotsParser(robotsUrl, r.body);
          if (r.status >= 400 && r.status < 500) return robotsParser(robotsUrl, '');
          return `robots.txt answered HTTP ${r.status}`;
        },
        (error: unknown) => `robots.txt could not be read (${(error as Error).message})`,
      );
      this.robots.set(url.origin, entry);
    }
    return entry;
  }

  /** Whether robots.txt lets this user agent fetch `url` (a string is the reason it may not). */
  async allowed(url: string): Promise<true | string> {
    const robot = await this.robotsFor(new URL(url));
    if (typeof robot === 'string') return robot;
    return robot.isAllowed(url, USER_AGENT) === false ? 'disallowed by robots.txt' : true;
  }

  /** Read one listed page. */
  async read(url: string): Promise<PageResult> {
    const allowed = await this.allowed(url);
    if (allowed !== true) return { ok: false, reason: allowed };
    if (this.options.browser === 'always') return this.render(url);
    let page: Awaited<ReturnType<WebReader['get']>>;
    try {
      page = await this.get(url);
    } catch (error) {
      return { ok: false, reason: `could not be fetched (${(error as Error).message})` };
    }
    if (page.status >= 300 && page.status < 400)
      return { ok: false, reason: `redirects (HTTP ${page.status}); only listed URLs are fetched` };
    if (page.status !== 200) return { ok: false, reason: `HTTP ${page.status}` };
    const format = formatOf(page.type);
    if (format === null) return { ok: false, reason: `unsupported content type ${page.type ?? ''}`.trim() };
    if (format === 'pdf') {
      // A PDF's index is at its end: the first maxBytes of a longer one cannot be read.
      if (page.cut) return { ok: false, reason: `PDF larger than ${this.options.maxBytes} bytes` };
      return { ok: true, pdf: page.bytes, format, via: 'http' };
    }
    if (format === 'html' && this.options.browser === 'auto' && /<script\b/i.test(page.body)) {
      const { text } = await htmlToText(page.body, url);
      if (words(text).length < MIN_STATIC_WORDS) return this.render(url);
    }
    return { ok: true, body: page.body, format, via: 'http' };
  }

  /** Render `url` in Chromium and return the DOM after its scripts ran. */
  private async render(url: string): Promise<PageResult> {
    const origin = new URL(url).origin;
    let context: BrowserContext | undefined;
    try {
      this.browser ??= this.launch();
      context = await (await this.browser).newContext({ userAgent: USER_AGENT, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.route('**/*', async (route) => {
        const request = route.request();
        const target = new URL(request.url());
        const sameOrigin = target.origin === origin;
        const useful = !['image', 'media', 'font'].includes(request.resourceType());
        // The page itself, and its own scripts and data calls that robots.txt allows; nothing else.
        const ok =
          sameOrigin &&
          useful &&
          (request.isNavigationRequest() ? target.href === url : (await this.allowed(target.href)) === true);
        await (ok ? route.continue() : route.abort());
      });
      const response = await page.goto(url, { waitUntil: 'networkidle', timeout: this.options.timeoutMs });
      if (!response || response.status() !== 200)
        return { ok: false, reason: `HTTP ${response?.status() ?? 'no response'} in the browser` };
      const html = await page.content();
      return { ok: true, body: html.slice(0, this.options.maxBytes), format: 'html', via: 'browser' };
    } catch (error) {
      return { ok: false, reason: `could not be rendered (${(error as Error).message.split('\n')[0]})` };
    } finally {
      await context?.close().catch(() => undefined);
    }
  }

  private async launch(): Promise<Browser> {
    // Loaded only when a page needs it: playwright-core is heavy and most runs never render.
    const { chromium } = (await import('playwright-core')) as unknown as {
      chromium: { launch(options: object): Promise<Browser> };
    };
    return chromium.launch({ executablePath: this.options.chromium, args: CHROMIUM_ARGS, headless: true });
  }

  /** Close the browser, if one was started. */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }
}
