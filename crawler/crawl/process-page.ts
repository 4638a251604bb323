// One fetched (or rendered) page → outcome, page record, page-rule findings and the in-site links to follow.
// Shared by the Cheerio path (bytes from the polite fetcher) and the --render path (HTML from Chromium).
import * as cheerio from 'cheerio';
import { parseDocument } from 'htmlparser2';
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { RuleRunner } from '../../rules/engine/rule-runner.js';
import type { LinkOutcome } from '../../rules/site-model.js';
import { createCheerioAdapter } from '../extract/cheerio-adapter.js';
import { extractPage } from '../extract/extract-page.js';
import { decodeHtml } from '../http/decode.js';
import type { PageRecord } from '../page-record.js';
import { attachmentExt, isSameSite, normalizeUrl } from '../url/normalize.js';
import type { CrawlState } from './crawl-state.js';
import type { JournalPage } from './journal.js';
import type { AuditCache, CachedPage } from '../cache/audit-cache.js';

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
  /** Called with each parsed page and the links it will follow (the audit starts link checks from it). */
  onPage?(record: PageRecord, follow: string[]): void;
  /** Crawl depth cap (crawl.maxDepth): links of a page at the cap are recorded as cut (crawl/trap). */
  maxDepth?: number;
  /** Incremental re-audit cache and the fingerprint of what shapes findings (see crawler/cache). */
  cache?: AuditCache;
  fingerprint?: string;
}

export interface PageTimings {
  parseMs: number;
  extractMs: number;
  pageRulesMs: number;
  pages: number;
}

export function emptyPageTimings(): PageTimings {
  return { parseMs: 0, extractMs: 0, pageRulesMs: 0, pages: 0 };
}

export interface FetchedPage {
  requestedUrl: string;
  depth: number;
  finalUrl: string;
  status: number;
  redirects: string[];
  contentType?: string;
  /** Raw bytes (decoded here) or already-decoded HTML (rendered). */
  body: Uint8Array | string;
  truncated: boolean;
}

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml|text\/plain)?\s*(;|$)/i;

/** Mostly-binary bytes served as text/html: not worth parsing. */
function looksBinary(body: Uint8Array): boolean {
  const n = Math.min(body.length, 2048);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = body[i];
    if (b === 0 || (b < 9 && b !== 0) || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.05;
}

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
  if (cached.fingerprint === ctx.fingerprint) {
    const entry: JournalPage = { ...cached.entry, o: { ...cached.entry.o, checkedAt: new Date().toISOString() } };
    ctx.state.complete(entry);
    if (ctx.cache) ctx.cache.stats.pageReused++;
    if (entry.r) ctx.onPage?.(entry.r, cached.follow);
    return cached.follow;
  }
  if (ctx.cache) ctx.cache.stats.pageReprocessed++;
  const { follow, entry } = await processPageDetailed(ctx, {
    requestedUrl: cached.url,
    depth,
    finalUrl: cached.finalUrl,
    status: cached.status,
    redirects: cached.redirects,
    contentType: cached.contentType,
    body: cached.body,
    truncated: false,
  });
  ctx.cache?.putPage({ ...cached, body: cached.body, fingerprint: ctx.fingerprint ?? '', entry, follow });
  return follow;
}

export async function processPageDetailed(ctx: PageContext, page: FetchedPage): Promise<{ follow: string[]; entry: JournalPage }> {
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
  let html: string;
  let encoding: string | undefined;
  const notes: string[] = [];
  if (typeof page.body === 'string') {
    html = page.body;
  } else {
    if (looksBinary(page.body)) {
      notes.push('内容不是 HTML（以 text/html 返回的二进制数据），未解析');
      html = '';
    } else {
      const decoded = decodeHtml(page.body, page.contentType);
      html = decoded.text;
      encoding = decoded.encoding;
    }
  }
  if (page.truncated) notes.push('页面超过大小上限，已截断');
  let record: PageRecord;
  let findings: Finding[] = [];
  let errors: RuleError[] = [];
  const timings = ctx.timings;
  try {
    const t0 = performance.now();
    const flat = flattenDeepNesting(html);
    if (flat.flattened) notes.push(`页面元素嵌套超过 ${MAX_NESTING} 层，更深的层级已平铺处理`);
    const $ = parseHtml(flat.html);
    const adapter = createCheerioAdapter($, finalUrl);
    const t1 = performance.now();
    record = extractPage(adapter, {
      url: finalUrl,
      status: page.status,
      requestedUrl: page.requestedUrl,
      redirects: page.redirects,
      contentType: page.contentType,
      encoding,
      fetchedAt: new Date().toISOString(),
      siteUrl: ctx.siteUrl,
      sameSiteHosts: ctx.sameSiteHosts,
      dropParams: ctx.dropParams,
    });
    if (notes.length) record.notes = [...record.notes, ...notes];
    if (page.truncated && typeof page.body !== 'string') record.truncatedAt = page.body.length;
    if (ctx.maxDepth !== undefined && page.depth + 1 > ctx.maxDepth) {
      const cut = followLinks(ctx, record).filter((u) => !state.seen.has(u));
      if (cut.length) record.crawlCut = { maxDepth: ctx.maxDepth, links: cut.length, sample: cut.slice(0, 3) };
    }
    const t2 = performance.now();
    ({ findings, errors } = await ctx.runner.runPage(record, adapter));
    if (timings) {
      timings.parseMs += t1 - t0;
      timings.extractMs += t2 - t1;
      timings.pageRulesMs += performance.now() - t2;
      timings.pages++;
    }
  } catch (error) {
    // Extraction must never crash the audit: note it and keep the outcome.
    entry.e = [{ rule: 'crawler/extract', url: finalUrl, message: `页面解析失败：${(error as Error).message}` }];
    state.complete(entry);
    return { follow: [], entry };
  }
  entry.r = slim(record, ctx.keepTextChars ?? 20_000, state.intern);
  entry.f = findings;
  entry.e = errors;
  state.complete(entry);
  const follow = followLinks(ctx, record);
  ctx.onPage?.(record, follow);
  return { follow, entry };
}

