// The page crawl: Crawlee's BasicCrawler (queue, fixed concurrency, router, failure handler) with the HTTP done by
// our polite keep-alive Fetcher — one place for rate, robots, 429 and caps, and connection reuse Crawlee's own
// HTTP stack lacks. Used deliberately (issue 7): own Configuration with in-memory storage per audit, min =
// max concurrency, no session pool, no retries of its own (the Fetcher retries), links de-duplicated in a Set
// before addRequests, only in-site pages enqueued (link targets are checked elsewhere). In an incremental re-audit,
// pages the cache knows are revalidated outside Crawlee's queue (a conditional request each, in a lane of the same
// concurrency and through the same polite fetcher): an unchanged page is a 304 and a cached result, and a Crawlee
// task for it cost more than the request itself. New pages still go through Crawlee.
import { BasicCrawler, Configuration, createBasicRouter, Log, LogLevel, type RequestQueue } from '@crawlee/basic';
import pLimit from 'p-limit';
import { MemoryStorage } from '@crawlee/memory-storage';
import type { Fetcher } from '../http/fetcher-types.js';
import { FetchError } from '../http/fetcher-types.js';
import { outcomeFromError } from '../links/link-checker.js';
import type { CrawlState } from './crawl-state.js';
import { processPageDetailed, reuseCachedPage, type PageContext } from './process-page.js';
import { conditionalHeaders } from '../cache/audit-cache.js';
import { FifoRequestManager, MAX_PAGES_PER_TASK, type BatchUserData } from './fifo-request-manager.js';

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
    // Crawlee samples memory every second by spawning `ps` (≈0.35 s of a 10,000-page crawl) to scale concurrency,
    // which is fixed here (min = max).
    systemInfoIntervalMillis: 3_600_000,
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

  /** Fetch one page (conditionally when cached), process or reuse it, admit its links. */
  const visit = async (url: string, depth: number): Promise<void> => {
    if (state.isDone(url)) return;
    let links: string[];
    try {
      const cached = ctx.cache?.hasPage(url) ? ctx.cache.getPage(url) : undefined;
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
        const { follow, entry, entryJson, recordUrl } = await processPageDetailed(ctx, page);
        links = follow;
        if (ctx.cache && res.status === 200 && !res.truncated) {
          ctx.cache.putPage({
            url,
            etag: res.headers['etag'],
            lastModified: res.headers['last-modified'],
            fingerprint: ctx.fingerprint ?? '',
            ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
            status: res.status,
            finalUrl: res.finalUrl,
            ...(page.contentType ? { contentType: page.contentType } : {}),
            redirects: res.redirects,
            body: res.body,
            entry,
            follow,
            recordUrl,
          }, entryJson);
        }
      }
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      state.complete({ t: 'page', u: url, o: outcomeFromError(url, error, true), f: [], e: [] });
      links = [];
    }
    const admitted = state.admit(links, depth + 1);
    if (admitted.length && !opts.signal?.aborted) enqueue(admitted);
    progress();
  };

  const unexpected = (url: string, error: Error) =>
    // Only unexpected errors land here (fetch failures are outcomes): keep them as audit errors.
    state.complete({
      t: 'page',
      u: url,
      o: { url, state: 'ok', internal: true },
      f: [],
      e: [{ rule: 'crawler/page', url, message: `页面处理出错：${error.message}` }],
    });

  // The revalidation lane (incremental re-audits): cached pages, outside Crawlee's queue.
  const lane = pLimit(concurrency);
  let laneBusy = 0;
  const enqueue = (pairs: [string, number][]) => {
    const fresh: [string, number][] = [];
    for (const pair of pairs) {
      if (!ctx.cache?.hasPage(pair[0])) {
        fresh.push(pair);
        continue;
      }
      laneBusy++;
      void lane(() => (opts.signal?.aborted ? undefined : visit(pair[0], pair[1])))
        .catch((error: Error) => unexpected(pair[0], error))
        .finally(() => laneBusy--);
    }
    if (fresh.length) requests.push(fresh);
  };

  router.addDefaultHandler(async ({ request }) => {
    const { depth, more } = request.userData as BatchUserData;
    let failure: unknown;
    try {
      await visit(request.url, depth ?? 0);
    } catch (error) {
      failure = error;
    }
    // The task's further pages, one after the other (unexpected errors are each page's own); an interrupt leaves
    // the rest in the journal's queue.
    for (const [url, d] of more ?? []) {
      if (opts.signal?.aborted) break;
      await visit(url, d).catch((error: Error) => unexpected(url, error));
    }
    // The request's own page goes to the failure handler, as a task of one page would.
    if (failure !== undefined) throw failure;
  });

  const requests = new FifoRequestManager(() => laneBusy > 0, concurrency);
  enqueue(opts.initial);
  const crawler = new BasicCrawler(
    {
      // requestQueue, not requestManager: 3.18 validates options against a shape that omits the latter.
      requestQueue: requests as unknown as RequestQueue,
      requestHandler: router,
      failedRequestHandler: async ({ request }, error) => {
        unexpected(request.url, error);
      },
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      // Polled while the revalidation lane may still hand it pages (default 0.5 s).
      autoscaledPoolOptions: { maybeRunIntervalSecs: 0.02 },
      maxRequestRetries: 0,
      useSessionPool: false,
      requestHandlerTimeoutSecs: 300 * MAX_PAGES_PER_TASK,
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
    // Stopped (interrupt): let the lane's requests in flight settle before the caller reads the state.
    while (laneBusy > 0) await new Promise((r) => setTimeout(r, 10));
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
