// Incremental re-audit, by behaviour: the second audit of an unchanged site is answered with 304s (no page body
// sent again) and gives the same findings; a changed page is re-read and its new finding appears.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { linkPack } from '../crawler/fixtures/link-pack.js';
import { AuditInterruptedError } from '../../crawler/audit-errors.js';
import { JOURNAL_FILE } from '../../crawler/crawl/journal.js';
import { CACHE_FILE } from '../../crawler/cache/audit-cache.js';
import Database from 'better-sqlite3';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const PAGES = 12;
/** '/' and /p/0.html are both page 0: two URLs, two fetches. */
const URLS = PAGES + 1;
let server: http.Server;
let base: string;
let dir: string;
/** Page index → extra HTML (a change made between audits). */
const changes = new Map<number, string>();
const served = { bodies: 0, notModified: 0, heads: 0 };

function page(i: number): string {
  const links = [i + 1, (i * 5) % PAGES].filter((n) => n < PAGES).map((n) => `<a href="/p/${n}.html">第${n}页</a>`).join('');
  const dead = i % 4 === 1 ? `<a href="/gone/${i}.html">旧文件</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面${i}</title></head><body><div id="c">${links}${dead}${changes.get(i) ?? ''}<img src="/img/a.png"></div></body></html>`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const m = /^\/p\/(\d+)\.html$/.exec(path);
    const i = path === '/' ? 0 : m ? Number(m[1]) : -1;
    if (req.method === 'HEAD') served.heads++;
    if (i >= 0 && i < PAGES) {
      const html = page(i);
      const etag = `"${createHash('sha1').update(html).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        served.notModified++;
        return res.writeHead(304, { etag }).end();
      }
      if (req.method === 'GET') served.bodies++;
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(html);
    }
    if (path.startsWith('/img/')) return res.writeHead(200, { 'content-type': 'image/png' }).end('png');
    res.writeHead(404).end('not found');
  });
  base = await listenOnLoopback(server);
  dir = await mkdtemp(join(tmpdir(), 'gongkai-incremental-'));
});

afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

const audit = (name: string, cache = true, asOf = '2022-06-30', more: Partial<Parameters<typeof runAuditDetailed>[0]> = {}) =>
  runAuditDetailed({
    ...more,
    url: base,
    outDir: join(dir, name),
    asOf,
    polite: false,
    concurrency: 4,
    packs: [linkPack],
    reports: false,
    recheckDelayMs: 20,
    cache,
    config: { report: { dataDir: join(dir, 'data') } },
  });
/** The cache's link outcomes: url → when checked. */
function cachedLinks(): Map<string, number> {
  const db = new Database(join(dir, 'data', CACHE_FILE), { readonly: true });
  try {
    return new Map((db.prepare('SELECT url, checked_at FROM links').all() as { url: string; checked_at: number }[]).map((r) => [r.url, r.checked_at]));
  } finally {
    db.close();
  }
}
const keys = (run: AuditRun) => run.audit.findings.map((f) => `${f.id} ${f.rule} ${f.url} ${f.target ?? ''} ${f.selector ?? ''}`);
const reset = () => Object.assign(served, { bodies: 0, notModified: 0, heads: 0 });

describe('incremental re-audit', () => {
  it('re-audits an unchanged site with 304s and cached link outcomes, with the same findings', async () => {
    const first = await audit('a');
    expect(served.bodies).toBe(URLS);
    expect(first.audit.findings.filter((f) => f.rule === 'link/broken').length).toBeGreaterThan(0);

    const linksBefore = cachedLinks();
    expect(linksBefore.get(`${base}p/3.html`)).toBeDefined();
    expect(linksBefore.get(`${base}img/a.png`)).toBeDefined();
    reset();
    const second = await audit('b');
    // What the cache held already (pages a 304 proved unchanged, link outcomes read from it) is not written again;
    // broken links are checked again each audit, and stored with that check.
    const linksAfter = cachedLinks();
    expect([...linksAfter.keys()].sort()).toEqual([...linksBefore.keys()].sort());
    for (const [url, at] of linksAfter) {
      if (url.includes('/gone/')) expect(at).toBeGreaterThan(linksBefore.get(url)!);
      else expect(at).toBe(linksBefore.get(url));
    }
    expect(served.bodies).toBe(0); // no page body sent again
    expect(served.notModified).toBe(URLS);
    expect(served.heads).toBe(0); // link outcomes came from the cache
    expect(second.cacheStats?.pageReused).toBe(URLS);
    expect(keys(second)).toEqual(keys(first));
    expect(second.audit.audit.pagesCrawled).toBe(first.audit.audit.pagesCrawled);
  });

  it('re-reads a changed page and reports its new finding; others stay 304', async () => {
    changes.set(3, '<a href="/gone/new.html">新失效链接</a>');
    reset();
    const before = cachedLinks();
    const third = await audit('c');
    expect(served.bodies).toBe(1);
    // The re-read page's outcome and its new link's are stored anew; the unchanged pages' stay as they were.
    const after = cachedLinks();
    expect(after.get(`${base}p/3.html`)).toBeGreaterThan(before.get(`${base}p/3.html`)!);
    expect(after.get(`${base}gone/new.html`)).toBeDefined();
    expect(after.get(`${base}p/5.html`)).toBe(before.get(`${base}p/5.html`));
    expect(served.notModified).toBe(URLS - 1);
    const broken = third.audit.findings.filter((f) => f.rule === 'link/broken').map((f) => `${f.url} ${f.target}`);
    expect(broken).toContain(`${base}p/3.html ${base}gone/new.html`);
    // The result equals a fresh audit without the cache.
    const fresh = await audit('d', false);
    expect(keys(third)).toEqual(keys(fresh));
  });

  it('another as-of date reprocesses the cached bodies (still no download) and matches a fresh audit', async () => {
    reset();
    const other = await audit('e', true, '2023-01-01');
    expect(served.bodies).toBe(0);
    expect(other.cacheStats?.pageReprocessed).toBe(URLS);
    const fresh = await audit('f', false, '2023-01-01');
    expect(keys(other)).toEqual(keys(fresh));
  });

  it('an interrupted re-audit resumes to the same findings, from the cache or, without it, by fetching again', async () => {
    changes.clear();
    const whole = await audit('g');
    for (const cache of [true, false]) {
      const name = cache ? 'h' : 'i';
      const stop = new AbortController();
      await expect(
        audit(name, true, '2022-06-30', { signal: stop.signal, onProgress: (p) => p.phase === 'crawl' && p.done >= 6 && stop.abort() }),
      ).rejects.toBeInstanceOf(AuditInterruptedError);
      // Pages a 304 proved unchanged were journalled without their record: it stays in the cache.
      const journal = (await readFile(join(dir, name, JOURNAL_FILE), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const reused = journal.filter((e) => e.t === 'page' && e.rc !== undefined);
      expect(reused.length).toBeGreaterThan(0);
      expect(reused.every((e) => e.r === undefined && typeof e.ru === 'string')).toBe(true);
      reset();
      const resumed = await audit(name, cache, '2022-06-30', { resume: true });
      expect(resumed.audit.audit.resumed).toBe(true);
      expect(keys(resumed)).toEqual(keys(whole));
      // Without the cache the reused pages cannot be read back: they are fetched again.
      if (!cache) expect(served.bodies).toBeGreaterThanOrEqual(reused.length);
      else expect(served.bodies).toBe(0);
    }
  });
});

