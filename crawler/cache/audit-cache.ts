// The incremental re-audit cache (SQLite in the history data dir, e.g. .gongkai/crawl-cache.sqlite): per site,
// each page's validators (ETag / Last-Modified), its gzipped body, and what processing it gave (outcome, slim
// record, page findings, links followed) under a fingerprint of everything that shapes findings (tool version, the
// analysis code's version, rule config; see runAuditDetailed). A 304 with the same fingerprint reuses the result
// without parsing; with another fingerprint the cached body is processed again (no download). Link outcomes are kept with a TTL.
// Writes go to a writer thread (batched transactions, bodies gzipped there); a broken or locked cache only costs
// speed, never the audit.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { bundleWorkerModule } from '../worker-bundle.js';
import type { WriterMessage } from './cache-writer-worker.js';
import { CACHE_PAGE_CACHE_KIB, cacheWriter, transferables, type CacheWrite } from './cache-writes.js';
import type { LinkOutcome } from '../../rules/site-model.js';
import { pageJson, type JournalPage, type JournalPageJson } from '../crawl/journal.js';
import type { PageRecord } from '../page-record.js';
import { parseRecord, type LinkReader } from '../crawl/record-json.js';
import { asOfChangesIds } from '../../rules/text/id-number.js';

/** The writer thread holds a batch of writes at a time; its heap need not grow with the crawl. */
const WRITER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
/** Writes per message to the writer thread. */
const POST_BATCH = 32;
/** How long a write may wait for others to share its message. Pages arrive one at a time, so a batch posted on the
 *  next turn of the event loop held 1-2 pages: ≈6,500 messages at 10,000 pages, now ≈900. (A wall-clock profile
 *  showed ≈1 s of the audit's thread in them, mostly waiting for the port; the audit's CPU did not change.) */
const POST_DELAY_MS = 25;

export const CACHE_FILE = 'crawl-cache.sqlite';
/** `PRAGMA user_version` of the current table layout. */
export const CACHE_LAYOUT = 3;
const WRITER_MODULE = fileURLToPath(new URL('./cache-writer-worker.ts', import.meta.url));

export interface CachedPage {
  url: string;
  etag?: string;
  lastModified?: string;
  fingerprint: string;
  status: number;
  finalUrl: string;
  contentType?: string;
  redirects: string[];
  /** Response body as it was processed; from the cache it is unzipped only when asked for (a reused result
   *  never needs it). */
  body: Buffer;
  /** From the cache: the entry without its record (read with `getRecord` when needed). */
  entry: JournalPage;
  follow: string[];
  /** The record's URL (the normalised final URL), when the page has a record. */
  recordUrl?: string;
  /** The as-of date the result was made under (the fingerprint leaves it out: see `resultHolds`). */
  asOf?: string;
}

/** Whether a cached result holds for this audit: same fingerprint, and no ID number on the page that would count
 *  under one as-of date and not the other (the one way the as-of date shapes a page's findings). A nightly
 *  re-audit has a new as-of date every day. */
export function resultHolds(cached: Pick<CachedPage, 'fingerprint' | 'asOf' | 'entry'>, fingerprint: string, asOf: string): boolean {
  if (cached.fingerprint !== fingerprint) return false;
  if (cached.asOf === asOf) return true;
  return cached.asOf !== undefined && !asOfChangesIds(cached.entry.b, cached.asOf, asOf);
}

interface PageRow {
  etag: string | null;
  last_modified: string | null;
  fingerprint: string;
  meta: string;
}

export class AuditCache {
  private readonly pending: CacheWrite[] = [];
  private readonly getPageStmt;
  private readonly getBodyStmt;
  private readonly getRecordStmt;
  private readonly allRecordsStmt;
  private readonly getLinkStmt;
  private readonly writeHereNow;
  /** Counters for tests and the bench. */
  readonly stats = { pageHits: 0, pageReused: 0, pageReprocessed: 0, linkHits: 0, attachmentReused: 0 };

