// Crawl scope: --max-pages stops the crawl (audit marked truncated); config include/exclude decide which in-site
// pages are crawled, and excluded URLs are never requested (nor reported broken).
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { linkPack } from './fixtures/link-pack.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

let server: http.Server;
let base: string;
const hits = new Map<string, number>();
const dirs: string[] = [];

const HOME = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>
${[1, 2, 3, 4, 5].map((i) => `<a href="/keep/${i}.html">保留${i}</a>`).join('')}
${[1, 2].map((i) => `<a href="/other/${i}.html">其他${i}</a>`).join('')}
<a href="/search/q.html">检索</a></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOME);
    if (/^\/(keep|other)\/\d\.html$/.test(path)) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>页</title></head><body><a href="/">首页</a></body></html>');
    }
    res.writeHead(404).end(); // /search/ is "broken" — it must not be requested at all when excluded
  });
  base = await listenOnLoopback(server);
});

afterAll(async () => {
  await closeServer(server);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function audit(extra: Record<string, unknown>) {
  const outDir = await mkdtemp(join(tmpdir(), 'gongkai-scope-'));
  dirs.push(outDir);
  hits.clear();
  return runAuditDetailed({ url: base, outDir, asOf: '2022-06-30', polite: false, concurrency: 1, packs: [linkPack], reports: false, recheckDelayMs: 10, ...extra });
}

describe('crawl scope', () => {
  it('--max-pages caps the pages crawled and marks the audit truncated', async () => {
    const run = await audit({ maxPages: 3 });
    expect(run.audit.audit.pagesCrawled).toBe(3);
    expect(run.audit.audit.truncated).toBe(true);
    const full = await audit({});
    expect(full.audit.audit.pagesCrawled).toBe(8);
    expect(full.audit.audit.truncated).toBeFalsy();
    expect(full.audit.findings.map((f) => f.target)).toEqual([`${base}search/q.html`]);
  });

  it('include limits the crawl to matching pages; exclude is never requested nor reported', async () => {
    const run = await audit({ config: { crawl: { include: ['/keep/'], exclude: ['/search/'] } } });
    expect(run.audit.audit.pagesCrawled).toBe(6); // the start page always, then /keep/ only
    expect(hits.get('/other/1.html') ?? 0).toBeLessThanOrEqual(1); // link-checked at most (HEAD), never crawled
    expect(hits.get('/search/q.html')).toBeUndefined();
    expect(run.audit.findings).toEqual([]);
  });
});
