// cheerio is loaded only when something needs it (crawler/extract/lazy-cheerio.ts): a page worker that analyses
// pages on the fast parse path never pays for importing it.
import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../crawler/crawl/analyze-page.js';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { cheerioLoaded } from '../../crawler/extract/lazy-cheerio.js';
import { builtInPacks } from '../../crawler/audit-packs.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';
import * as fx from './fixtures.js';

describe('cheerio on demand', () => {
  it('is not loaded to analyse pages with every built-in rule, and is loaded for a selector query', async () => {
    const runner = new RuleRunner({ packs: builtInPacks(), asOf: '2022-06-30', siteUrl: fx.SITE });
    for (const f of [fx.trsArticle]) {
      const r = await analyzePage(
        { requestedUrl: f.url, finalUrl: f.url, status: 200, redirects: [], contentType: 'text/html; charset=utf-8', body: Buffer.from(f.html), truncated: false, fetchedAt: '2022-06-30T04:00:00.000Z' },
        { siteUrl: fx.SITE, sameSiteHosts: [], dropParams: [] },
        runner,
      );
      expect(r.record.title).not.toBe('');
    }
    expect(cheerioLoaded()).toBe(false);
    const adapter = createCheerioAdapter(fx.trsArticle.html, fx.trsArticle.url);
    const links = adapter.queryAll('a[href]');
    expect(links.length).toBeGreaterThan(3);
    expect(links.every((e) => adapter.attr(e, 'href') !== undefined)).toBe(true);
    expect(cheerioLoaded()).toBe(true);
  });
});
