import http from 'node:http';
import { createGzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../crawler/http/fetcher-types.js';
import { PoliteFetcher } from '../../crawler/http/polite-fetcher.js';
import { parseRetryAfter } from '../../crawler/http/retry-after.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';

let site: FaultServer;
beforeAll(async () => {
  site = await startFaultServer();
});
afterAll(() => site.close());

/** A small programmable server for timing tests. */
async function server(handler: http.RequestListener) {
  let connections = 0;
  const s = http.createServer(handler);
  s.on('connection', () => connections++);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return { url, connections: () => connections, close: () => new Promise((r) => { s.closeAllConnections(); s.close(r); }) };
}

const fast = { rate: 0, backoffMs: 20, timeoutMs: 2000, robots: false } as const;

describe('PoliteFetcher', () => {
  it('spaces requests to one host at the configured rate', async () => {
    const srv = await server((_req, res) => res.end('ok'));
    const f = new PoliteFetcher({ rate: 10, robots: false });
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => f.fetch({ url: `${srv.url}/p${i}` })));
    const elapsed = Date.now() - t0;
    // 6 requests at 10/s with a bucket of 1: the last starts ≥ 500 ms after the first.
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
    await f.close();
    await srv.close();
  });

  it('caps concurrency per host and reuses connections (keep-alive)', async () => {
    let inFlight = 0;
    let peak = 0;
    const srv = await server((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 30);
    });
    const f = new PoliteFetcher({ ...fast, concurrencyPerHost: 2 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => f.fetch({ url: `${srv.url}/c${i}` })));
    expect(peak).toBe(2);
    // 12 requests over a handful of connections (a released socket may lag behind the next request).
    expect(srv.connections()).toBeLessThanOrEqual(4);
    await f.close();
    await srv.close();
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    let n = 0;
    const srv = await server((_req, res) => {
      n++;
      if (n === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.end('ok');
    });
    const f = new PoliteFetcher(fast);
    const t0 = Date.now();
    const res = await f.fetch({ url: `${srv.url}/x` });
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(n).toBe(2);
    await f.close();
    await srv.close();
  });

  it('parses Retry-After as seconds or HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2022-03-15T08:00:00Z');
    expect(parseRetryAfter('Tue, 15 Mar 2022 08:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('garbage')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('retries 5xx with backoff, then gives the final status', async () => {
    const f = new PoliteFetcher(fast);
    const res = await f.fetch({ url: `${site.url}/flaky/a.html` });
    expect(res.status).toBe(200);
    expect(f.stats.retries).toBe(1);
    let n = 0;
    const srv = await server((_req, res2) => {
      n++;
      res2.writeHead(500).end();
    });
    const res500 = await f.fetch({ url: `${srv.url}/always` });
    expect(res500.status).toBe(500);
    expect(n).toBe(3); // first try + 2 retries
    await f.close();
    await srv.close();
  });

  it('rejects with ECONNREFUSED and ETIMEDOUT codes', async () => {
    const f = new PoliteFetcher({ ...fast, retries: 0, timeoutMs: 300 });
    await expect(f.fetch({ url: `${site.closedUrl}/x` })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(f.fetch({ url: `${site.url}/hang` })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await f.close();
  });

  it('gives up on a body that drips forever, though bytes keep arriving within the idle timeout', async () => {
    const timers: NodeJS.Timeout[] = [];
    const srv = await server((req, res) => {
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        const gzip = createGzip();
        gzip.pipe(res);
        timers.push(setInterval(() => gzip.write('<p>', () => gzip.flush()), 50));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      timers.push(setInterval(() => res.write('<p>'), 50));
    });
    const f = new PoliteFetcher({ ...fast, retries: 0, timeoutMs: 400 });
    for (const path of ['/drip', '/gzip']) {
      const started = Date.now();
      await expect(f.fetch({ url: `${srv.url}${path}` })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      expect(Date.now() - started).toBeLessThan(2000);
    }
    for (const t of timers) clearInterval(t);
    await f.close();
    await srv.close();
  });

  it('reads a 5 MB page whole but cuts a larger body and a gzip bomb at the cap', async () => {
    const f = new PoliteFetcher(fast);
    const big = await f.fetch({ url: `${site.url}/big.html` });
    expect(big.truncated).toBe(false);
    expect(big.body.length).toBeGreaterThan(5_000_000);
    const cut = await f.fetch({ url: `${site.url}/big.html`, maxBytes: 1_000_000 });
    expect(cut.truncated).toBe(true);
    expect(cut.body.length).toBe(1_000_000);
    const before = process.memoryUsage().rss;
    const bomb = await f.fetch({ url: `${site.url}/bomb.html`, maxBytes: 2_000_000 });
    expect(bomb.truncated).toBe(true);
    expect(bomb.body.length).toBe(2_000_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(40_000_000);
    await f.close();
  });

  it('follows redirects recording the chain, and breaks loops', async () => {
    const f = new PoliteFetcher(fast);
    const res = await f.fetch({ url: `${site.url}/r1` });
    expect(res.status).toBe(200);
    expect(res.finalUrl).toBe(`${site.url}/live.html`);
    expect(res.redirects).toEqual([`${site.url}/r1`, `${site.url}/r2`, `${site.url}/live.html`]);
    const err = await f.fetch({ url: `${site.url}/loop-a` }).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.code).toBe('REDIRECT_LOOP');
    const noFollow = await f.fetch({ url: `${site.url}/r1`, followRedirects: false });
    expect(noFollow.status).toBe(301);
    await f.close();
  });

  it('stops after 10 redirects', async () => {
    const srv = await server((req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const f = new PoliteFetcher(fast);
    await expect(f.fetch({ url: `${srv.url}/0` })).rejects.toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    await f.close();
    await srv.close();
  });

  it('respects robots.txt unless turned off, and identifies itself', async () => {
    let ua = '';
    const srv = await server((req, res) => {
      if (req.url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /private/\n');
      ua = Buffer.from(req.headers['user-agent'] ?? '', 'latin1').toString('utf8');
      res.end('ok');
    });
    const polite = new PoliteFetcher({ ...fast, robots: true });
    await expect(polite.fetch({ url: `${srv.url}/private/a.html` })).rejects.toMatchObject({ code: 'ROBOTS_DISALLOWED' });
    expect((await polite.fetch({ url: `${srv.url}/public.html` })).status).toBe(200);
    expect(ua).toMatch(/^Gongkai\/\d+\.\d+\.\d+ \(\+政府网站内容审计; https:\/\/github\.com\/gongkai\)$/);
    const own = new PoliteFetcher({ ...fast, robots: false });
    expect((await own.fetch({ url: `${srv.url}/private/a.html` })).status).toBe(200);
    await polite.close();
    await own.close();
    await srv.close();
  });

  it('HEAD requests carry no body', async () => {
    const f = new PoliteFetcher(fast);
    const res = await f.fetch({ url: `${site.url}/big.html`, method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    await f.close();
  });
});
