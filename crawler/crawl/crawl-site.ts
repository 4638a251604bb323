// The page crawl: Crawlee's BasicCrawler (queue, fixed concurrency, router, failure handler) with the HTTP done by
// our polite keep-alive Fetcher — one place for rate, robots, 429 and caps, and connection reuse Crawlee's own
// HTTP stack lacks. Used deliberately (issue 7): own Configuration with in-memory storage per audit, min =
// max concurrency, no session pool, no retries of its own (the Fetcher retries), links de-duplicated in a Set
// before addRequests, only in-site pages enqueued (link targets are checked elsewhere).
import { BasicCrawler, Configuration, createBasicRouter, Log, LogLevel, type RequestQueue } from '@crawlee/basic';
import { MemoryStorage } from '@crawlee/memory-storage';
import type { Fetcher } from '../http/fetcher-types.js';
import { FetchError } from '../http/fetcher-types.js';
import { outcomeFromError } from '../links/link-checker.js';
import type { CrawlState } from './crawl-state.js';
import { processPageDetailed, reuseCachedPage, type PageContext } from './process-page.js';
import { conditionalHeaders } from '../cache/audit-cache.js';
import { FifoRequestManager } from './fifo-request-manager.js';

export interface CrawlProgress {
  done: number;
  queued: number;
  errors: number;
}

export interface CrawlRunOptions {
  ctx: PageContext;
  fetcher: Fetcher;
  /** Pages in flight (default 8). */
  concurrency?: number;
  /** Page body cap (decoded bytes). */
  maxBytes?: number;
  /** Initial [url, depth] requests (start URL, or the journal's pending queue). */
  initial: [string, number][];
  signal?: AbortSignal;
  onProgress?(progress: CrawlProgress): void;
}

export function crawlerConfiguration(): Configuration {
  return new Configuration({
    persistStorage: false,
    purgeOnStart: false,
    storageClient: new MemoryStorage({ persistStorage: false, writeMetadata: false }),
  });
}

export function quietLog(): Log {
  return new Log({ level: LogLevel.OFF });
}

/** Crawl until the queue is empty or the signal aborts; results accumulate in ctx.state. */
export async function crawlSite(opts: CrawlRunOptions): Promise<{ interrupted: boolean }> {
  const { ctx, fetcher } = opts;
  const state: CrawlState = ctx.state;
  const concurrency = opts.concurrency ?? 8;
  const router = createBasicRouter();
  const progress = () => opts.onProgress?.({ done: state.done.size, queued: Math.max(0, state.seen.size - state.done.size), errors: state.failures });

  router.addDefaultHandler(async ({ request, crawler }) => {
    const url = request.url;
    const depth = (request.userData as { depth?: number }).depth ?? 0;
    if (state.isDone(url)) return;
    let links: string[];
    try {
      const cached = ctx.cache?.getPage(url);
      const res = await fetcher.fetch({ url, maxBytes: opts.maxBytes, ...(cached ? { headers: conditionalHeaders(cached) } : {}) });
      if (res.status === 304 && cached) {
        ctx.cache!.stats.pageHits++;
        links = await reuseCachedPage(ctx, cached, depth);
      } else {
        const page = {
          requestedUrl: url,
          depth,
          finalUrl: res.finalUrl,
          status: res.status,
          redirects: res.redirects,
          contentType: res.headers['content-type'],
          body: res.body,
          truncated: res.truncated,
        };
        const { follow, entry } = await processPageDetailed(ctx, page);
        links = follow;
        if (ctx.cache && res.status === 200 && !res.truncated) {
          ctx.cache.putPage({
            url,
            etag: res.headers['etag'],
            lastModified: res.headers['last-modified'],
            fingerprint: ctx.fingerprint ?? '',
            status: res.status,
            finalUrl: res.finalUrl,
            ...(page.contentType ? { contentType: page.contentType } : {}),
            redirects: res.redirects,
            body: res.body,
            entry,
            follow,
          });
        }
      }
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      state.complete({ t: 'page', u: url, o: outcomeFromError(url, error, true), f: [], e: [] });
      links = [];
    }
    const admitted = state.admit(links, depth + 1);
    if (admitted.length && !opts.signal?.aborted) requests.push(admitted);
    progress();
  });

  const requests = new FifoRequestManager();
  requests.push(opts.initial);
  const crawler = new BasicCrawler(
    {
      // requestQueue, not requestManager: 3.18 validates options against a shape that omits the latter.
      requestQueue: requests as unknown as RequestQueue,
      requestHandler: router,
      failedRequestHandler: async ({ request }, error) => {
        // Only unexpected errors land here (fetch failures are outcomes): keep them as audit errors.
        state.complete({
          t: 'page',
          u: request.url,
          o: { url: request.url, state: 'ok', internal: true },
          f: [],
          e: [{ rule: 'crawler/page', url: request.url, message: `页面处理出错：${error.message}` }],
        });
      },
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      maxRequestRetries: 0,
      useSessionPool: false,
      requestHandlerTimeoutSecs: 300,
      statusMessageLoggingInterval: 3600,
      log: quietLog(),
    },
    crawlerConfiguration(),
  );

  let interrupted = false;
  const onAbort = () => {
    interrupted = true;
    crawler.stop('已中断');
  };
  if (opts.signal?.aborted) return { interrupted: true };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await crawler.run();
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  progress();
  return { interrupted };
}

export function toRequests(pairs: [string, number][]) {
  // uniqueKey = our normalised URL: Crawlee need not normalise again, and nothing is de-duplicated twice.
  return pairs.map(([url, depth]) => ({ url, uniqueKey: url, userData: { depth } }));
}
