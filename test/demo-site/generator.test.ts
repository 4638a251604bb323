import { describe, expect, it } from 'vitest';
import { buildDemoSite, expectedFor, PLANTED_RULES } from './index.js';
import { isHtml } from './route-text.js';

const AS_OF = '2022-03-15';

describe('demo site generator', () => {
  it('is deterministic for the same options', () => {
    const a = buildDemoSite({ asOf: AS_OF });
    const b = buildDemoSite({ asOf: AS_OF });
    expect([...a.routes.keys()]).toEqual([...b.routes.keys()]);
    for (const [path, r] of a.routes) {
      const other = b.routes.get(path)!;
      expect(other.status, path).toBe(r.status);
      expect(other.headers, path).toEqual(r.headers);
      expect(Buffer.from(other.body).equals(Buffer.from(r.body)), path).toBe(true);
    }
    expect(JSON.stringify(a.groundTruth)).toBe(JSON.stringify(b.groundTruth));
  });

  it('plants at least one expected finding for every rule of issues 2 and 3', () => {
    const normal = buildDemoSite({ asOf: AS_OF }).groundTruth;
    const staleHome = buildDemoSite({ asOf: AS_OF, staleHome: true }).groundTruth;
    for (const rule of PLANTED_RULES) {
      const gt = rule === 'homepage/not-updated' ? staleHome : normal;
      expect(gt.expected.some((f) => f.rule === rule), rule).toBe(true);
      expect(gt.expected.filter((f) => f.rule === rule).every((f) => f.note.length > 10), rule).toBe(true);
    }
    // column/missing for both packs
    expect(normal.expected.filter((f) => f.rule === 'column/missing').map((f) => `${f.pack}:${String(f.evidence?.column)}`).sort()).toEqual([
      'jl-jtt-2022:权责清单',
      'jl-jtt-2022:重大建设项目',
      'national:政府信息公开制度',
    ]);
  });

  it('keeps the home page fresh by default and stale only with staleHome', () => {
    const normal = buildDemoSite({ asOf: AS_OF }).groundTruth;
    const stale = buildDemoSite({ asOf: AS_OF, staleHome: true }).groundTruth;
    expect(normal.expected.filter((f) => f.rule === 'homepage/not-updated')).toEqual([]);
    expect(normal.decoys.some((d) => d.rule === 'homepage/not-updated' && d.path === '/')).toBe(true);
    expect(stale.expected.filter((f) => f.rule === 'homepage/not-updated').map((f) => f.path)).toEqual(['/']);
    // the 交通动态 column goes stale with the home page
    expect(stale.expected.filter((f) => f.rule === 'column/stale').length).toBe(normal.expected.filter((f) => f.rule === 'column/stale').length + 1);
  });

  it('points every expected finding and decoy at a page the site (or, for new media, the external host) serves', () => {
    for (const asOf of [AS_OF, '2025-01-10', '2024-02-29']) {
      const site = buildDemoSite({ asOf, staleHome: true });
      for (const f of [...site.groundTruth.expected, ...site.groundTruth.decoys]) {
        const routes = f.origin === 'external' ? site.externalRoutes : site.routes;
        // An unreachable feed answers the status its evidence names (404); everything else is a 200 page.
        const evidenceStatus = (f as { evidence?: Record<string, unknown> }).evidence?.status;
        const status = f.rule === 'newmedia/unreachable' && typeof evidenceStatus === 'number' ? evidenceStatus : 200;
        expect(routes.get(f.path)?.status, `${asOf} ${f.rule} ${f.origin ?? 'site'} ${f.path}`).toBe(status);
      }
      // no finding is listed twice
      const keys = site.groundTruth.expected.map((f) => `${f.rule}|${f.path}|${f.target ?? ''}|${f.pack ?? ''}|${JSON.stringify(f.evidence ?? {})}`);
      const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
      // several privacy findings on one page are legitimate only with different notes
      expect(dupes.filter((k) => !k.startsWith('privacy/')), asOf).toEqual([]);
    }
  });

  it('moves the annual-report case with the as-of date', () => {
    const feb = buildDemoSite({ asOf: '2024-02-01' }).groundTruth;
    const jan = buildDemoSite({ asOf: '2024-01-31' }).groundTruth;
    expect(feb.expected.some((f) => f.rule === 'disclosure/annual-report-missing')).toBe(true);
    expect(jan.expected.some((f) => f.rule === 'disclosure/annual-report-missing')).toBe(false);
    expect(jan.decoys.some((d) => d.rule === 'disclosure/annual-report-missing')).toBe(true);
  });

  it('stays crawlable in a few seconds: 60–150 HTML pages, a column with 3 pages, both URL styles', () => {
    const site = buildDemoSite({ asOf: AS_OF });
    const html = [...site.routes].filter(([, r]) => isHtml(r) && r.status === 200).map(([p]) => p);
    expect(html.length).toBeGreaterThanOrEqual(60);
    expect(html.length).toBeLessThanOrEqual(150);
    expect(html).toEqual(expect.arrayContaining(['/xwzx/jtdt/index.html', '/xwzx/jtdt/index_1.html', '/xwzx/jtdt/index_2.html', '/col/col123/index.html']));
    expect(html.some((p) => /^\/zwgk\/zcwj\/\d{6}\/t\d{8}_\d+\.html$/.test(p))).toBe(true);
    expect(html.some((p) => /^\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_123_4567\.html$/.test(p))).toBe(true);
    for (const ext of ['xlsx', 'docx', 'pdf', 'csv', 'txt']) expect([...site.routes.keys()].some((p) => p.endsWith(`.${ext}`)), ext).toBe(true);
  });

  it('resolves ground truth to absolute urls for exact comparison', () => {
    const site = buildDemoSite({ asOf: AS_OF, externalOrigin: 'http://127.0.0.1:5555' });
    const pairs = expectedFor(site.groundTruth, 'link/unverified', 'http://127.0.0.1:4444/');
    expect(pairs).toEqual([
      { url: 'http://127.0.0.1:4444/', target: 'http://127.0.0.1:5555/linked/index.html' },
      { url: 'http://127.0.0.1:4444/', target: 'http://127.0.0.1:5555/waf/index.html' },
    ]);
    const broken = expectedFor(site.groundTruth, 'link/broken', 'http://127.0.0.1:4444/');
    expect(broken.every((p) => p.url.startsWith('http://127.0.0.1:4444/') && p.target?.startsWith('http://127.0.0.1:'))).toBe(true);
    // New-media feeds and posts live on the external host; the account listing is the site's own page.
    expect(expectedFor(site.groundTruth, 'newmedia/unreachable', 'http://127.0.0.1:4444/')).toEqual([
      { url: 'http://127.0.0.1:5555/xmt/feeds/jlhd-wechat.xml' },
      { url: 'http://127.0.0.1:5555/xmt/feeds/jljtfw-wechat.xml' },
    ]);
    expect(expectedFor(site.groundTruth, 'newmedia/duplicate', 'http://127.0.0.1:4444/')).toEqual([{ url: 'http://127.0.0.1:4444/zwgk/zwxmt/index.html' }]);
    expect(expectedFor(site.groundTruth, 'content/serious-error', 'http://127.0.0.1:4444/').filter((p) => p.url.startsWith('http://127.0.0.1:5555/'))).toEqual([
      { url: 'http://127.0.0.1:5555/xmt/posts/jljt-wechat-2.html' },
    ]);
  });

  it('serves new-media feeds and posts only on the external host', () => {
    const site = buildDemoSite({ asOf: AS_OF });
    expect([...site.routes.keys()].filter((p) => p.startsWith('/xmt/'))).toEqual([]);
    const external = [...site.externalRoutes.keys()];
    expect(external.filter((p) => p.startsWith('/xmt/feeds/')).length).toBe(7);
    expect(external.filter((p) => p.startsWith('/xmt/posts/')).length).toBe(14);
    expect(external).toContain('/xmt/lists/jljtzf-toutiao.html');
  });

  it('rejects a bad as-of date with a clear message', () => {
    expect(() => buildDemoSite({ asOf: '2022-02-30' })).toThrow(/无效日期/);
    expect(() => buildDemoSite({ asOf: '15/03/2022' })).toThrow(/YYYY-MM-DD/);
  });
});
