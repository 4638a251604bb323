// --render: the same crawl through Crawlee's PlaywrightCrawler driving the system Chromium (playwright-core, no
// browser download), for sites whose lists are built by scripts. The rendered HTML goes through the same
// extraction as the Cheerio path, so records are identical in shape.
import { chromium, type Route } from 'playwright-core';
import { PlaywrightCrawler } from 'crawlee';
import { FetchError } from '../http/fetcher-types.js';
import { outcomeFromError } from '../links/link-checker.js';
import { crawlerConfiguration, quietLog, toRequests, type CrawlRunOptions } from './crawl-site.js';
import { processPage } from './process-page.js';
import { CHROMIUM_ARGS, findChromium } from '../browser/system-chromium.js';

export { CHROMIUM_ARGS, findChromium };

const BLOCKED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet']);

export async function renderSite(opts: CrawlRunOptions): Promise<{ interrupted: boolean }> {
  const { ctx } = opts;
  const state = ctx.state;
  const concurrency = Math.min(opts.concurrency ?? 4, 4); // browsers are heavy on 2 cores
  const executablePath = findChromium();
  const progress = () => opts.onProgress?.({ done: state.done.size, queued: Math.max(0, state.seen.size - state.done.size), errors: state.failures });
  /** Why the polite fetcher refused a page's own request (robots.txt, refused, timeout), by URL. */
  const navigationErrors = new Map<string, string>();
  /** Redirect chains the fetcher followed for pages (route handlers never see the hops the browser follows). */
  const redirected = new Map<string, { finalUrl: string; redirects: string[] }>();

  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        useChrome: false,
        launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      },
      browserPoolOptions: { useFingerprints: false },
      useSessionPool: false,
      persistCookiesPerSession: false,
      minConcurrency: 1,
      maxConcurrency: concurrency,
      maxRequestRetries: 0,
      navigationTimeoutSecs: 30,
      requestHandlerTimeoutSecs: 90,
      statusMessageLoggingInterval: 3600,
      log: quietLog(),
      preNavigationHooks: [
        async ({ page }, gotoOptions) => {
          if (gotoOptions) gotoOptions.waitUntil = 'networkidle';
          await page.route('**/*', (route: Route) => politeRoute(route, opts, navigationErrors, redirected));
        },
      ],
      requestHandler: async ({ request, page, response, crawler: self }) => {
        const url = request.url;
        const depth = (request.userData as { depth?: number }).depth ?? 0;
        if (state.isDone(url)) return;
        const html = await page.content();
        const chain = response?.request().redirectedFrom() ? redirectChain(response.request()) : [];
        const via = response ? redirected.get(response.request().url()) : undefined;
        const links = await processPage(ctx, {
          requestedUrl: url,
          depth,
          finalUrl: via?.finalUrl ?? page.url(),
          status: response?.status() ?? 200,
          redirects: via?.redirects ?? chain,
          contentType: 'text/html; charset=utf-8',
          body: html,
          truncated: false,
        });
        const admitted = state.admit(links, depth + 1);
        if (admitted.length && !opts.signal?.aborted) await self.addRequests(toRequests(admitted), { waitForAllRequestsToBeAdded: false });
        progress();
      },
      failedRequestHandler: async ({ request }, error) => {
        const code = navigationErrors.get(request.url) ?? (/ERR_CONNECTION_REFUSED/.test(error.message)
          ? 'ECONNREFUSED'
          : /timeout/i.test(error.message)
            ? 'ETIMEDOUT'
            : /ERR_NAME_NOT_RESOLVED/.test(error.message)
              ? 'ENOTFOUND'
              : 'EBROWSER');
        state.complete({ t: 'page', u: request.url, o: outcomeFromError(request.url, new FetchError(code, error.message, request.url), true), f: [], e: [] });
        progress();
      },
    },
    crawlerConfiguration(),
  );

  let interrupted = false;
  const onAbort = () => {
    interrupted = true;
    crawler.stop('已中断');
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await crawler.run(toRequests(opts.initial));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await crawler.teardown().catch(() => undefined);
  }
  return { interrupted };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);
const ABORT_REASON: Record<string, string> = { ROBOTS_DISALLOWED: 'blockedbyclient', ECONNREFUSED: 'connectionrefused', ETIMEDOUT: 'timedout', ENOTFOUND: 'namenotresolved' };

/** Every GET/HEAD the browser makes goes through the polite fetcher (rate, concurrency cap, robots.txt, 429
 *  Retry-After, retries, User-Agent, body cap). Redirects are followed by the fetcher too (Playwright routes never
 *  see the hops a browser follows): a page keeps its chain in `redirected` and gets a <base> of its final URL. */
async function politeRoute(
  route: Route,
  opts: CrawlRunOptions,
  navigationErrors: Map<string, string>,
  redirected: Map<string, { finalUrl: string; redirects: string[] }>,
): Promise<void> {
  const req = route.request();
  if (BLOCKED_RESOURCES.has(req.resourceType())) return route.abort();
  const method = req.method();
  if ((method !== 'GET' && method !== 'HEAD') || !/^https?:/i.test(req.url())) return route.continue();
  const headers = Object.fromEntries(
    Object.entries(req.headers()).filter(([k]) => !['user-agent', 'accept-encoding', 'host', 'connection'].includes(k.toLowerCase())),
  );
  try {
    const res = await opts.fetcher.fetch({ url: req.url(), method, headers, maxBytes: opts.maxBytes });
    const out = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    let body = res.body;
    if (res.redirects.length > 0 && req.isNavigationRequest()) {
      redirected.set(req.url(), { finalUrl: res.finalUrl, redirects: res.redirects });
      // ASCII-safe in any charset the page may use (the final URL is percent-encoded).
      const text = body.toString('latin1');
      if (!/<base[\s>]/i.test(text)) body = Buffer.from(text.replace(/<head\b[^>]*>/i, (h) => `${h}<base href="${res.finalUrl}">`), 'latin1');
    }
    await route.fulfill({ status: res.status, headers: out, body });
  } catch (error) {
    const code = error instanceof FetchError ? error.code : 'EFETCH';
    if (req.isNavigationRequest()) navigationErrors.set(req.url(), code);
    await route.abort(ABORT_REASON[code] ?? 'failed').catch(() => undefined);
  }
}

function redirectChain(req: { url(): string; redirectedFrom(): unknown }): string[] {
  const urls: string[] = [];
  let current: { url(): string; redirectedFrom(): unknown } | null = req;
  while (current) {
    urls.unshift(current.url());
    current = current.redirectedFrom() as typeof current;
  }
  return urls;
}
