import { describe, expect, it } from 'vitest';
import { buildSiteModel, columnSummaries } from '../../../rules/site-model-builder.js';
import { columnSummarySchema } from '../../../reports/audit-schema.js';
import type { LinkOutcome } from '../../../rules/site-model.js';
import { entry, link, page } from './fixtures.js';

const s = 'https://site.test';
const pages = [
  page(`${s}/`, 'home', { links: [link(`${s}/zcwj/index.html`, '政策文件'), link(`${s}/tzgg/index.html`, '通知公告')] }),
  page(`${s}/zcwj/index.html`, 'list', {
    listEntries: [entry('旧', `${s}/zcwj/202001/t20200101_1.html`, '2020-01-01'), entry('新', `${s}/zcwj/202205/t20220501_2.html`, '2022-05-01')],
  }),
  page(`${s}/zcwj/202205/t20220501_2.html`, 'article', { requestedUrl: `${s}/old/doc.html` }),
  page(`${s}/tzgg/index.html`, 'list', { listEntries: [] }),
  page(`${s}/cgyx/index.html`, 'list', { breadcrumb: ['采购意向'], listEntries: [] }),
  page(`${s}/files/a.pdf`, 'attachment', { parentUrl: `${s}/zcwj/202205/t20220501_2.html` }),
];

describe('buildSiteModel', () => {
  const outcomes = new Map<string, LinkOutcome>([[`${s}/zcwj/index.html`, { url: `${s}/zcwj/index.html`, state: 'ok', internal: true }]]);
  const site = buildSiteModel({
    startUrl: `${s}/`,
    pages,
    links: [{ from: `${s}/`, to: `${s}/zcwj/index.html`, selector: 'a', tag: 'a', text: '政策文件', attachment: false }],
    outcomes,
    owners: { 政策文件: '办公室', 通知公告: '宣传中心' },
    newMedia: { accounts: [] },
  });

  it('holds the home page, the crawled pages without attachments, and looks pages up by final or requested url', () => {
    expect(site.home?.url).toBe(`${s}/`);
    expect(site.pages.map((p) => p.kind)).not.toContain('attachment');
    expect(site.pageByUrl(`${s}/zcwj/`)?.url).toBe(`${s}/zcwj/index.html`);
    expect(site.pageByUrl(`${s}/old/doc.html`)?.url).toBe(`${s}/zcwj/202205/t20220501_2.html`);
    expect(site.pageByUrl(`${s}/nope.html`)).toBeUndefined();
    expect(site.outcomes).toBe(outcomes);
    expect(site.newMedia).toEqual({ accounts: [] });
    expect(site.owners['政策文件']).toBe('办公室');
    expect(site.owners['规范性文件']).toBe('法规处');
  });

  it('builds the column inventory and schema-valid summaries', () => {
    expect(site.columns.byCanonical('政策文件')[0].owner).toBe('办公室');
    const summaries = columnSummaries(site.columns);
    for (const row of summaries) expect(columnSummarySchema.safeParse(row).success).toBe(true);
    expect(summaries).toEqual([
      { name: '政策文件', canonical: '政策文件', url: `${s}/zcwj/index.html`, entries: 2, newest: '2022-05-01', owner: '办公室' },
      { name: '通知公告', canonical: '通知公告', url: `${s}/tzgg/index.html`, entries: 0, owner: '宣传中心' },
      // not in the owner map: office by label keyword (采购 → 财务处)
      { name: '采购意向', canonical: '采购意向', url: `${s}/cgyx/index.html`, entries: 0, owner: '财务处' },
    ]);
  });
});
