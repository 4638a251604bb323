import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../crawler/http/polite-fetcher.js';
import { LinkChecker, isCheckable } from '../../crawler/links/link-checker.js';
import { linkBroken } from '../../rules/national/link-broken.js';
import { linkUnverified } from '../../rules/national/link-unverified.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';
import { definePack } from '../../rules/define-rule.js';
import type { LinkEdge, SiteModel } from '../../rules/site-model.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';

let site: FaultServer;
beforeAll(async () => {
  site = await startFaultServer();
});
afterAll(() => site.close());

function targets(s: FaultServer): string[] {
  return [
    '/live.html', '/missing.html', '/flaky/a.html', '/head405.pdf', '/r1', '/loop-a', '/hang', '/big.html', '/malformed.html',
    '/binary.html', '/bomb.html', '/logo.png',
  ]
    .map((p) => s.url + p)
    .concat([`${s.closedUrl}/x.html`, `${s.externalUrl}/blocked`, `${s.externalUrl}/alive`]);
}

function checker(fetcher: PoliteFetcher) {
  return new LinkChecker({
    fetcher,
    isInternal: (u) => u.startsWith(site.url),
    recheckDelayMs: 50,
    timeoutMs: 400,
  });
}

describe('LinkChecker', () => {
  it('gives each planted target its exact outcome, checking each target once per pass', async () => {
    const fetcher = new PoliteFetcher({ rate: 0, robots: false, backoffMs: 20, retries: 1, timeoutMs: 400 });
    const c = checker(fetcher);
    const all = targets(site);
    const outcomes = await c.checkAll([...all, ...all]);
    const failing = new Map([...outcomes].filter(([, o]) => o.state !== 'ok').map(([u, o]) => [u, o.state]));
    expect(failing).toEqual(site.planted);
    expect(outcomes.get(`${site.url}/missing.html`)?.status).toBe(404);
    expect(outcomes.get(`${site.url}/loop-a`)?.error).toBe('REDIRECT_LOOP');
    expect(outcomes.get(`${site.url}/hang`)?.error).toBe('ETIMEDOUT');
    expect(outcomes.get(`${site.closedUrl}/x.html`)?.error).toBe('ECONNREFUSED');
    expect(outcomes.get(`${site.externalUrl}/blocked`)?.status).toBe(403);
    expect(outcomes.get(`${site.url}/r1`)?.redirects).toEqual([`${site.url}/r1`, `${site.url}/r2`, `${site.url}/live.html`]);
    // HEAD first; the 405 falls back to a small GET; the pdf is never downloaded whole.
    expect(site.hits.get('HEAD /head405.pdf')).toBe(1);
    expect(site.hits.get('GET /head405.pdf')).toBe(1);
    expect(site.hits.get('GET /big.html')).toBeUndefined();
    expect(site.hits.get('HEAD /malformed.html')).toBe(1);
    // The server's own 404 is final: not re-checked (a 503 is: see 'recovers on the re-check' below).
    expect(site.hits.get('HEAD /missing.html')).toBe(1);
    await fetcher.close();
  });

  it('reuses outcomes seeded by the crawler and never requests non-http targets', async () => {
    const fetcher = new PoliteFetcher({ rate: 0, robots: false, timeoutMs: 400 });
    const c = checker(fetcher);
    const before = site.hits.get('HEAD /list/p1.html') ?? 0;
    c.seed({ url: `${site.url}/list/p1.html`, state: 'ok', status: 200, internal: true });
    const outcomes = await c.checkAll([`${site.url}/list/p1.html`, 'mailto:a@b.cn', 'tel:123', 'javascript:void(0)', 'data:text/plain,x']);
    expect(site.hits.get('HEAD /list/p1.html') ?? 0).toBe(before);
    expect([...outcomes.keys()]).toEqual([`${site.url}/list/p1.html`]);
    expect(isCheckable('mailto:x@y.cn')).toBe(false);
    await fetcher.close();
  });

  it('a target that recovers on the re-check is not broken', async () => {
    const fetcher = new PoliteFetcher({ rate: 0, robots: false, retries: 0, timeoutMs: 400 });
    const c = checker(fetcher);
    // retries 0: the first 503 is seen by the checker itself; the re-check finds the page alive.
    const flaky = `${site.url}/flaky/a.html?fresh=1`;
    const outcomes = await c.checkAll([flaky]);
    expect(outcomes.get(flaky)?.state).toBe('ok');
    await fetcher.close();
  });
});

describe('link/broken and link/unverified rules', () => {
  it('report one finding per failing (page, target) pair with selector and status', async () => {
    const page1 = 'https://jtt.example.gov.cn/';
    const page2 = 'https://jtt.example.gov.cn/a.html';
    const dead = 'https://jtt.example.gov.cn/dead.html';
    const blocked = 'https://other.example.com/x';
    const edges: LinkEdge[] = [
      { from: page1, to: dead, selector: '#links > a:nth-of-type(1)', tag: 'a', text: '死链', attachment: false },
      { from: page1, to: dead, selector: '#links > a:nth-of-type(2)', tag: 'a', text: '死链', attachment: false },
      { from: page2, to: dead, selector: 'body > a', tag: 'a', text: '死链', attachment: false },
      { from: page2, to: blocked, selector: 'body > p > a', tag: 'a', text: '外链', attachment: false },
      { from: page2, to: page1, selector: 'body > div > a', tag: 'a', text: '首页', attachment: false },
    ];
    const site: SiteModel = {
      startUrl: page1,
      pages: [],
      pageByUrl: () => undefined,
      links: edges,
      outcomes: new Map([
        [dead, { url: dead, state: 'broken', status: 404, internal: true }],
        [blocked, { url: blocked, state: 'unverified', status: 403, internal: false }],
        [page1, { url: page1, state: 'ok', status: 200, internal: true }],
      ]),
      columns: { columns: [], columnOf: () => undefined, byCanonical: () => [] },
      owners: {},
    };
    const runner = new RuleRunner({
      packs: [definePack({ name: 't', title: 't', rules: { b: linkBroken, u: linkUnverified } })],
      asOf: '2022-06-30',
      siteUrl: page1,
    });
    const { findings, errors } = await runner.runSite(site);
    expect(errors).toEqual([]);
    const broken = findings.filter((f) => f.rule === 'link/broken');
    expect(broken.map((f) => [f.url, f.target, f.selector, f.evidence.status])).toEqual([
      [page1, dead, '#links > a:nth-of-type(1)', 404],
      [page1, dead, '#links > a:nth-of-type(2)', 404],
      [page2, dead, 'body > a', 404],
    ]);
    // Two elements on one page to one target share the finding id (de-duplicated later): one per pair.
    expect(new Set(broken.map((f) => f.id)).size).toBe(2);
    const unverified = findings.filter((f) => f.rule === 'link/unverified');
    expect(unverified).toHaveLength(1);
    expect(unverified[0]).toMatchObject({ url: page2, target: blocked, evidence: { status: 403 } });
    expect(unverified[0].message).toContain('人工确认');
  });
});
