// Page workers (crawler/crawl/page-pool.ts): the same findings as analysing every page in the audit's thread,
// and a worker that dies costs nothing but speed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { PagePool, PoolUnavailableError } from '../../crawler/crawl/page-pool.js';
import { startDemoSite, type DemoSite } from '../demo-site/index.js';
import { startBenchSite } from '../bench/bench-site.js';

const AS_OF = '2022-06-30';
let site: DemoSite;
let dir: string;

beforeAll(async () => {
  site = await startDemoSite({ asOf: AS_OF });
  dir = await mkdtemp(join(tmpdir(), 'gongkai-workers-'));
});
afterAll(async () => {
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

const setup = {
  runner: { asOf: AS_OF, siteUrl: 'http://127.0.0.1/' },
  analyze: { siteUrl: 'http://127.0.0.1/', sameSiteHosts: [], dropParams: [] },
};

describe('page workers', () => {
  it('give the same findings, errors and records as the audit thread alone', async () => {
    const audit = (workers: number) =>
      runAuditDetailed({ url: site.url, outDir: join(dir, `w${workers}`), asOf: AS_OF, polite: false, reports: false, recheckDelayMs: 10, workers, workerStartPages: 0 });
    const alone = await audit(0);
    const pooled = await audit(2);
    expect(alone.timings.workerPages).toBe(0);
    // Workers ready before the crawl: every analysed page went through them.
    expect(pooled.timings.workerPages).toBeGreaterThan(100);
    expect(pooled.timings.workerPages).toBe(alone.timings.pagesAnalyzed);
    expect(pooled.audit.findings.length).toBeGreaterThan(20);
    expect(pooled.audit.findings).toEqual(alone.audit.findings);
    expect(pooled.audit.errors).toEqual(alone.audit.errors);
    expect(pooled.audit.columns).toEqual(alone.audit.columns);
  }, 120_000);

  it('with the incremental cache, a re-audit reuses the records the workers sent as bytes, with the same findings', async () => {
    // The bench site answers conditional requests (the demo site does not).
    const bench = await startBenchSite(300);
    try {
      const run = (name: string) =>
        runAuditDetailed({ url: bench.url, outDir: join(dir, name), asOf: AS_OF, polite: false, reports: false, recheckDelayMs: 10, workers: 1, workerStartPages: 0, cache: true, config: { crawl: { robots: false }, report: { dataDir: join(dir, 'inc-data') } } });
      const first = await run('inc1');
      expect(first.timings.workerPages).toBeGreaterThan(250);
      const second = await run('inc2');
      // Every page came back as a 304 with its cached result and record (found again by the record's URL).
      expect(second.timings.pagesAnalyzed).toBe(0);
      expect(second.cacheStats?.pageReused).toBe(first.audit.audit.pagesCrawled);
      expect(second.audit.findings.length).toBeGreaterThan(20);
      expect(second.audit.findings).toEqual(first.audit.findings);
      expect(second.audit.columns).toEqual(first.audit.columns);
    } finally {
      await bench.close();
    }
  }, 120_000);

  it('a worker that dies makes the pool decline work instead of losing pages', async () => {
    const pool = new PagePool({
      size: 1,
      startPages: 0,
      setup,
      module: fileURLToPath(new URL('./fixtures/crashing-page-worker.ts', import.meta.url)),
    });
    expect(pool.wanted(1)).toBe(false); // starting: not ready yet, the caller analyses the page itself
    await expect.poll(() => pool.failed, { timeout: 20_000, interval: 100 }).toBe(true);
    // Once the worker died the pool never takes a page again, and asking it gives the caller the page back.
    expect(pool.wanted(1000)).toBe(false);
    await expect(
      pool.analyze({ requestedUrl: 'http://127.0.0.1/a.html', finalUrl: 'http://127.0.0.1/a.html', status: 200, redirects: [], body: '<p>x</p>', truncated: false, fetchedAt: new Date().toISOString() }),
    ).rejects.toBeInstanceOf(PoolUnavailableError);
    await pool.close();
  }, 30_000);

  it('a live pool answers pages in its workers', async () => {
    const pool = new PagePool({ size: 1, startPages: 0, setup });
    await expect.poll(() => pool.wanted(1), { timeout: 20_000, interval: 100 }).toBe(true);
    const result = await pool.analyze({
      requestedUrl: 'http://127.0.0.1/a.html',
      finalUrl: 'http://127.0.0.1/a.html',
      status: 200,
      redirects: [],
      body: new TextEncoder().encode('<html><head><title>通知</title></head><body><a href="/b.html">下一篇</a><p>联系电话 13912345678</p></body></html>'),
      truncated: false,
      fetchedAt: new Date().toISOString(),
    });
    expect(result.follow).toEqual(['http://127.0.0.1/b.html']);
    // The record comes as its JSON bytes, with its URL and the links the link check needs (none: the only link is
    // followed as a page).
    expect(JSON.parse(new TextDecoder().decode(result.recordJson)).title).toBe('通知');
    expect(result.recordUrl).toBe('http://127.0.0.1/a.html');
    expect(result.check).toEqual([]);
    expect('record' in result).toBe(false);
    expect(result.findings.map((f) => f.rule)).toContain('privacy/mobile');
    await pool.close();
    // Closed: declines.
    await expect(pool.analyze({ requestedUrl: 'x', finalUrl: 'x', status: 200, redirects: [], body: '', truncated: false, fetchedAt: '' })).rejects.toBeInstanceOf(PoolUnavailableError);
  }, 30_000);
});
