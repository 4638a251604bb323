// Integration: the built-in demo site crawled through a fault-injecting front (429 with Retry-After above a
// request rate, a 503 before the first answer of some pages). The link audit must give exactly the demo's planted
// link/broken and link/unverified pairs with their ground-truth statuses: throttling and transient 5xx never
// become findings, and no planted case is lost.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { startDemoSite, type DemoSite } from '../demo-site/index.js';
import { linkPack } from './fixtures/link-pack.js';
import { listenOnLoopback } from '../helpers/loopback.js';

const AS_OF = '2025-06-16';
let demo: DemoSite;
let front: http.Server;
let base: string;
let run: AuditRun;
let out: string;
let throttled = 0;
let unavailable = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  demo = await startDemoSite({ asOf: AS_OF });
  const recent: number[] = [];
  const failedOnce = new Set<string>();
  front = http.createServer(async (req, res) => {
    const path = req.url ?? '/';
    const now = Date.now();
    recent.push(now);
    while (recent.length && recent[0] < now - 1000) recent.shift();
    if (path !== '/robots.txt' && recent.length > 40) {
      throttled++;
      res.writeHead(429, { 'retry-after': '1' }).end('Too Many Requests');
      return;
    }
    // Every fifth article-like page answers 503 once (a struggling backend), then recovers.
    if (/\/t\d{8}_\d+\.html$/.test(path) && path.length % 5 === 0 && !failedOnce.has(`${req.method} ${path}`)) {
      failedOnce.add(`${req.method} ${path}`);
      unavailable++;
      res.writeHead(503).end('Service Unavailable');
      return;
    }
    try {
      const upstream = await request(new URL(path, demo.url), { method: req.method as 'GET' | 'HEAD', headers: { range: req.headers.range ?? '' } });
      const headers = Object.fromEntries(Object.entries(upstream.headers).filter(([k]) => !['connection', 'keep-alive', 'transfer-encoding'].includes(k)));
      res.writeHead(upstream.statusCode, headers as http.OutgoingHttpHeaders);
      res.end(Buffer.from(await upstream.body.arrayBuffer()));
    } catch {
      res.destroy();
    }
  });
  front.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  base = await listenOnLoopback(front);
  out = await mkdtemp(join(tmpdir(), 'gongkai-demo-fault-'));
  run = await runAuditDetailed({
    url: base,
    outDir: out,
    asOf: AS_OF,
    polite: false,
    concurrency: 6,
    packs: [linkPack],
    reports: false,
    fetcher: { backoffMs: 30, retries: 2, timeoutMs: 3000 },
    recheckDelayMs: 100,
  });
}, 90_000);

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => front?.close(r));
  await demo?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/** The demo's ground truth, with in-site URLs moved from the demo's own origin to the front's. */
function expected(rule: string): string[] {
  return demo
    .expectedFor(rule)
    .map(({ url, target }) => `${url.replace(demo.url, base)} -> ${target!.replace(demo.url, base)}`)
    .sort();
}

const got = (rule: string) =>
  run.audit.findings
    .filter((f) => f.rule === rule)
    .map((f) => `${f.url} -> ${f.target}`)
    .sort();

describe('the demo site audited through a throttling, flaky front', () => {
  it('the front did throttle and fail', () => {
    expect(throttled).toBeGreaterThan(0);
    expect(unavailable).toBeGreaterThan(0);
    expect(run.audit.audit.pagesCrawled).toBeGreaterThan(100);
  });

  it('finds exactly the planted link/broken pairs, with the planted status', () => {
    expect(expected('link/broken').length).toBeGreaterThanOrEqual(5);
    expect(got('link/broken')).toEqual(expected('link/broken'));
    for (const f of demo.groundTruth.expected.filter((x) => x.rule === 'link/broken' && x.evidence?.status !== undefined)) {
      const finding = run.audit.findings.find((x) => x.rule === 'link/broken' && x.url === new URL(f.path, base).href && x.target === new URL(f.target!, base).href);
      expect(finding?.evidence.status, `${f.path} -> ${f.target}`).toBe(f.evidence!.status);
      expect(finding?.selector, `${f.path} -> ${f.target}`).toBeTruthy();
    }
  });

  it('reports the bot-blocked external targets (403, 999) as link/unverified, not broken', () => {
    expect(expected('link/unverified').length).toBe(2);
    expect(got('link/unverified')).toEqual(expected('link/unverified'));
  });
});
