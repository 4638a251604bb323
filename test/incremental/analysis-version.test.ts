// The incremental cache's results carry the version of the code that analysed the pages (the page worker bundle's
// hash, `pageAnalysisVersion`): after an update that changes extraction or rules, unchanged pages are analysed again
// from their cached bodies (no download) instead of keeping what the old code made of them.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkPack } from '../crawler/fixtures/link-pack.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const version = vi.hoisted(() => ({ current: 'page-worker-aaaaaaaaaaaaaaaa.mjs' as string | undefined }));
vi.mock('../../crawler/crawl/page-pool.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../crawler/crawl/page-pool.js')>()),
  pageAnalysisVersion: async () => version.current,
}));
const { runAuditDetailed } = await import('../../crawler/audit.js');
const { pageAnalysisVersion: realVersion } = await vi.importActual<typeof import('../../crawler/crawl/page-pool.js')>('../../crawler/crawl/page-pool.js');

const PAGES = 6;
let server: http.Server;
let base: string;
let dir: string;
let bodies = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const m = /^\/(?:p\/(\d+)\.html)?$/.exec(req.url ?? '');
    const i = m ? Number(m[1] ?? 0) : -1;
    if (i < 0 || i >= PAGES) return res.writeHead(404).end();
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面${i}</title></head><body><a href="/p/${(i + 1) % PAGES}.html">下一页</a></body></html>`;
    const etag = `"${createHash('sha1').update(html).digest('hex').slice(0, 12)}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    bodies++;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(html);
  });
  base = await listenOnLoopback(server);
  dir = await mkdtemp(join(tmpdir(), 'gongkai-analysis-version-'));
});
afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

const audit = (name: string) =>
  runAuditDetailed({ url: base, outDir: join(dir, name), asOf: '2022-06-30', polite: false, packs: [linkPack], reports: false, cache: true, config: { report: { dataDir: join(dir, 'data') } } });

describe('cached results and the version of the analysis code', () => {
  it('are reused under the same version, analysed again from the cached bodies under another', async () => {
    const first = await audit('a');
    const pages = first.audit.audit.pagesCrawled;
    expect(pages).toBeGreaterThanOrEqual(PAGES);
    const same = await audit('b');
    expect(same.cacheStats).toMatchObject({ pageReused: pages, pageReprocessed: 0 });
    version.current = 'page-worker-bbbbbbbbbbbbbbbb.mjs';
    bodies = 0;
    const updated = await audit('c');
    expect(updated.cacheStats).toMatchObject({ pageReused: 0, pageReprocessed: pages });
    expect(bodies).toBe(0);
    expect(updated.audit.findings.map((f) => f.id)).toEqual(first.audit.findings.map((f) => f.id));
  });

  it('is the page worker bundle: a content hash, the same for the same code', async () => {
    const v = await realVersion();
    expect(v).toMatch(/^page-worker-[0-9a-f]{16}\.mjs$/);
    expect(await realVersion()).toBe(v);
  });
});
