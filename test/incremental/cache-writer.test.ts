// The incremental cache writes through its writer thread: everything put before close() is committed and read back
// by the next audit's cache (pages with their validators and entry, link outcomes with their check time).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { AuditCache, CACHE_FILE } from '../../crawler/cache/audit-cache.js';
import { pageRecordSchema } from '../../crawler/page-record.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('incremental cache writer', () => {
  it('commits every page and link outcome before close() resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-cache-writer-'));
    dirs.push(dir);
    const site = 'http://127.0.0.1/';
    const first = AuditCache.open(dir, site).cache!;
    for (let i = 0; i < 450; i++) {
      const url = `${site}p${i}.html`;
      first.putPage(
        {
          url,
          etag: `"e${i}"`,
          fingerprint: 'fp',
          status: 200,
          finalUrl: url,
          contentType: 'text/html; charset=utf-8',
          redirects: [],
          body: Buffer.from(`<html><body>第 ${i} 页</body></html>`),
          entry: { t: 'page', u: url, o: { url, state: 'ok', status: 200, internal: true }, f: [], e: [] },
          follow: [`${site}p${i + 1}.html`],
        },
        i % 2 ? { head: JSON.stringify({ t: 'page', u: url, o: { url, state: 'ok', status: 200, internal: true }, f: [], e: [] }) } : undefined,
      );
    }
    first.putLink({ url: `${site}gone.html`, state: 'broken', status: 404, internal: true, checkedAt: new Date().toISOString() });
    await first.close();

    const second = AuditCache.open(dir, site).cache!;
    expect(second.hasPage(`${site}p0.html`)).toBe(true);
    expect(second.hasPage(`${site}p449.html`)).toBe(true);
    const page = second.getPage(`${site}p317.html`)!;
    expect(page.etag).toBe('"e317"');
    expect(page.entry.u).toBe(`${site}p317.html`);
    expect(page.follow).toEqual([`${site}p318.html`]);
    expect(page.body.toString()).toContain('第 317 页');
    expect(second.getLink(`${site}gone.html`, 3_600_000)?.status).toBe(404);
    await second.close();
  }, 30_000);

  it('keeps the record apart from the entry, and drops a cache of the earlier layout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-cache-layout-'));
    dirs.push(dir);
    const site = 'http://127.0.0.1/';
    const old = new Database(join(dir, CACHE_FILE));
    old.exec(`CREATE TABLE pages (site TEXT NOT NULL, url TEXT NOT NULL, etag TEXT, last_modified TEXT, fingerprint TEXT NOT NULL,
      meta TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (site, url))`);
    old.prepare('INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)').run(site, `${site}old.html`, '"x"', null, 'fp', '{"entry":{}}', Buffer.alloc(0));
    old.close();

    const cache = AuditCache.open(dir, site).cache!;
    expect(cache.hasPage(`${site}old.html`)).toBe(false);
    const url = `${site}a.html`;
    const r = pageRecordSchema.parse({ url: `${site}a-final.html`, status: 200, kind: 'article', title: '通知' });
    cache.putPage({
      url, etag: '"a"', fingerprint: 'fp', status: 200, finalUrl: r.url, redirects: [], body: Buffer.from('<p>通知</p>'),
      entry: { t: 'page', u: url, o: { url, state: 'ok', status: 200, internal: true }, r, f: [], e: [] }, follow: [],
    });
    await cache.close();
    const again = AuditCache.open(dir, site).cache!;
    const page = again.getPage(url)!;
    expect(page.entry.r).toBeUndefined();
    expect(page.recordUrl).toBe(r.url);
    expect(again.getRecord(url)).toEqual(r);
    expect([...again.getRecords(new Set([url, `${site}other.html`]))]).toEqual([[url, r]]);
    await again.close();
  });
});

