// runAudit on a tiny site: links inside new-media posts go through the link audit and the findings name the
// account and post (and the link by its anchor text); feeds go through the audit's polite fetcher (a 503 is
// retried, a feed that never answers times out) and neither stops the audit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';

const AS_OF = '2022-06-15';
const html = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

interface Host {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A loopback server; a handler returning undefined leaves the request hanging (a feed that never answers). */
async function host(handle: (path: string, hits: string[]) => { status: number; type: string; body: string } | undefined): Promise<Host> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const r = handle(path, hits);
    if (!r) return;
    res.writeHead(r.status, { 'content-type': r.type });
    res.end(req.method === 'HEAD' ? undefined : r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let site: Host;
let platform: Host;
let out: string;
let run: AuditRun;

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>测试</title>${items}</channel></rss>`;

beforeAll(async () => {
  site = await host((path) => {
    const page = (title: string, body: string) => ({ status: 200, type: 'text/html; charset=utf-8', body: html(title, body) });
    if (path === '/') return page('吉林省交通运输厅', '<a href="/zwxmt/index.html">政务新媒体</a><p>2022-06-14 动态</p>');
    if (path === '/zwxmt/index.html') {
      return page(
        '政务新媒体_吉林省交通运输厅',
        `<div class="main"><table><tr><th>账号名称</th><th>平台</th><th>开办主体</th></tr>
<tr><td>吉林交通</td><td>微信公众号</td><td>吉林省交通运输厅</td></tr>
<tr><td>吉林公路</td><td>新浪微博</td><td>吉林省公路管理局</td></tr>
<tr><td>吉林海事</td><td>哔哩哔哩</td><td>吉林省地方海事局</td></tr></table></div>`,
      );
    }
    if (path === '/bszn.html') return page('办事指南', '<p>办事指南</p>');
    return { status: 404, type: 'text/html; charset=utf-8', body: html('404', '页面不存在') };
  });
  platform = await host((path, hits) => {
    if (path === '/feed/jljt.xml') {
      const post = `<item><title>端午假期出行服务指南</title><link>${platform.url}/p/1.html</link><pubDate>Mon, 13 Jun 2022 10:00:00 +0800</pubDate>
<description><![CDATA[<p>详见<a href="${site.url}/bszn.html">办事指南</a>和<a href="${site.url}/gone.html">出行须知</a><img src="${platform.url}/img/missing.png" alt="路况图"></p>]]></description></item>`;
      return { status: 200, type: 'application/rss+xml; charset=utf-8', body: rss(post) };
    }
    if (path === '/feed/jlgl.xml') {
      // The bridge fails once (503), then answers: the fetcher's retry must get the posts.
      if (hits.filter((h) => h === path).length === 1) return { status: 503, type: 'text/plain', body: '服务暂不可用' };
      return { status: 200, type: 'application/rss+xml; charset=utf-8', body: rss('<item><title>国道养护完工</title><pubDate>2022-06-12</pubDate></item>') };
    }
    if (path === '/feed/jlhs.xml') return undefined; // never answers
    if (path === '/p/1.html') return { status: 200, type: 'text/html; charset=utf-8', body: html('端午假期出行服务指南', '<p>正文</p>') };
    return { status: 404, type: 'text/html; charset=utf-8', body: html('404', '不存在') };
  });
  out = await mkdtemp(join(tmpdir(), 'gongkai-newmedia-links-'));
  run = await runAuditDetailed({
    url: `${site.url}/`,
    outDir: out,
    asOf: AS_OF,
    polite: false,
    reports: false,
    config: {
      crawl: { timeoutMs: 800 },
      newMedia: [
        { name: '吉林交通', platform: 'wechat', feed: `${platform.url}/feed/jljt.xml`, owner: '宣传中心', unit: '吉林省交通运输厅' },
        { name: '吉林公路', platform: 'weibo', feed: `${platform.url}/feed/jlgl.xml`, owner: '公路局' },
        { name: '吉林海事', platform: 'bilibili', feed: `${platform.url}/feed/jlhs.xml`, owner: '海事局' },
      ],
    },
    fetcher: { retries: 1, timeoutMs: 800 },
    recheckDelayMs: 10,
  });
}, 60_000);

afterAll(async () => {
  await site?.close();
  await platform?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('links inside new-media posts', () => {
  it('reports each dead link of a post as link/broken on the post, naming account, post and link text', () => {
    const broken = run.audit.findings.filter((f) => f.rule === 'link/broken' && f.url === `${platform.url}/p/1.html`);
    expect(broken.map((f) => f.target).sort()).toEqual([`${platform.url}/img/missing.png`, `${site.url}/gone.html`].sort());
    const gone = broken.find((f) => f.target === `${site.url}/gone.html`)!;
    expect(gone.evidence).toMatchObject({ account: '吉林交通', platform: 'wechat', post: '端午假期出行服务指南', postDate: '2022-06-13', status: 404, text: '出行须知' });
    expect(gone.message).toBe(`政务新媒体“吉林交通”发布的“端午假期出行服务指南”：链接“出行须知”指向的 ${site.url}/gone.html 无法访问（404），请修正或删除该链接`);
    expect(gone.source).toBe('吉林交通');
    expect(gone.owner).toBe('宣传中心');
    expect(broken.find((f) => f.target?.endsWith('/missing.png'))!.message).toContain('链接“路况图”');
    // The live link in the same post is no finding.
    expect(run.audit.findings.some((f) => f.target === `${site.url}/bszn.html`)).toBe(false);
  });

  it('reads feeds through the audit fetcher: a 503 is retried, a silent feed times out, the audit completes', () => {
    expect(platform.hits.filter((h) => h === '/feed/jlgl.xml')).toHaveLength(2);
    const rows = Object.fromEntries((run.audit.newMedia?.accounts ?? []).map((r) => [r.name, r]));
    expect(rows['吉林公路']).toMatchObject({ status: 'ok', posts: 1, lastPost: { date: '2022-06-12', title: '国道养护完工' } });
    expect(rows['吉林海事']!.status).toBe('unreachable');
    const silent = run.audit.findings.find((f) => f.rule === 'newmedia/unreachable')!;
    expect(silent).toMatchObject({ url: `${platform.url}/feed/jlhs.xml`, source: '吉林海事', owner: '海事局' });
    expect(silent.evidence.error).toBe('无法访问订阅源：请求超时（ETIMEDOUT）');
    expect(run.audit.findings.filter((f) => f.rule === 'newmedia/unreachable')).toHaveLength(1);
    expect(run.audit.audit.pagesCrawled).toBeGreaterThanOrEqual(2);
  });
});
