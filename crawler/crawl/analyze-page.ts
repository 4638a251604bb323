// The CPU-heavy part of one page, free of crawl state so that it runs the same in the audit's thread and in a
// page worker (crawler/crawl/page-pool.ts): bytes → decoded HTML → tree (parse-page.ts) → page record → page rules
// → the slim record (and its JSON) kept for site rules, and the in-site links to follow.
import { idBirthDates } from '../../rules/text/id-number.js';
import { joinedPageText } from '../../rules/national/page-text.js';
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { RuleRunner } from '../../rules/engine/rule-runner.js';
import { createCheerioAdapter } from '../extract/cheerio-adapter.js';
import { MAX_NESTING, parsePage } from '../extract/parse-page.js';
import { extractPage } from '../extract/extract-page.js';
import { decodeHtml } from '../http/decode.js';
import type { PageRecord } from '../page-record.js';
import { stringifyRecord } from './record-json.js';
import { attachmentExt, isSameSite, normalizeUrl } from '../url/normalize.js';

/** What analysis needs to know of the audit (plain data: it is sent to page workers). */
export interface AnalyzeSettings {
  siteUrl: string;
  sameSiteHosts: string[];
  dropParams: string[];
  /** Body text kept per record for site rules (textBlocks are dropped after page rules ran). */
  keepTextChars?: number;
}

/** One fetched page that is same-site HTML with a status below 400 (the caller has checked). */
export interface AnalyzeInput {
  requestedUrl: string;
  /** Normalised final URL. */
  finalUrl: string;
  status: number;
  redirects: string[];
  contentType?: string;
  /** Raw bytes (decoded here) or already-decoded HTML (rendered). */
  body: Uint8Array | string;
  truncated: boolean;
  fetchedAt: string;
}

/** A link the audit's link check judges: one the page does not follow as a page. */
export interface LinkToCheck {
  url: string;
  internal: boolean;
  attachment: boolean;
}

/** The links of a record it does not follow as pages, in order (the link check's part of the page). */
export function linksToCheck(record: PageRecord, follow: readonly string[]): LinkToCheck[] {
  const followed = new Set(follow);
  const out: LinkToCheck[] = [];
  for (const l of record.links) if (!followed.has(l.url)) out.push({ url: l.url, internal: l.internal, attachment: l.attachment });
  return out;
}

/**
 * A page analysed in a page worker, as the audit's thread receives it: the record only as its JSON bytes (which
 * the journal and the cache take as they are), with its URL and the links the link check needs. Cloning the record
 * object across threads cost ≈0.2 ms a page of both threads' time, for fields the audit's thread never read.
 */
export interface AnalyzedInWorker extends Omit<AnalyzeResult, 'record'> {
  recordUrl: string;
  check: LinkToCheck[];
}

export function forAuditThread(result: AnalyzeResult): AnalyzedInWorker {
  const { record, ...rest } = result;
  return { ...rest, recordUrl: record.url, check: linksToCheck(record, result.follow) };
}

export interface AnalyzeResult {
  /** The slim record (text blocks dropped, body text capped). The audit keeps it in the journal (record-store.ts). */
  record: PageRecord;
  /** The slim record's stored JSON (record-json.ts) in UTF-8, made here (in the page worker) for the journal and
   *  the cache: the audit's thread spent ≈1.5 s of a 10,000-page crawl serialising and encoding records. */
  recordJson: Uint8Array;
  findings: Finding[];
  errors: RuleError[];
  follow: string[];
  /** Birth dates of well-formed ID numbers in the page's text (privacy/id-number depends on the as-of date only
   *  through them): a cached result is reused under another as-of date unless one lies between the two. */
  idBirths: string[];
  parseMs: number;
  extractMs: number;
  pageRulesMs: number;
}

const UTF8 = new TextEncoder();

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

/** Analyse one page. `beforeRules` may add to the record before the page rules read it (the crawl-depth cut,
 *  which needs the crawl's state). Throws when parsing or extraction fails (the caller records it). */
export async function analyzePage(
  input: AnalyzeInput,
  settings: AnalyzeSettings,
  runner: RuleRunner,
  beforeRules?: (record: PageRecord, follow: string[]) => void,
): Promise<AnalyzeResult> {
  let html: string;
  let encoding: string | undefined;
  const notes: string[] = [];
  if (typeof input.body === 'string') {
    html = input.body;
  } else if (looksBinary(input.body)) {
    notes.push('内容不是 HTML（以 text/html 返回的二进制数据），未解析');
    html = '';
  } else {
    const decoded = decodeHtml(input.body, input.contentType);
    html = decoded.text;
    encoding = decoded.encoding;
  }
  if (input.truncated) notes.push('页面超过大小上限，已截断');
  const t0 = performance.now();
  const parsed = parsePage(html);
  if (parsed.flattened) notes.push(`页面元素嵌套超过 ${MAX_NESTING} 层，更深的层级已平铺处理`);
  const adapter = createCheerioAdapter(parsed.doc, input.finalUrl);
  const t1 = performance.now();
  const record = extractPage(adapter, {
    url: input.finalUrl,
    status: input.status,
    requestedUrl: input.requestedUrl,
    redirects: input.redirects,
    contentType: input.contentType,
    encoding,
    fetchedAt: input.fetchedAt,
    siteUrl: settings.siteUrl,
    sameSiteHosts: settings.sameSiteHosts,
    dropParams: settings.dropParams,
  });
  if (notes.length) record.notes = [...record.notes, ...notes];
  if (input.truncated && typeof input.body !== 'string') record.truncatedAt = input.body.length;
  const follow = followLinks(settings, record);
  beforeRules?.(record, follow);
  const t2 = performance.now();
  // Timed before the await: during it other pages may run, and their work is not this page's rule time.
  const pending = runner.runPage(record, adapter);
  const t3 = performance.now();
  const { findings, errors } = await pending;
  const slimmed = slim(record, settings.keepTextChars ?? 20_000);
  return {
    record: slimmed,
    recordJson: UTF8.encode(stringifyRecord(slimmed)),
    findings,
    errors,
    follow,
    idBirths: idBirthDates(joinedPageText(record)),
    parseMs: t1 - t0,
    extractMs: t2 - t1,
    pageRulesMs: t3 - t2,
  };
}

/** What site rules need of a record: drop the text blocks, cap the body text. */
export function slim(record: PageRecord, keepTextChars: number): PageRecord {
  return {
    ...record,
    textBlocks: [],
    bodyText: record.bodyText.length > keepTextChars ? record.bodyText.slice(0, keepTextChars) : record.bodyText,
  };
}

const FOLLOW_TAGS = new Set(['a', 'area', 'iframe']);

export function followLinks(settings: AnalyzeSettings, record: PageRecord): string[] {
  const out = new Set<string>();
  for (const link of record.links) {
    if (!link.internal || link.attachment || !FOLLOW_TAGS.has(link.tag)) continue;
    out.add(link.url);
  }
  for (const raw of record.pagination?.pages ?? []) {
    const url = normalizeUrl(raw, record.url, { dropParams: settings.dropParams });
    if (url && isSameSite(url, settings.siteUrl, settings.sameSiteHosts)) out.add(url);
  }
  // List entries carry links written by scripts (Hanweb data proxies) that are not in the anchors.
  for (const entry of record.listEntries) {
    const url = normalizeUrl(entry.url, record.url, { dropParams: settings.dropParams });
    if (url && !attachmentExt(url) && isSameSite(url, settings.siteUrl, settings.sameSiteHosts)) out.add(url);
  }
  return [...out];
}
