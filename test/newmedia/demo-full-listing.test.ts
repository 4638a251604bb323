// With misc-columns' own 政务新媒体 page (three accounts) rendered first, the section's ground truth follows that
// listing; the collected findings match it exactly.
import { expect, it } from 'vitest';
import { SiteBuilder } from '../demo-site/site-builder.js';
import { miscColumnsSection } from '../demo-site/sections/misc-columns.js';
import { newMediaSection, NEWMEDIA_PAGE } from '../demo-site/sections/newmedia.js';
import { demoNewMediaConfig } from '../demo-site/sections/newmedia-config.js';
import { PoliteFetcher } from '../../crawler/http/polite-fetcher.js';
import { pageRecordSchema } from '../../crawler/page-record.js';
import { collectNewMedia } from '../../crawler/newmedia/index.js';
import { RuleRunner } from '../../rules/engine/rule-runner.js';
import { buildSiteModel } from '../../rules/site-model-builder.js';
import { newmediaDuplicate, newmediaStale, newmediaUnlisted, newmediaUnreachable } from '../../rules/national/index.js';
import { definePack } from '../../rules/define-rule.js';
import { serveRoutes } from './serve-routes.js';

it('matches the ground truth when misc-columns renders the listing', async () => {
  const b = new SiteBuilder({ asOf: '2022-06-15' });
  miscColumnsSection.build(b);
  newMediaSection.build(b);
  const site = b.build();
  const main = await serveRoutes(site.routes);
  const fetcher = new PoliteFetcher({ rate: 0, retries: 0, robots: false, timeoutMs: 5000 });
  try {
    const listPage = pageRecordSchema.parse({ url: main.url + NEWMEDIA_PAGE, status: 200, kind: 'list', title: '政务新媒体_吉林省交通运输厅', meta: { ColumnName: '政务新媒体' } });
    const collected = await collectNewMedia({ accounts: demoNewMediaConfig(main.url), pages: [listPage], fetcher, asOf: '2022-06-15', siteUrl: main.url + '/' });
    const pack = definePack({ name: 'nm', title: '政务新媒体', rules: { a: newmediaStale, b: newmediaUnreachable, c: newmediaUnlisted, d: newmediaDuplicate } });
    const runner = new RuleRunner({ packs: [pack], asOf: '2022-06-15', siteUrl: main.url + '/' });
    const model = buildSiteModel({ startUrl: main.url + '/', pages: [listPage], links: [], outcomes: new Map(), newMedia: collected.model });
    const { findings } = await runner.runSite(model);
    const got = findings.map((f) => `${f.rule} ${new URL(f.url).pathname} ${JSON.stringify(f.evidence.account ?? f.evidence.accounts)}`).sort();
    const want = site.groundTruth.expected
      .filter((e) => e.rule.startsWith('newmedia/'))
      .map((e) => `${e.rule} ${e.path} ${JSON.stringify(e.evidence?.account ?? e.evidence?.accounts)}`)
      .sort();
    expect(got).toEqual(want);
    // Six configured accounts are missing from the three-row listing; 吉林交通 on 抖音 is listed only.
    expect(want.filter((w) => w.startsWith('newmedia/unlisted'))).toHaveLength(7);
  } finally {
    await fetcher.close();
    await main.close();
  }
}, 30_000);
