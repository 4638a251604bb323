// Integration: a whole audit of the fault-injecting site. The exact set of link/broken and link/unverified
// findings must come out: every planted one, no false one — under a server that rate-limits with 429s.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../crawler/audit.js';
import { parseAudit } from '../../reports/audit-schema.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { linkPack } from './fixtures/link-pack.js';

let site: FaultServer;
let out: string;
let run: AuditRun;

beforeAll(async () => {
  site = await startFaultServer({ rateLimit: 12, retryAfter: 1 });
  out = await mkdtemp(join(tmpdir(), 'gongkai-fault-'));
  run = await runAuditDetailed({
    url: `${site.url}/`,
    outDir: out,
    asOf: '2022-06-30',
    polite: false,
    concurrency: 6,
    packs: [linkPack],
    reports: false,
    config: { crawl: { maxBytes: 8_000_000 } },
    fetcher: { timeoutMs: 600, backoffMs: 30, retries: 1 },
    recheckDelayMs: 100,
  });
}, 60_000);

afterAll(async () => {
  await site?.close();
  await rm(out, { recursive: true, force: true });
});

const pairs = (run: AuditRun, rule: string) =>
  run.audit.findings
    .filter((f) => f.rule === rule)
    .map((f) => `${f.url} -> ${f.target}`)
    .sort();

describe('audit of the fault-injecting site', () => {
  it('finds exactly the planted broken and unverified links', () => {
    const home = `${site.url}/`;
    const expected = (state: string) =>
      [...site.planted]
        .filter(([, s]) => s === state)
        .map(([target]) => `${home} -> ${target}`)
        .sort();
    expect(pairs(run, 'link/broken')).toEqual(expected('broken'));
    expect(pairs(run, 'link/unverified')).toEqual(expected('unverified'));
    // The site did throttle us, and no throttled target became a finding.
    expect(site.throttled()).toBeGreaterThan(0);
    const byTarget = new Map(run.audit.findings.map((f) => [f.target, f]));
    expect(byTarget.get(`${site.url}/missing.html`)?.evidence.status).toBe(404);
    expect(byTarget.get(`${site.url}/loop-a`)?.evidence.status).toBe('REDIRECT_LOOP');
    expect(byTarget.get(`${site.url}/hang`)?.evidence.status).toBe('ETIMEDOUT');
    expect(byTarget.get(`${site.closedUrl}/x.html`)?.evidence.status).toBe('ECONNREFUSED');
    expect(byTarget.get(`${site.url}/missing.html`)?.selector).toMatch(/#links > a/);
  });

  it('crawls in-site pages incl. TRS pagination, never external or non-http targets', () => {
    expect(run.audit.audit.pagesCrawled).toBeGreaterThanOrEqual(10);
    expect(site.hits.get('GET /list/index_1.html')).toBeGreaterThanOrEqual(1);
    expect(site.hits.get('GET /list/p3.html')).toBeGreaterThanOrEqual(1);
    // Each page fetched once (429 answers aside: those are retried by design).
    expect(site.hits.get('GET /list/p1.html')).toBeLessThanOrEqual(3);
  });

  it('writes a valid findings.json atomically and removes the journal when done', async () => {
    const json = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8'));
    const audit = parseAudit(json);
    expect(audit.audit.site).toBe(`${site.url}/`);
    expect(audit.audit.asOf).toBe('2022-06-30');
    expect(audit.audit.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect(audit.findings.length).toBe(run.audit.findings.length);
    await expect(readFile(join(out, '.gongkai-journal.jsonl'))).rejects.toThrow();
  });
});