  /** The writer thread (crawler/cache/cache-writer-worker.ts), started with the first write; until it is up,
   *  writes wait in the outbox; if it cannot start, they are done here. */
  private writer: Worker | undefined;
  private writerState: 'none' | 'starting' | 'ready' | 'failed' = 'none';
  private writerStarting: Promise<void> | undefined;
  private readonly outbox: CacheWrite[] = [];
  private batch: CacheWrite[] = [];
  private batchTransfer: ArrayBuffer[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private closing = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly site: string,
    private readonly file: string,
  ) {
    // Layout 3: what a reused page needs (validators, entry without its record, links followed) in small rows of
    // `pages`; the record and the body, read only when needed, in `page_data`. (In one row, the large values
    // pushed the small ones into SQLite's overflow pages: ≈0.1 ms a lookup.) A cache of an earlier layout is
    // dropped: that only costs the next audit its speed.
    if ((db.pragma('user_version', { simple: true }) as number) < CACHE_LAYOUT) {
      db.exec('DROP TABLE IF EXISTS pages; DROP TABLE IF EXISTS page_data;');
      db.pragma(`user_version = ${CACHE_LAYOUT}`);
    }
    db.exec(`CREATE TABLE IF NOT EXISTS pages (site TEXT NOT NULL, url TEXT NOT NULL, etag TEXT, last_modified TEXT,
               fingerprint TEXT NOT NULL, meta TEXT NOT NULL, PRIMARY KEY (site, url));
             CREATE TABLE IF NOT EXISTS page_data (site TEXT NOT NULL, url TEXT NOT NULL, record TEXT, body BLOB NOT NULL,
               PRIMARY KEY (site, url));
             CREATE TABLE IF NOT EXISTS links (site TEXT NOT NULL, url TEXT NOT NULL, checked_at INTEGER NOT NULL,
               outcome TEXT NOT NULL, PRIMARY KEY (site, url));`);
    this.getRecordStmt = db.prepare<[string, string], { record: string | null }>('SELECT record FROM page_data WHERE site = ? AND url = ?');
    this.allRecordsStmt = db.prepare<[string], { url: string; record: string | null }>('SELECT url, record FROM page_data WHERE site = ?');
    this.getPageStmt = db.prepare<[string, string], PageRow>('SELECT etag, last_modified, fingerprint, meta FROM pages WHERE site = ? AND url = ?');
    this.getBodyStmt = db.prepare<[string, string], { body: Buffer }>('SELECT body FROM page_data WHERE site = ? AND url = ?');
    this.getLinkStmt = db.prepare<[string, string], { checked_at: number; outcome: string }>('SELECT checked_at, outcome FROM links WHERE site = ? AND url = ?');
    this.writeHereNow = cacheWriter(db);
  }

