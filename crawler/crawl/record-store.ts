// The slim page records kept for the site rules, without holding them in memory through the crawl: a record the
// journal has written stays there (the byte span of its line) and is read back when the site rules need it. At
// 10,000 pages the records were most of the crawl's live heap (≈15 KB each), and V8 kept about twice the live heap.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { PageLink, PageRecord } from '../page-record.js';
import type { JournalPage } from './journal.js';
import { decodeRecord, linkFromTuple, linkTuple, parseRecord, tupleIs, type LinkReader, type LinkTuple } from './record-json.js';

/** Where one journal line lies in the journal file, in bytes (without its newline); with `record`, where the
 *  record's own JSON lies within a page's line. */
export interface JournalSpan {
  offset: number;
  length: number;
  record?: boolean;
}

/**
 * Body texts longer than this many characters are kept in a spill file next to the journal while the site rules
 * run, and read from it at each access. Records keep up to 20,000 characters of body text (what the site rules
 * search for repeal statements and stated terms), and an article page of a real site has thousands: held in memory
 * for every page at once, 100,000 pages would need gigabytes. The few site rules that read the text pay a read of
 * its bytes (microseconds) per access.
 */
export const SPILL_TEXT_CHARS = 512;

/** The incremental cache as a source of records, by cache key. */
export interface CachedRecords {
  has(key: string): boolean;
  /** Undefined when the record can no longer be read. */
  load(key: string): PageRecord | undefined;
  /** Many at once (cheaper than one `load` each): [key, record] pairs, unreadable ones left out; `link` reads
   *  each stored link (see record-json.ts). */
  loadMany?(keys: ReadonlySet<string>, link?: LinkReader): Iterable<[string, PageRecord]>;
}

export class RecordStore {
  private readonly held = new Map<string, PageRecord>();
  private readonly spans = new Map<string, JournalSpan>();
  /** Record URL → cache key, for pages reused from the incremental cache. */
  private readonly cached = new Map<string, string>();
  /** Set by the audit when it has an incremental cache. */
  cache: CachedRecords | undefined;
  private fd: number | undefined;
  private buffer = Buffer.alloc(64 * 1024);
  /** The spill file of long body texts (see SPILL_TEXT_CHARS): open while records read back are in use. */
  private spill: { fd: number; bytes: number } | undefined;
  /** The spill file could not be written (no room, no permission): texts stay in memory, without retrying. */
  private spillFailed = false;
  /** The last text read from the spill file: rules read a page's text several times in a row (test, then split). */
  private lastSpilled: { at: number; text: string } | undefined;

  /** Without a journal every record is held in memory. A spill file left by an audit killed during its site rules
   *  is removed: its texts are never read again (a resumed audit spills anew). */
  constructor(private readonly journalPath?: string) {
    const stale = this.spillPath;
    try {
      if (stale) rmSync(stale, { force: true });
    } catch {
      // not a file (or not ours to remove): spilling will fail over to memory
    }
  }

  get size(): number {
    return this.held.size + this.spans.size + this.cached.size;
  }

  /** Keep the key of a record the incremental cache holds. */
  setCached(url: string, key: string): void {
    this.cached.set(url, key);
    this.held.delete(url);
    this.spans.delete(url);
  }

  /** Keep a record; with the span of the journal line that holds it, only the span is kept. */
  set(url: string, record: PageRecord, span?: JournalSpan): void {
    if (span && this.journalPath) {
      this.spans.set(url, span);
      this.held.delete(url);
    } else {
      this.held.set(url, record);
      this.spans.delete(url);
    }
    this.cached.delete(url);
  }

  /** Keep where a record lies in the journal (a record that was never an object here: a page worker's). */
  setSpan(url: string, span: JournalSpan): void {
    this.spans.set(url, span);
    this.held.delete(url);
    this.cached.delete(url);
  }

  get(url: string): PageRecord | undefined {
    const span = this.spans.get(url);
    if (span) return this.read(span);
    const key = this.cached.get(url);
    return key !== undefined ? this.cache?.load(key) : this.held.get(url);
  }

