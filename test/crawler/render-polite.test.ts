// --render is as polite as the plain crawl: the browser's requests (pages, scripts, redirect hops) go through the
// polite fetcher, so robots.txt, the per-host --rate and the identifying User-Agent apply to them too.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { linkPack } from './fixtures/link-pack.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const hasChromium = existsSync(process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium');
let server: http.Server;
let base: string;
let out: string;
const seen: { method: string; path: string; at: number; ua: string }[] = [];

const page = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ method: req.method ?? '', path, at: Date.now(), ua: String(req.headers['user-agent'] ?? '') });
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : body);
    switch (path) {
      case '/robots.txt':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
      case '/':
        return void html(page('脚本列表', '<ul id="list"></ul><script src="/list.js"></script>'));
      case '/list.js':
        return void res.writeHead(200, { 'content-type': 'application/javascript' }).end(
          `var l = document.getElementById('list');
           [['/zwgk/a.html', '通知一'], ['/private/x.html', '内部'], ['/r', '旧地址']].forEach(function (it) {
             var li = document.createElement('li'); var a = document.createElement('a');
             a.href = it[0]; a.textContent = it[1]; li.appendChild(a); l.appendChild(li);
           });`,
        );
      case '/zwgk/a.html':
        return void html(page('通知一', '<p>正文</p><a href="/zwgk/gone.html">失效</a>'));
      case '/r':
        return void res.writeHead(301, { location: '/zwgk/b.html' }).end();
      case '/zwgk/b.html':
        return void html(page('通知二', '<p>正文</p>'));
      default:
        return void res.writeHead(404, { 'content-type': 'text/html' }).end('not found');
    }
  });
  base = await listenOnLoopback(server);
  out = await mkdtemp(join(tmpdir(), 'gongkai-render-polite-'));
});

afterAll(async () => {
  await closeServer(server);
  if (out) await rm(out, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('--render politeness', () => {
  it('applies robots.txt, --rate and the User-Agent to the browser\'s requests', async () => {
    const run = await runAuditDetailed({ url: base, outDir: out, asOf: '2022-06-30', render: true, rate: 5, packs: [linkPack], reports: false, recheckDelayMs: 50 });
    const paths = seen.map((s) => `${s.method} ${s.path}`);
    // robots.txt read first; the disallowed page is neither rendered nor link-checked.
    expect(paths[0]).toBe('GET /robots.txt');
    expect(paths.filter((p) => p.includes('/private/'))).toEqual([]);
    // The script and the redirect hop went through the same fetcher; the redirect target was rendered.
    expect(paths).toContain('GET /list.js');
    expect(paths).toContain('GET /r');
    expect(run.audit.audit.pagesCrawled).toBe(3);
    expect(run.audit.findings.filter((f) => f.rule === 'link/broken').map((f) => [f.url, f.target])).toEqual([[`${base}zwgk/a.html`, `${base}zwgk/gone.html`]]);
    for (const s of seen) expect(s.ua, s.path).toMatch(/^Gongkai\//);
    // --rate 5: requests start ≥ 200 ms apart. Arrival times jitter when the machine is loaded (a late arrival
    // shortens the next gap), so the average spacing is held to the rate and each single gap only loosely.
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i].at);
    expect((seen.at(-1)!.at - seen[0].at) / gaps.length).toBeGreaterThanOrEqual(180);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60);
  }, 90_000);
});
