// One fetched (or rendered) page → outcome, page record, page-rule findings and the in-site links to follow.
// Shared by the Cheerio path (bytes from the polite fetcher) and the --render path (HTML from Chromium).
import type { RuleRunner } from '../../rules/engine/rule-runner.js';
import type { LinkOutcome } from '../../rules/site-model.js';
import { isSameSite, normalizeUrl } from '../url/normalize.js';
import { analyzePage, linksToCheck, type AnalyzedInWorker, type AnalyzeInput, type AnalyzeResult, type LinkToCheck } from './analyze-page.js';
import { PoolUnavailableError, WORKER_MAX_PAGE_BYTES, type PagePool } from './page-pool.js';
import type { CrawlState } from './crawl-state.js';
import type { JournalPage, JournalPageJson } from './journal.js';
import { resultHolds, type AuditCache, type CachedPage } from '../cache/audit-cache.js';

export interface PageContext {
  siteUrl: string;
  sameSiteHosts: string[];
  dropParams: string[];
  runner: RuleRunner;
  state: CrawlState;
  /** Body text kept per record for site rules (textBlocks are dropped after page rules ran). */
  keepTextChars?: number;
  /** Accumulated per-stage CPU time in ms (the bench reports rule cost per page from it). */
  timings?: PageTimings;
  /** Called with the links of each parsed page that it does not follow as pages (the audit starts link checks
   *  from it). */
  onPage?(links: readonly LinkToCheck[]): void;
  /** Crawl depth cap (crawl.maxDepth): links of a page at the cap are recorded as cut (crawl/trap). */
  maxDepth?: number;
  /** Incremental re-audit cache and the fingerprint of what shapes findings (see crawler/cache). */
  cache?: AuditCache;
  fingerprint?: string;
  /** The audit's as-of date (cached results record theirs). */
  asOf?: string;
  /** Page workers (built-in packs only); without, every page is analysed in this thread. */
  pool?: PagePool;
}

export { flattenDeepNesting, MAX_NESTING, parseHtml } from '../extract/parse-page.js';

export interface PageTimings {
  parseMs: number;
  extractMs: number;
  pageRulesMs: number;
  pages: number;
  /** Pages analysed by page workers. */
  workerPages: number;
}

export function emptyPageTimings(): PageTimings {
  return { parseMs: 0, extractMs: 0, pageRulesMs: 0, pages: 0, workerPages: 0 };
}

/** A fetched (or rendered) page: what analysis takes, before its final URL is normalised, plus its depth. */
export interface FetchedPage extends Omit<AnalyzeInput, 'fetchedAt'> {
  depth: number;
}

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml|text\/plain)?\s*(;|$)/i;

export function outcomeOf(page: FetchedPage): LinkOutcome {
  const outcome: LinkOutcome = {
    url: page.requestedUrl,
    state: page.status < 400 ? 'ok' : 'broken',
    status: page.status,
    internal: true,
    finalUrl: page.finalUrl,
    checkedAt: new Date().toISOString(),
  };
  if (page.redirects.length) outcome.redirects = page.redirects;
  if (page.contentType) outcome.contentType = page.contentType;
  return outcome;
}

/** Process one page; returns the normalised in-site links worth following. */
export async function processPage(ctx: PageContext, page: FetchedPage): Promise<string[]> {
  return (await processPageDetailed(ctx, page)).follow;
}

/** A 304 answer to a conditional request: the cached result when it was made under the same fingerprint, else
 *  the cached body processed again (no download either way). */
export async function reuseCachedPage(ctx: PageContext, cached: CachedPage, depth: number): Promise<string[]> {
  if (resultHolds(cached, ctx.fingerprint ?? '', ctx.asOf ?? '') && (cached.recordUrl === undefined || ctx.state.records.cache)) {
    // The record stays in the cache until the site rules read it; its links are checked after the crawl.
    const entry: JournalPage = { ...cached.entry, o: { ...cached.entry.o, checkedAt: new Date().toISOString() } };
    if (cached.recordUrl !== undefined) {
      entry.rc = cached.url;
      entry.ru = cached.recordUrl;
    }
    ctx.state.complete(entry);
    if (ctx.cache) ctx.cache.stats.pageReused++;
    return cached.follow;
  }
  if (ctx.cache) ctx.cache.stats.pageReprocessed++;
  const { follow, entry, entryJson, recordUrl } = await processPageDetailed(ctx, {
    requestedUrl: cached.url,
    depth,
    finalUrl: cached.finalUrl,
    status: cached.status,
    redirects: cached.redirects,
    contentType: cached.contentType,
    body: cached.body,
    truncated: false,
  });
  ctx.cache?.putPage({ ...cached, body: cached.body, fingerprint: ctx.fingerprint ?? '', ...(ctx.asOf ? { asOf: ctx.asOf } : {}), entry, follow, recordUrl }, entryJson);
  return follow;
}

