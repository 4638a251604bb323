// The incremental cache's writer thread: compresses page bodies and writes pages and link outcomes to SQLite in
// batched transactions, off the audit's thread (at 10,000 pages these writes — ≈200 MB through the WAL — cost
// the crawl ≈6 s when done in line). Its own connection; the audit's thread keeps one for reads (WAL mode lets
// both work at once). Losing a write only costs a later audit some speed.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CACHE_PAGE_CACHE_KIB, cacheWriter, type CacheWrite } from './cache-writes.js';

export type WriterMessage = CacheWrite | { k: 'close' };

const port = parentPort!;
const db = new Database((workerData as { file: string }).file, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma(`cache_size = ${CACHE_PAGE_CACHE_KIB}`);
const apply = cacheWriter(db);

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
      for (const w of writes) apply(w);
    })();
  } catch {
    // A full disk or a locked file: the cache is an optimisation.
  }
}

port.on('message', (message: WriterMessage | CacheWrite[]) => {
  if (!Array.isArray(message) && message.k === 'close') {
    flush();
    db.close();
    port.postMessage('closed');
    return;
  }
  if (Array.isArray(message)) batch.push(...message);
  else batch.push(message);
  if (batch.length >= 200) flush();
  else timer ??= setTimeout(flush, 200);
});
port.postMessage('ready');
