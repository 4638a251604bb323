import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startDemoSite, type DemoSite } from './index.js';

let site: DemoSite;

beforeAll(async () => {
  site = await startDemoSite({ asOf: '2022-03-15' });
});
afterAll(async () => {
  await site.close();
});

describe('demo site server', () => {
  it('listens on 127.0.0.1 on a free port and serves the home page', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(site.url).not.toBe('http://127.0.0.1:0/');
    const res = await fetch(site.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('网站标识码：2200000012');
  });

  it('answers HEAD without a body, 404 for unknown paths, and percent-encoded Chinese paths', async () => {
    const head = await request(new URL('/zwgk/index.html', site.url), { method: 'HEAD' });
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(100);
    expect((await head.body.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(new URL('/no/such/page.html', site.url))).status).toBe(404);
    const csv = [...site.routes.keys()].find((p) => p.endsWith('.csv'))!;
    const res = await fetch(new URL(encodeURI(csv), site.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('因公出国（境）费');
  });

  it('serves GBK bytes for planted GBK pages', async () => {
    const [path] = [...site.routes].find(([, r]) => r.headers['content-type'] === 'text/html; charset=GBK')!;
    const res = await fetch(new URL(path, site.url));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(site.routes.get(path)!.body))).toBe(true);
  });

  it('runs the stand-in external host and a refused port named in the ground truth', async () => {
    const unverified = site.expectedFor('link/unverified');
    expect(unverified.length).toBe(2);
    for (const { target } of unverified) expect([403, 999]).toContain((await fetch(target!)).status);
    const refused = site.groundTruth.expected.find((f) => f.evidence?.status === 'ECONNREFUSED')!;
    await expect(fetch(refused.target!)).rejects.toThrow();
    const redirect = await fetch(new URL('/old/zwgk.html', site.url), { redirect: 'manual' });
    expect(redirect.status).toBe(301);
  });

  it('stops and frees its port', async () => {
    const other = await startDemoSite({ asOf: '2022-03-15', gbk: true });
    expect(other.url).not.toBe(site.url);
    expect((await fetch(other.url)).status).toBe(200);
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
