// One write to the incremental cache (a page, gzipped, or a link outcome), shared by the writer thread
// (cache-writer-worker.ts) and the audit thread's fallback when that thread cannot start.
import { gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';

/** SQLite's page cache per connection, in KiB as `PRAGMA cache_size` takes it (negative). better-sqlite3 builds
 *  SQLite with 16 MB; lookups by key and appends need far less, and the audit has two connections open. */
export const CACHE_PAGE_CACHE_KIB = -2048;

export type CacheWrite =
  // The record's JSON as UTF-8 bytes (see pageJson), transferred to the writer thread with the body.
  | { k: 'page'; site: string; url: string; etag: string | null; lastModified: string | null; fingerprint: string; meta: string; record: Uint8Array | null; body: Uint8Array }
  | { k: 'link'; site: string; url: string; checkedAt: number; outcome: string };

/** What a write hands over to the writer thread instead of copying: its own buffers. */
export function transferables(w: CacheWrite): ArrayBuffer[] {
  if (w.k !== 'page') return [];
  const out = [w.body.buffer as ArrayBuffer];
  if (w.record) out.push(w.record.buffer as ArrayBuffer);
  return out;
}

/** Prepared statements over `db`; the returned function performs one write (call it inside a transaction). */
export function cacheWriter(db: Database.Database): (w: CacheWrite) => void {
  const putPage = db.prepare('INSERT OR REPLACE INTO pages (site, url, etag, last_modified, fingerprint, meta) VALUES (?, ?, ?, ?, ?, ?)');
  // CAST: UTF-8 bytes are stored as the text they encode (readers get a string either way).
  const putData = db.prepare('INSERT OR REPLACE INTO page_data (site, url, record, body) VALUES (?, ?, CAST(? AS TEXT), ?)');
  const putLink = db.prepare('INSERT OR REPLACE INTO links (site, url, checked_at, outcome) VALUES (?, ?, ?, ?)');
  return (w) => {
    if (w.k === 'page') {
      putPage.run(w.site, w.url, w.etag, w.lastModified, w.fingerprint, w.meta);
      putData.run(w.site, w.url, w.record, gzipSync(w.body, { level: 1 }));
    } else putLink.run(w.site, w.url, w.checkedAt, w.outcome);
  };
}