  /** Open (creating) the cache of one site; undefined with a zh-CN reason when it cannot be used. */
  static open(dataDir: string, site: string): { cache?: AuditCache; warning?: string } {
    try {
      mkdirSync(dataDir, { recursive: true });
      const file = join(dataDir, CACHE_FILE);
      const db = new Database(file, { timeout: 2000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`cache_size = ${CACHE_PAGE_CACHE_KIB}`);
      return { cache: new AuditCache(db, site, file) };
    } catch (error) {
      return { warning: `增量缓存不可用，将完整审计：${(error as Error).message}` };
    }
  }

  getPage(url: string): CachedPage | undefined {
    try {
      const row = this.getPageStmt.get(this.site, url);
      if (!row) return undefined;
      const meta = JSON.parse(row.meta) as Omit<CachedPage, 'url' | 'etag' | 'lastModified' | 'fingerprint' | 'body'>;
      const getBody = this.getBodyStmt;
      const site = this.site;
      let body: Buffer | undefined;
      return {
        url,
        ...(row.etag ? { etag: row.etag } : {}),
        ...(row.last_modified ? { lastModified: row.last_modified } : {}),
        fingerprint: row.fingerprint,
        ...meta,
        get body() {
          return (body ??= gunzipSync(getBody.get(site, url)?.body ?? Buffer.alloc(0)));
        },
      };
    } catch {
      return undefined; // a corrupt row is a cache miss
    }
  }

  /** The record of a cached page (its key is the requested URL), parsed; undefined when absent or unreadable. */
  getRecord(url: string): PageRecord | undefined {
    try {
      const json = this.getRecordStmt.get(this.site, url)?.record;
      return json ? parseRecord(json) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The records of the given cached pages (keys are requested URLs), in one pass over the site's rows: a scan
   *  reads SQLite's pages in order, where a lookup per record hops between them. Unreadable ones are skipped. */
  *getRecords(keys: ReadonlySet<string>, link?: LinkReader): Generator<[string, PageRecord]> {
    for (const row of this.allRecordsStmt.iterate(this.site)) {
      if (!row.record || !keys.has(row.url)) continue;
      try {
        yield [row.url, parseRecord(row.record, link)];
      } catch {
        // a corrupt row: that record is missing
      }
    }
  }

  /** URLs with a cached page (read once: the crawl asks for every URL it admits). */
  private cachedUrls: Set<string> | undefined;

  hasPage(url: string): boolean {
    if (!this.cachedUrls) {
      try {
        const rows = this.db.prepare<[string], { url: string }>('SELECT url FROM pages WHERE site = ?').all(this.site);
        this.cachedUrls = new Set(rows.map((r) => r.url));
      } catch {
        this.cachedUrls = new Set();
      }
    }
    return this.cachedUrls.has(url);
  }

  /** Remember a page (or attachment) that carries validators (without them no conditional request is possible).
   *  `json` is the entry as the journal serialised it, head and record apart (not serialised twice). The writer
   *  thread compresses the body and writes the rows. */
  putPage(page: CachedPage, json?: JournalPageJson): void {
    if (!page.etag && !page.lastModified) return;
    const { url, etag, lastModified, fingerprint, body, entry, ...rest } = page;
    const parts = json ?? pageJson(entry);
    if (entry.r) rest.recordUrl = entry.r.url;
    else if (!parts.record) delete rest.recordUrl;
    // Record bytes without the record's URL could not be found again: such a page is not cached.
    else if (rest.recordUrl === undefined) return;
    const meta = `{"entry":${parts.head},${JSON.stringify(rest).slice(1)}`;
    // Record (UTF-8 bytes, see pageJson) and body go to the writer thread in buffers of their own, transferred, not
    // copied: the caller's `json` is spent here.
    this.write({ k: 'page', site: this.site, url, etag: etag ?? null, lastModified: lastModified ?? null, fingerprint, meta, record: parts.record ?? null, body: new Uint8Array(body) });
  }

  /** A link outcome checked less than ttlMs ago. */
  getLink(url: string, ttlMs: number, now = Date.now()): LinkOutcome | undefined {
    if (ttlMs <= 0) return undefined;
    try {
      const row = this.getLinkStmt.get(this.site, url);
      if (!row || now - row.checked_at > ttlMs) return undefined;
      this.stats.linkHits++;
      return JSON.parse(row.outcome) as LinkOutcome;
    } catch {
      return undefined;
    }
  }

  /** Stored with the time of the actual check (a reused outcome keeps its age: the TTL is never extended). */
  putLink(outcome: LinkOutcome): void {
    if (outcome.state === 'skipped') return;
    const at = outcome.checkedAt ? Date.parse(outcome.checkedAt) : NaN;
    const checkedAt = Number.isFinite(at) ? at : Date.now();
    this.write({ k: 'link', site: this.site, url: outcome.url, checkedAt, outcome: JSON.stringify(outcome) });
  }

  private write(w: CacheWrite): void {
    if (this.writerState === 'none' && !this.closing) this.startWriter();
    if (this.writerState === 'starting') this.outbox.push(w);
    else if (this.writerState === 'ready') this.post(w);
    else this.writeHere(w);
  }

  /** Writes go to the writer thread in batches: one message a page cost ≈65 µs of the audit's thread at full load
   *  (the port's lock is shared with a busy thread), ≈1.3 s at 10,000 pages. */
  private post(w: CacheWrite): void {
    this.batch.push(w);
    for (const t of transferables(w)) this.batchTransfer.push(t);
    if (this.batch.length >= POST_BATCH) this.postBatch();
    else this.batchTimer ??= setTimeout(() => this.postBatch(), POST_DELAY_MS).unref();
  }

  private postBatch(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (!this.batch.length) return;
    const writes = this.batch;
    const transfer = this.batchTransfer;
    this.batch = [];
    this.batchTransfer = [];
    if (this.writer) this.writer.postMessage(writes, transfer);
    else for (const w of writes) this.writeHere(w);
  }

  private writeHere(w: CacheWrite): void {
    this.pending.push(w);
    if (this.pending.length >= 200) this.flush();
  }

  private startWriter(): void {
    this.writerState = 'starting';
    const failed = () => {
      this.writerState = 'failed';
      for (const w of this.outbox.splice(0)) this.writeHere(w);
    };
    this.writerStarting = bundleWorkerModule(WRITER_MODULE).then(
      (url) => {
        if (!url || this.closing) return failed();
        const worker = new Worker(url, { workerData: { file: this.file }, execArgv: [], resourceLimits: WRITER_LIMITS });
        // A writer that dies loses only what it had not committed: later writes are done here.
        worker.once('error', () => {
          if (this.writer === worker) this.writer = undefined;
          failed();
          this.postBatch();
        });
        this.writer = worker;
        this.writerState = 'ready';
        for (const w of this.outbox.splice(0)) this.post(w);
      },
      () => failed(),
    );
  }

  flush(): void {
    if (!this.pending.length) return;
    const writes = this.pending.splice(0);
    try {
      this.db.transaction(() => {
        for (const w of writes) this.writeHereNow(w);
      })();
    } catch {
      // A full disk or a locked file: the cache is an optimisation; the audit goes on.
    }
  }

  /** Commit every write (the writer thread's too) and close. */
  /** Idempotent: the audit closes the cache after its last write and again on the way out. */
  close(): Promise<void> {
    this.closed ??= this.closeOnce();
    return this.closed;
  }

  private closed: Promise<void> | undefined;

  private async closeOnce(): Promise<void> {
    this.closing = true;
    await this.writerStarting;
    this.postBatch();
    const worker = this.writer;
    this.writer = undefined;
    if (worker) {
      await new Promise<void>((resolve) => {
        worker.on('message', (m) => m === 'closed' && resolve());
        worker.once('exit', () => resolve());
        worker.once('error', () => resolve());
        worker.postMessage({ k: 'close' } satisfies WriterMessage);
      });
      await worker.terminate();
    }
    this.flush();
    try {
      this.db.close();
    } catch {
      /* already closed */
    }
  }
}

/** Request headers that make a cached page conditional. */
export function conditionalHeaders(page: Pick<CachedPage, 'etag' | 'lastModified'>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (page.etag) headers['if-none-match'] = page.etag;
  if (page.lastModified) headers['if-modified-since'] = page.lastModified;
  return headers;
}