/** Pages above this size are parsed by htmlparser2 (several times faster than parse5 on megabytes of text;
 *  parse5 builds the browser's tree, so normal pages keep selectors identical to the extension's). */
const FAST_PARSE_CHARS = 1_000_000;

export function parseHtml(html: string): cheerio.CheerioAPI {
  const flat = flattenDeepNesting(html);
  html = flat.html;
  return html.length > FAST_PARSE_CHARS ? cheerio.load(parseDocument(html, { decodeEntities: true })) : cheerio.load(html);
}

/** Deeper than this, element tags are dropped (their text and links kept): both parse5 and htmlparser2 take time
 *  quadratic in nesting depth (100,000 levels: tens of seconds), and no real page nests a thousand levels. */
export const MAX_NESTING = 1000;
/** Neither counted nor dropped: void elements, elements whose end tag may be omitted (a list of 2,000 unclosed
 *  <li> is not 2,000 levels deep), and links (a link deep inside is still a link to check). */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', '!doctype',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'option', 'optgroup', 'rt', 'rp',
  'a', 'iframe',
]);
/** Raw-text elements: their content is skipped (a `<` in a script is not a tag). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
const TAG = /<(\/?)([a-zA-Z!][\w:-]*)[^>]*?(\/?)>/g;

export function flattenDeepNesting(html: string, maxDepth = MAX_NESTING): { html: string; flattened: boolean } {
  // Cheap exit: a page with fewer tags than the cap cannot nest deeper than it.
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return { html, flattened: false };
  let depth = 0;
  let flattened = false;
  const parts: string[] = [];
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2].toLowerCase();
    if (m[1] !== '/' && RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = TAG.lastIndex;
      if (!end.exec(html)) break;
      TAG.lastIndex = end.lastIndex - name.length - 2;
      continue;
    }
    if (NOT_NESTING.has(name) || m[3] === '/') continue;
    if (m[1] === '/') {
      if (depth > maxDepth) {
        parts.push(html.slice(last, m.index));
        last = m.index + m[0].length;
        flattened = true;
      }
      depth = Math.max(0, depth - 1);
    } else {
      depth++;
      if (depth > maxDepth) {
        parts.push(html.slice(last, m.index));
        last = m.index + m[0].length;
        flattened = true;
      }
    }
  }
  if (!flattened) return { html, flattened };
  parts.push(html.slice(last));
  return { html: parts.join(''), flattened };
}

/** What site rules need of a record: drop the text blocks, cap the body text. */
export function slim(record: PageRecord, keepTextChars: number, intern: (s: string) => string = (s) => s): PageRecord {
  return {
    ...record,
    // Navigation, footer and related links repeat on every page: one copy of each string for the whole site
    // (the site model holds every record until the site rules ran; this is most of its memory).
    links: record.links.map((l) => ({
      ...l,
      url: intern(l.url),
      raw: intern(l.raw),
      tag: intern(l.tag) as typeof l.tag,
      attr: intern(l.attr),
      text: intern(l.text),
      selector: intern(l.selector),
    })),
    breadcrumb: record.breadcrumb.map(intern),
    ...(record.contentType ? { contentType: intern(record.contentType) } : {}),
    textBlocks: [],
    bodyText: record.bodyText.length > keepTextChars ? record.bodyText.slice(0, keepTextChars) : record.bodyText,
  };
}

const FOLLOW_TAGS = new Set(['a', 'area', 'iframe']);

function followLinks(ctx: PageContext, record: PageRecord): string[] {
  const out = new Set<string>();
  for (const link of record.links) {
    if (!link.internal || link.attachment || !FOLLOW_TAGS.has(link.tag)) continue;
    out.add(link.url);
  }
  for (const raw of record.pagination?.pages ?? []) {
    const url = normalizeUrl(raw, record.url, { dropParams: ctx.dropParams });
    if (url && isSameSite(url, ctx.siteUrl, ctx.sameSiteHosts)) out.add(url);
  }
  // List entries carry links written by scripts (Hanweb data proxies) that are not in the anchors.
  for (const entry of record.listEntries) {
    const url = normalizeUrl(entry.url, record.url, { dropParams: ctx.dropParams });
    if (url && !attachmentExt(url) && isSameSite(url, ctx.siteUrl, ctx.sameSiteHosts)) out.add(url);
  }
  return [...out];
}
