// What the crawl knows, in one object per audit (no global state): URLs admitted to the queue (with depth),
// pages done, where their slim records lie (record-store.ts), the outcomes of every fetched page and the page-rule
// findings. It admits links through a Set before anything reaches Crawlee (issue 7: building a Request per found
// link is the real cost).
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { LinkOutcome } from '../../rules/site-model.js';
import type { Journal, JournalPage, JournalPageJson, ReplayedJournal } from './journal.js';
import { RecordStore, type JournalSpan } from './record-store.js';
import { parseRecord } from './record-json.js';

const UTF8_DECODER = new TextDecoder();

export interface AdmitPolicy {
  include: RegExp[];
  exclude: RegExp[];
  maxPages?: number;
  maxDepth?: number;
}

/** Paths that are never HTML pages: left to the link checker, not fetched as pages. */
const NON_PAGE = /\.(jpe?g|png|gif|bmp|svg|webp|ico|css|js|mjs|json|xml|mp4|mp3|avi|flv|wmv|mov|swf|exe|apk|iso|dmg|woff2?|ttf|eot|tif|tiff)$/i;

export class CrawlState {
  readonly seen = new Map<string, number>();
  readonly done = new Set<string>();
  readonly records: RecordStore;
  readonly outcomes = new Map<string, LinkOutcome>();
  readonly findings: Finding[] = [];
  readonly errors: RuleError[] = [];
  /** A cap (max pages, depth) left pages uncrawled. */
  truncated = false;
  failures = 0;
  /** Pages replayed from the journal. */
  restored = 0;
  /** Called for each page completed in this run (not for replayed ones). */
  onComplete?: (entry: JournalPage) => void;

  constructor(
    private readonly policy: AdmitPolicy,
    private readonly journal?: Journal,
  ) {
    this.records = new RecordStore(journal?.path);
  }

  /** Admit new in-site page URLs; returns the ones to enqueue (and journals them). */
  admit(urls: Iterable<string>, depth: number): [string, number][] {
    const admitted: [string, number][] = [];
    const { include, exclude, maxPages, maxDepth } = this.policy;
    for (const url of urls) {
      if (this.seen.has(url)) continue;
      if (NON_PAGE.test(new URL(url).pathname)) continue;
      if (include.length && !include.some((r) => r.test(url))) continue;
      if (exclude.some((r) => r.test(url))) continue;
      if ((maxPages !== undefined && this.seen.size >= maxPages) || (maxDepth !== undefined && depth > maxDepth)) {
        this.truncated = true;
        continue;
      }
      this.seen.set(url, depth);
      admitted.push([url, depth]);
    }
    if (admitted.length) this.journal?.append({ t: 'enq', u: admitted });
    return admitted;
  }

  /** The start page: admitted whatever the filters say. */
  seed(url: string): [string, number][] {
    this.seen.set(url, 0);
    this.journal?.append({ t: 'enq', u: [[url, 0]] });
    return [[url, 0]];
  }

  /** Record a finished page (journalled first, so a kill right after loses nothing); returns its JSON when
   *  journalled (the incremental cache stores the same text). A record that is only JSON bytes (a page worker's,
   *  `recordUrl` its URL) stays in the journal; without one it is parsed and held. */
  complete(entry: JournalPage, recordJson?: Uint8Array, recordUrl?: string): JournalPageJson | undefined {
    const json = this.journal?.appendPage(entry, recordJson);
    const span = this.journal?.lastSpan;
    if (!entry.r && recordJson && !span?.record) entry.r = parseRecord(UTF8_DECODER.decode(recordJson));
    this.apply(entry, span, recordUrl);
    this.onComplete?.(entry);
    return json;
  }

  private apply(entry: JournalPage, span?: JournalSpan, recordUrl?: string): void {
    this.done.add(entry.u);
    this.outcomes.set(entry.u, entry.o);
    for (const also of entry.also ?? []) {
      this.done.add(also);
      if (!this.seen.has(also)) this.seen.set(also, this.seen.get(entry.u) ?? 0);
    }
    if (entry.o.state === 'broken') this.failures++;
    if (entry.r) this.records.set(entry.r.url, entry.r, span);
    else if (recordUrl !== undefined && span?.record) this.records.setSpan(recordUrl, span);
    else if (entry.rc !== undefined && entry.ru !== undefined) this.records.setCached(entry.ru, entry.rc);
    for (const f of entry.f) {
      // The findings stay until the audit ends, each parsed or cloned on its own: the strings every finding of a
      // rule repeats are kept once (≈2 MB at 10,000 bench pages).
      if (f.url === entry.u) f.url = entry.u;
      f.rule = this.shared(f.rule);
      f.severity = this.shared(f.severity);
      if (f.owner !== undefined) f.owner = this.shared(f.owner);
      if (f.column !== undefined) f.column = this.shared(f.column);
      this.findings.push(f);
    }
    this.errors.push(...entry.e);
  }

  private readonly sharedStrings = new Map<string, string>();

  private shared<T extends string>(value: T): T {
    const known = this.sharedStrings.get(value);
    if (known !== undefined) return known as T;
    this.sharedStrings.set(value, value);
    return value;
  }

  /** Rebuild from a journal; returns the admitted URLs still to crawl. */
  restore(replayed: ReplayedJournal): [string, number][] {
    for (const [url, depth] of replayed.enqueued) this.seen.set(url, depth);
    for (const [i, page] of replayed.pages.entries()) {
      if (this.done.has(page.u)) continue;
      // A page reused from the cache whose record the cache no longer has (or no cache now): crawled again.
      if (page.rc !== undefined && !this.records.cache?.has(page.rc)) continue;
      this.apply(page, replayed.spans[i]);
      this.restored++;
    }
    return [...this.seen].filter(([url]) => !this.done.has(url));
  }

  /** Claim a URL for processing; false when another request already settled it (e.g. via a redirect). */
  isDone(url: string): boolean {
    return this.done.has(url);
  }
}