  /** Every record, read back from the journal one by one. Link objects and link strings that repeat across pages
   *  (navigation, footer, related links) are shared between the records of one call. */
  *values(): IterableIterator<PageRecord> {
    const sharer = linkSharer();
    // Records read from JSON get their links from the sharer as they are decoded; held ones are shared after.
    const share = (record: PageRecord) => this.spillBodyText(sharer.strings(record));
    for (const record of this.held.values()) yield this.spillBodyText(sharer(record));
    const spans = [...this.spans.values()].sort((a, b) => a.offset - b.offset);
    for (const span of spans) {
      const record = this.read(span, sharer.link);
      if (record) yield share(record);
    }
    const cache = this.cache;
    if (!cache || this.cached.size === 0) return;
    if (cache.loadMany) {
      // Only records whose URL still maps to that key (a later fetch of the same page may have replaced it).
      const wanted = new Set(this.cached.values());
      for (const [key, record] of cache.loadMany(wanted, sharer.link)) if (this.cached.get(record.url) === key) yield share(record);
    } else {
      for (const key of this.cached.values()) {
        const record = cache.load(key);
        if (record) yield this.spillBodyText(sharer(record));
      }
    }
  }

  /** Drop every record and close the journal file (the journal itself is the audit's to delete); the spill file
   *  goes, and the body texts of records read back read as empty from then on. */
  clear(): void {
    this.held.clear();
    this.spans.clear();
    this.cached.clear();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.spill) {
      closeSync(this.spill.fd);
      this.spill = undefined;
      this.lastSpilled = undefined;
      rmSync(this.spillPath!, { force: true });
    }
  }

  private get spillPath(): string | undefined {
    return this.journalPath ? `${this.journalPath}.texts` : undefined;
  }

  /** Move a long body text to the spill file; the record reads it back through a getter. */
  private spillBodyText(record: PageRecord): PageRecord {
    const text = record.bodyText;
    const path = this.spillPath;
    if (text.length <= SPILL_TEXT_CHARS || !path || this.spillFailed) return record;
    let at: number;
    let length: number;
    try {
      this.spill ??= { fd: openSync(path, 'w+'), bytes: 0 };
      const bytes = Buffer.from(text, 'utf8');
      at = this.spill.bytes;
      length = bytes.length;
      for (let done = 0; done < length; ) done += writeSync(this.spill.fd, bytes, done, length - done, at + done);
      this.spill.bytes += length;
    } catch {
      this.spillFailed = true;
      return record; // the text stays in memory, as before
    }
    Object.defineProperty(record, 'bodyText', {
      enumerable: true,
      configurable: true,
      get: () => this.readSpilled(at, length),
      // A rule or hook that sets the text gets a plain property again.
      set: (value: string) => Object.defineProperty(record, 'bodyText', { value, writable: true, enumerable: true, configurable: true }),
    });
    return record;
  }

  private readSpilled(at: number, length: number): string {
    if (!this.spill) return '';
    if (this.lastSpilled?.at === at) return this.lastSpilled.text;
    const buffer = length <= this.buffer.length ? this.buffer : Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.spill.fd, buffer, got, length - got, at + got);
      if (n === 0) break;
      got += n;
    }
    const text = buffer.toString('utf8', 0, got);
    this.lastSpilled = { at, text };
    return text;
  }

  private read(span: JournalSpan, link?: LinkReader): PageRecord | undefined {
    if (!this.journalPath) return undefined;
    this.fd ??= openSync(this.journalPath, 'r');
    if (this.buffer.length < span.length) this.buffer = Buffer.alloc(Math.max(span.length, this.buffer.length * 2));
    let got = 0;
    while (got < span.length) {
      const n = readSync(this.fd, this.buffer, got, span.length - got, span.offset + got);
      if (n === 0) break;
      got += n;
    }
    const json = this.buffer.toString('utf8', 0, got);
    if (span.record) return parseRecord(json, link);
    // A whole line (a journal replayed by --resume).
    const record = (JSON.parse(json) as JournalPage).r;
    return record && decodeRecord(record, link);
  }
}

