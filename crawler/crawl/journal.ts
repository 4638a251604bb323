// The crawl journal: an append-only JSONL file in the output directory, written synchronously one line per
// event so that a kill -9 loses at most the page being processed. `--resume` replays it: enqueued URLs, done pages
// with their outcome, slim record and page findings. A torn last line is ignored.
import { closeSync, existsSync, openSync, readFileSync, writeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding, RuleError } from '../../reports/audit-schema.js';
import type { PageRecord } from '../page-record.js';
import type { LinkOutcome } from '../../rules/site-model.js';

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
}

export type JournalEntry = JournalStart | JournalEnqueue | JournalPage | { t: 'crawled' };

export class Journal {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  /** Open for appending; `fresh` truncates an old journal. */
  open(fresh: boolean): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, fresh ? 'w' : 'a');
  }

  /** Returns the entry's JSON (the incremental cache stores the same text instead of serialising it again). */
  append(entry: JournalEntry): string {
    const json = JSON.stringify(entry);
    if (this.fd !== undefined) writeSync(this.fd, json + '\n');
    return json;
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
  crawled: boolean;
}

export function readJournal(path: string): ReplayedJournal | undefined {
  if (!existsSync(path)) return undefined;
  const out: ReplayedJournal = { enqueued: new Map(), pages: [], crawled: false };
  const text = readFileSync(path, 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
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
      out.pages.push(entry);
    } else if (entry.t === 'crawled') {
      out.crawled = true;
    }
  }
  return out;
}