export interface ProcessedPage {
  follow: string[];
  entry: JournalPage;
  entryJson?: JournalPageJson;
  /** The page record's URL, when the page has one (in `entry.r`, or only in `entryJson` when a worker made it). */
  recordUrl?: string;
}

export async function processPageDetailed(ctx: PageContext, page: FetchedPage): Promise<ProcessedPage> {
  const { state } = ctx;
  const outcome = outcomeOf(page);
  const entry: JournalPage = { t: 'page', u: page.requestedUrl, o: outcome, f: [], e: [] };
  const finalUrl = normalizeUrl(page.finalUrl, undefined, { dropParams: ctx.dropParams }) ?? page.finalUrl;
  const sameSite = isSameSite(finalUrl, ctx.siteUrl, ctx.sameSiteHosts);
  const isHtml = HTML_TYPE.test(page.contentType ?? '');
  const redirectedToKnown = finalUrl !== page.requestedUrl && (state.isDone(finalUrl) || state.seen.has(finalUrl));
  if (finalUrl !== page.requestedUrl && sameSite && !redirectedToKnown) entry.also = [finalUrl];
  // A redirect to another site is not crawled; a redirect to a page crawled anyway is not parsed twice.
  if (page.status >= 400 || !sameSite || redirectedToKnown || !isHtml) {
    state.complete(entry);
    return { follow: [], entry };
  }
  const input: AnalyzeInput = {
    requestedUrl: page.requestedUrl,
    finalUrl,
    status: page.status,
    redirects: page.redirects,
    ...(page.contentType ? { contentType: page.contentType } : {}),
    body: page.body,
    truncated: page.truncated,
    fetchedAt: new Date().toISOString(),
  };
  let analyzed: AnalyzeResult | AnalyzedInWorker;
  try {
    analyzed = await analyze(ctx, input, page.depth);
  } catch (error) {
    // Extraction must never crash the audit: note it and keep the outcome.
    entry.e = [{ rule: 'crawler/extract', url: finalUrl, message: `页面解析失败：${(error as Error).message}` }];
    state.complete(entry);
    return { follow: [], entry };
  }
  const timings = ctx.timings;
  if (timings) {
    timings.parseMs += analyzed.parseMs;
    timings.extractMs += analyzed.extractMs;
    timings.pageRulesMs += analyzed.pageRulesMs;
    timings.pages++;
  }
  // A record analysed here is in the entry; one from a worker is only its JSON bytes (the journal's and the cache's).
  if ('record' in analyzed) entry.r = analyzed.record;
  const recordUrl = 'record' in analyzed ? analyzed.record.url : analyzed.recordUrl;
  entry.f = analyzed.findings;
  entry.e = analyzed.errors;
  if (analyzed.idBirths.length) entry.b = analyzed.idBirths;
  const entryJson = state.complete(entry, analyzed.recordJson, recordUrl);
  ctx.onPage?.('record' in analyzed ? linksToCheck(analyzed.record, analyzed.follow) : analyzed.check);
  return { follow: analyzed.follow, entry, recordUrl, ...(entryJson ? { entryJson } : {}) };
}

/** In a page worker when the pool wants the page, else here. Pages at the depth cap stay here (their cut links
 *  are judged against the crawl's own queue), and so do very large ones (a worker's heap is capped). */
async function analyze(ctx: PageContext, input: AnalyzeInput, depth: number): Promise<AnalyzeResult | AnalyzedInWorker> {
  const { state } = ctx;
  const atCap = ctx.maxDepth !== undefined && depth + 1 > ctx.maxDepth;
  const large = input.body.length > WORKER_MAX_PAGE_BYTES;
  if (ctx.pool && !atCap && !large && ctx.pool.wanted(state.seen.size)) {
    try {
      const result = await ctx.pool.analyze(input);
      if (ctx.timings) ctx.timings.workerPages++;
      return result;
    } catch (error) {
      if (!(error instanceof PoolUnavailableError)) throw error;
    }
  }
  const maxDepth = ctx.maxDepth;
  return analyzePage(input, ctx, ctx.runner, (record, follow) => {
    if (maxDepth === undefined || !atCap) return;
    const cut = follow.filter((u) => !state.seen.has(u));
    if (cut.length) record.crawlCut = { maxDepth, links: cut.length, sample: cut.slice(0, 3) };
  });
}
