// The incremental cache's writer thread: compresses page bodies and writes pages and link outcomes to SQLite in
// batched transactions, off the audit's thread (at 10,000 pages these writes — ≈200 MB through the WAL — cost
// the crawl ≈6 s when done in line). Its own connection; the audit's thread keeps one for reads (WAL mode lets
// both work at once). Losing a write only costs a later audit some speed.
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';

export type CacheWrite =
  | { k: 'page'; site: string; url: string; etag: string | null; lastModified: string | null; fingerprint: string; meta: string; body: Uint8Array }
  | { k: 'link'; site: string; url: string; checkedAt: number; outcome: string }
  | { k: 'close' };

const port = parentPort!;
const db = new Database((workerData as { file: string }).file, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const putPage = db.prepare('INSERT OR REPLACE INTO pages (site, url, etag, last_modified, fingerprint, meta, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
const putLink = db.prepare('INSERT OR REPLACE INTO links (site, url, checked_at, outcome) VALUES (?, ?, ?, ?)');

let batch: CacheWrite[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (!batch.length) return;
  const writes = batch;
  batch = [];
  try {
    db.transaction(() => {
      for (const w of writes) {
        if (w.k === 'page') putPage.run(w.site, w.url, w.etag, w.lastModified, w.fingerprint, w.meta, gzipSync(w.body, { level: 1 }));
        else if (w.k === 'link') putLink.run(w.site, w.url, w.checkedAt, w.outcome);
      }
    })();
  } catch {
    // A full disk or a locked file: the cache is an optimisation.
  }
}

port.on('message', (write: CacheWrite) => {
  if (write.k === 'close') {
    flush();
    db.close();
    port.postMessage('closed');
    return;
  }
  batch.push(write);
  if (batch.length >= 200) flush();
  else timer ??= setTimeout(flush, 200);
});
port.postMessage('ready');
