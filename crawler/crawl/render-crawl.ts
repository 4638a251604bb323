// --render: the same crawl through Crawlee's PlaywrightCrawler driving the system Chromium (playwright-core, no
// browser download), for sites whose lists are built by scripts. The rendered HTML goes through the same
// extraction as the Cheerio path, so records are identical in shape.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { PlaywrightCrawler } from 'crawlee';
import { FetchError } from '../http/fetcher-types.js';
import { outcomeFromError } from '../links/link-checker.js';
import { crawlerConfiguration, quietLog, toRequests, type CrawlRunOptions } from './crawl-site.js';
import { processPage } from './process-page.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** The system Chromium: env GONGKAI_CHROMIUM, else the usual install paths. */
export function findChromium(): string {
  const candidates = [process.env.GONGKAI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  throw new FetchError('NO_BROWSER', '找不到 Chromium 浏览器：请安装 chromium 或用环境变量 GONGKAI_CHROMIUM 指定其路径', '');
}

const BLOCKED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet']);

export async function renderSite(opts: CrawlRunOptions): Promise<{ interrupted: boolean }> {
  const { ctx } = opts;
  const state = ctx.state;
  const concurrency = Math.min(opts.concurrency ?? 4, 4); // browsers are heavy on 2 cores
  const executablePath = findChromium();
  const progress = () => opts.onProgress?.({ done: state.done.size, queued: Math.max(0, state.seen.size - state.done.size), errors: state.failures });

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
          await page.route('**/*', (route: import('playwright-core').Route) =>
            BLOCKED_RESOURCES.has(route.request().resourceType()) ? route.abort() : route.continue(),
          );
        },
      ],
      requestHandler: async ({ request, page, response, crawler: self }) => {
        const url = request.url;
        const depth = (request.userData as { depth?: number }).depth ?? 0;
        if (state.isDone(url)) return;
        const html = await page.content();
        const chain = response?.request().redirectedFrom() ? redirectChain(response.request()) : [];
        const links = await processPage(ctx, {
          requestedUrl: url,
          depth,
          finalUrl: page.url(),
          status: response?.status() ?? 200,
          redirects: chain,
          contentType: 'text/html; charset=utf-8',
          body: html,
          truncated: false,
        });
        const admitted = state.admit(links, depth + 1);
        if (admitted.length && !opts.signal?.aborted) await self.addRequests(toRequests(admitted), { waitForAllRequestsToBeAdded: false });
        progress();
      },
      failedRequestHandler: async ({ request }, error) => {
        const code = /ERR_CONNECTION_REFUSED/.test(error.message)
          ? 'ECONNREFUSED'
          : /timeout/i.test(error.message)
            ? 'ETIMEDOUT'
            : /ERR_NAME_NOT_RESOLVED/.test(error.message)
              ? 'ENOTFOUND'
              : 'EBROWSER';
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

function redirectChain(req: { url(): string; redirectedFrom(): unknown }): string[] {
  const urls: string[] = [];
  let current: { url(): string; redirectedFrom(): unknown } | null = req;
  while (current) {
    urls.unshift(current.url());
    current = current.redirectedFrom() as typeof current;
  }
  return urls;
}