/** A URL linked from more distinct places than this (a hostile page) keeps its further links unshared. */
const MAX_SHARED_PER_URL = 64;

/** Makes records share, with the records it saw before, one copy of each link object and of the strings that
 *  repeat across pages. Each record is parsed from its own JSON, so without this every record has its own copy of
 *  every string: at 10,000 bench pages the links' 86,600 selectors held 123 distinct values and their 86,500 raw
 *  hrefs 10,200 (≈11 MB of a 110 MB heap, and ten times that at 100,000 pages). */
export interface LinkSharer {
  /** A record's links and strings. */
  (record: PageRecord): PageRecord;
  /** A stored link as the shared object (for `parseRecord`: a repeated link's tuple never becomes an object). */
  link: LinkReader;
  /** A record's strings, for one whose links came through `link`. */
  strings(record: PageRecord): PageRecord;
}

export function linkSharer(): LinkSharer {
  // Links by URL, then compared field by field: cheaper than a key string per link (≈35 a page).
  const links = new Map<string, PageLink[]>();
  const strings = new Map<string, string>();
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const keep = (l: PageLink, same: PageLink[] | undefined): PageLink => {
    l.url = intern(l.url);
    l.raw = intern(l.raw);
    l.selector = intern(l.selector);
    l.attr = intern(l.attr);
    if (l.text) l.text = intern(l.text);
    if (!same) links.set(l.url, [l]);
    else if (same.length < MAX_SHARED_PER_URL) same.push(l);
    return l;
  };
  const link: LinkReader = (stored) => {
    // Link objects (records held in memory, or stored by an earlier version) are compared in their stored form.
    const t: LinkTuple = Array.isArray(stored) ? stored : linkTuple(stored);
    const same = links.get(t[0]);
    if (same) for (const k of same) if (tupleIs(t, k)) return k;
    return keep(Array.isArray(stored) ? linkFromTuple(t) : stored, same);
  };
  const shareStrings = (record: PageRecord): PageRecord => {
    record.url = intern(record.url);
    if (record.requestedUrl) record.requestedUrl = intern(record.requestedUrl);
    // A document's title is also the title of its entries in the lists that link to it.
    record.title = intern(record.title);
    for (const e of record.listEntries) {
      e.url = intern(e.url);
      e.selector = intern(e.selector);
      e.title = intern(e.title);
      if (e.date) e.date = intern(e.date);
    }
    for (const b of record.textBlocks) b.selector = intern(b.selector);
    for (let i = 0; i < record.dates.length; i++) record.dates[i] = intern(record.dates[i]!);
    const pages = record.pagination?.pages;
    if (pages) for (let i = 0; i < pages.length; i++) pages[i] = intern(pages[i]!);
    for (let i = 0; i < record.breadcrumb.length; i++) record.breadcrumb[i] = intern(record.breadcrumb[i]!);
    const footer = record.footer;
    if (footer.icp) footer.icp = intern(footer.icp);
    if (footer.police) footer.police = intern(footer.police);
    if (footer.siteIdCode) footer.siteIdCode = intern(footer.siteIdCode);
    for (const name in record.meta) record.meta[name] = intern(record.meta[name]!);
    const disclosure = record.disclosure;
    if (disclosure) {
      for (const name in disclosure.raw) disclosure.raw[name] = intern(disclosure.raw[name]!);
      for (const key of DISCLOSURE_SHARED) {
        const value = disclosure[key];
        if (value !== undefined) disclosure[key] = intern(value);
      }
    }
    if (record.contentType) record.contentType = intern(record.contentType);
    return record;
  };
  const sharer = ((record: PageRecord) => shareStrings(decodeRecord(record, link))) as LinkSharer;
  sharer.link = link;
  sharer.strings = shareStrings;
  return sharer;
}

/** Disclosure fields whose values repeat across pages (publishers, dates, topics); index numbers and 文号 do not. */
const DISCLOSURE_SHARED = ['publisher', 'writtenDate', 'publishDate', 'topic', 'validity', 'validUntil', 'openness'] as const;
