// The crawl journal: an append-only JSONL file in the output directory, written synchronously one line per
// event so that a kill -9 loses at most the page being processed. `--resume` replays it: enqueued URLs, done pages
// with their outcome, slim record and page findings. A torn last line is ignored.
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync, writevSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { PageRecord } from '../page-record.js';
import type { LinkOutcome } from '../../rules/site-model.js';
import type { JournalSpan } from './record-store.js';
import { decodeRecord, stringifyRecord } from './record-json.js';

export const JOURNAL_FILE = '.gongkai-journal.jsonl';

export interface JournalStart {
  t: 'start';
  v: 1;
  id: string;
  site: string;
  asOf: string;
  startedAt: string;
}

export interface JournalEnqueue {
  t: 'enq';
  /** [url, depth] pairs. */
  u: [string, number][];
}

export interface JournalPage {
  t: 'page';
  /** The requested (normalised) URL. */
  u: string;
  /** Other URLs this fetch settled (a redirect's final URL). */
  also?: string[];
  o: LinkOutcome;
  r?: PageRecord;
  f: Finding[];
  e: RuleError[];
  /** The record is not in this line but in the incremental cache, under this key (a page a 304 proved unchanged:
   *  its record is read from the cache only when the site rules need it). */
  rc?: string;
  /** With `rc`: the record's URL (the page's final URL). */
  ru?: string;
  /** Birth dates of the well-formed ID numbers in the page's text (see `idBirthDates`), when there are any. */
  b?: string[];
}

/** A page entry as the journal wrote it: the line without the record, and the record, both as JSON (the
 *  incremental cache stores them apart, so a page it proves unchanged is reused without reading its record). The
 *  record is UTF-8 bytes: the page worker serialises it, and the journal and the cache take the bytes as they are. */
export interface JournalPageJson {
  head: string;
  record?: Uint8Array;
}

const UTF8 = new TextEncoder();

/** A page entry's JSON: the entry without its record, and the record (`recordJson` when already serialised; a
 *  page worker's record is only that, with no `r` in the entry). */
export function pageJson(entry: JournalPage, recordJson?: Uint8Array): JournalPageJson {
  const { r, ...head } = entry;
  if (recordJson) return { head: JSON.stringify(head), record: recordJson };
  if (!r) return { head: JSON.stringify(head) };
  return { head: JSON.stringify(head), record: UTF8.encode(stringifyRecord(r)) };
}

const LINE_END = Buffer.from('}\n');

export type JournalEntry = JournalStart | JournalEnqueue | JournalPage | { t: 'crawled' };

export class Journal {
  private fd: number | undefined;
  private bytes = 0;
  /** Where the last appended line lies in the file (the record store reads page records back from it). */
  lastSpan: JournalSpan | undefined;

  constructor(readonly path: string) {}

  /** Open for appending; `fresh` truncates an old journal. When resuming, `validBytes` (from `readJournal`) cuts a
   *  line torn by the kill, so the next line starts on a line of its own. */
  open(fresh: boolean, validBytes?: number): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, fresh ? 'w' : 'a');
    this.bytes = fresh ? 0 : fstatSync(this.fd).size;
    if (!fresh && validBytes !== undefined && validBytes < this.bytes) {
      ftruncateSync(this.fd, validBytes);
      this.bytes = validBytes;
    }
  }

  /** Returns the entry's JSON (the incremental cache stores the same text instead of serialising it again). */
  append(entry: JournalEntry): string {
    const json = JSON.stringify(entry);
    this.appendJson(json);
    return json;
  }

  /** Append a page: its record last, so `lastSpan` can point at the record's own JSON (the record store parses
   *  just that when the site rules need the record). */
  appendPage(entry: JournalPage, recordJson?: Uint8Array): JournalPageJson {
    const json = pageJson(entry, recordJson);
    const { head, record } = json;
    if (record === undefined) {
      this.appendJson(head);
      return json;
    }
    if (this.fd === undefined) {
      this.lastSpan = undefined;
      return json;
    }
    // The head without its closing brace, then `,"r":`, the record's bytes and the line's end, in one write.
    const before = Buffer.from(`${head.slice(0, -1)},"r":`);
    const written = writevSync(this.fd, [before, record, LINE_END]);
    this.lastSpan = { offset: this.bytes + before.length, length: record.length, record: true };
    this.bytes += written;
    return json;
  }

  private appendJson(json: string): void {
    if (this.fd === undefined) {
      this.lastSpan = undefined;
      return;
    }
    const written = writeSync(this.fd, json + '\n');
    this.lastSpan = { offset: this.bytes, length: written - 1 };
    this.bytes += written;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface ReplayedJournal {
  start?: JournalStart;
  enqueued: Map<string, number>;
  pages: JournalPage[];
  /** Where each of `pages` lies in the file (same order). */
  spans: JournalSpan[];
  crawled: boolean;
  /** Bytes up to the end of the last whole line (a line torn by a kill lies beyond). */
  validBytes: number;
}

export function readJournal(path: string): ReplayedJournal | undefined {
  if (!existsSync(path)) return undefined;
  const out: ReplayedJournal = { enqueued: new Map(), pages: [], spans: [], crawled: false, validBytes: 0 };
  const bytes = readFileSync(path);
  for (let at = 0, nl = bytes.indexOf(10); nl >= 0; at = nl + 1, nl = bytes.indexOf(10, at)) {
    out.validBytes = nl + 1;
    if (nl === at) continue;
    const line = bytes.toString('utf8', at, nl);
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue; // torn write at the moment of the kill
    }
    if (entry.t === 'start') {
      out.start = entry;
    } else if (entry.t === 'enq') {
      for (const [u, d] of entry.u) if (!out.enqueued.has(u)) out.enqueued.set(u, d);
    } else if (entry.t === 'page') {
      if (entry.r) decodeRecord(entry.r);
      out.pages.push(entry);
      out.spans.push({ offset: at, length: nl - at });
    } else if (entry.t === 'crawled') {
      out.crawled = true;
    }
  }
  return out;
}
