import { describe, expect, it } from 'vitest';
import { RuleRunner, type RulesConfig } from '../../rules/engine/rule-runner.js';
import { nationalPack } from '../../rules/national/index.js';
import type { SiteModel } from '../../rules/site-model.js';
import { column, inventory, page, siteModel } from './helpers.js';

const SITE = 'https://jtt.example.gov.cn/';
const ASOF = '2024-06-30';

async function run(site: SiteModel, only: string, config: Partial<RulesConfig> = {}, asOf = ASOF) {
  const runner = new RuleRunner({ packs: [nationalPack], asOf, siteUrl: SITE, config });
  const result = await runner.runSite(site);
  expect(result.errors).toEqual([]);
  return result.findings.filter((f) => f.rule === only);
}

const entries = (...dates: string[]) => dates.map((d, i) => ({ title: `信息${i}`, url: `${SITE}a/${i}.html`, date: d }));

describe('column/missing (national)', () => {
  it('reports each missing disclosure sub-column at the start url with its owner', async () => {
    const site = siteModel({
      columns: inventory([
        column({ name: '信息公开指南', canonical: '政府信息公开指南', url: `${SITE}gk/zn/` }),
        column({ name: '年报', canonical: '政府信息公开年报', url: `${SITE}gk/nb/` }),
      ]),
    });
    const found = await run(site, 'column/missing');
    expect(found.map((f) => f.evidence.column).sort()).toEqual(['政府信息公开制度', '法定主动公开内容'].sort());
    for (const f of found) {
      expect(f.url).toBe(SITE);
      expect(f.target).toBeUndefined();
      expect(f.column).toBe(f.evidence.column);
      expect(f.owner).toBe('办公室');
    }
  });
});

describe('column/stale', () => {
  it('applies 14 / 183 / 365 days by column class, across all entries, ignoring future dates', async () => {
    const cols = [
      column({ name: '交通动态', canonical: '工作动态', url: `${SITE}dt/`, entries: entries('2024-06-10', '2024-06-01') }),
      column({ name: '要闻', url: `${SITE}yw/`, entries: entries('2024-06-20') }),
      column({ name: '通知公告', canonical: '通知公告', url: `${SITE}tz/`, entries: entries('2023-12-01') }),
      column({ name: '政策文件', canonical: '政策文件', url: `${SITE}zc/`, entries: entries('2024-01-15') }),
      column({ name: '财政预决算', canonical: '财政预决算', url: `${SITE}cz/`, entries: entries('2023-06-01', '2030-01-01') }),
      column({ name: '统计信息', canonical: '统计信息', url: `${SITE}tj/`, entries: entries('2023-08-01') }),
      column({ name: '政府信息公开年报', canonical: '政府信息公开年报', url: `${SITE}nb/`, entries: entries('2020-01-20') }),
    ];
    const found = await run(siteModel({ columns: inventory(cols) }), 'column/stale');
    expect(found.map((f) => f.evidence.column)).toEqual(['交通动态', '通知公告', '财政预决算']);
    const news = found[0];
    expect(news.url).toBe(`${SITE}dt/`);
    expect(news.evidence).toMatchObject({ newest: '2024-06-10', days: 20, thresholdDays: 14, class: 'news' });
    expect(news.message).toContain('2024-06-10');
    expect(found[2].owner).toBe('财务处');
  });

  it('takes thresholds from options', async () => {
    const cols = [column({ name: '交通动态', canonical: '工作动态', url: `${SITE}dt/`, entries: entries('2024-06-10') })];
    const found = await run(siteModel({ columns: inventory(cols) }), 'column/stale', {
      rules: { 'column/stale': { options: { newsDays: 30 } } },
    });
    expect(found).toEqual([]);
  });
});

describe('column/empty', () => {
  it('reports list pages without entries and 暂无信息 pages, not article columns or uncrawled ones', async () => {
    const pages = [
      page({ url: `${SITE}a/`, kind: 'list', bodyText: '当前位置：首页 > 人事信息' }),
      page({ url: `${SITE}b/`, kind: 'other', bodyText: '暂无信息' }),
      page({ url: `${SITE}c/`, kind: 'article', bodyText: '政府信息公开指南全文……' }),
      page({ url: `${SITE}d/`, kind: 'list', listEntries: [{ title: 'x', url: `${SITE}d/1.html`, selector: 'li' }] }),
      page({ url: `${SITE}e/`, kind: 'list', status: 404 }),
    ];
    const cols = [
      column({ name: '人事信息', canonical: '人事信息', url: `${SITE}a/` }),
      column({ name: '通知公告', canonical: '通知公告', url: `${SITE}b/` }),
      column({ name: '公开指南', canonical: '政府信息公开指南', url: `${SITE}c/` }),
      column({ name: '动态', url: `${SITE}d/` }),
      column({ name: '规划', url: `${SITE}e/` }),
      column({ name: '未抓取', url: `${SITE}f/` }),
    ];
    const found = await run(siteModel({ pages, columns: inventory(cols) }), 'column/empty');
    expect(found.map((f) => [f.evidence.column, f.url])).toEqual([
      ['人事信息', `${SITE}a/`],
      ['通知公告', `${SITE}b/`],
    ]);
    expect(found[1].evidence).toMatchObject({ class: 'notice', saysEmpty: true });
    expect(found[0].owner).toBe('人事处');
  });
});

describe('column/empty on bare list pages', () => {
  const nav = [
    { selector: '#nav > li:nth-of-type(1)', text: '首页' },
    { selector: '#nav > li:nth-of-type(2)', text: '政府信息公开' },
    { selector: '#footer', text: '主办单位：吉林省交通运输厅 网站标识码：2200000012' },
  ];
  const navLinks = [{ url: SITE, raw: '/', tag: 'a' as const, attr: 'href', text: '首页', selector: '#nav a', internal: true }];
  const withTemplate = (url: string, own: { text: string }[], links: typeof navLinks = [], title = '') =>
    page({
      url,
      kind: 'other',
      title,
      breadcrumb: ['政府信息公开', title.split('_')[0]],
      textBlocks: [...nav, { selector: '#crumb', text: `当前位置：首页 > 政府信息公开 > ${title.split('_')[0]}` }, ...own.map((o, i) => ({ selector: `#main > p:nth-of-type(${i + 1})`, ...o }))],
      links: [...navLinks, ...links],
    });

  it('reports a list with only template, breadcrumb and its name; not a directory of sub-columns', async () => {
    const pages = [
      withTemplate(`${SITE}ssj/`, [{ text: '双随机一公开' }], [], '双随机一公开_吉林省交通运输厅'),
      withTemplate(`${SITE}fdzd/`, [{ text: '法定主动公开内容' }, { text: '人事信息' }], [{ ...navLinks[0], url: `${SITE}rs/`, text: '人事信息' }], '法定主动公开内容_吉林省交通运输厅'),
      withTemplate(`${SITE}x1.html`, [{ text: '正文一' }]),
      withTemplate(`${SITE}x2.html`, [{ text: '正文二' }]),
    ];
    const cols = [column({ name: '双随机一公开', url: `${SITE}ssj/` }), column({ name: '法定主动公开内容', url: `${SITE}fdzd/` })];
    const found = await run(siteModel({ pages, columns: inventory(cols) }), 'column/empty');
    expect(found.map((f) => f.url)).toEqual([`${SITE}ssj/`]);
    expect(found[0].evidence.saysEmpty).toBe(false);
  });
});

describe('homepage/not-updated', () => {
  const home = (dates: string[]) => page({ url: SITE, kind: 'home', dates });

  it('fires when the newest home-page date is older than 14 days, or when there is none', async () => {
    expect(await run(siteModel({ pages: [home(['2024-06-16', '2024-05-01'])] }), 'homepage/not-updated')).toEqual([]);
    const stale = await run(siteModel({ pages: [home(['2024-06-15', '2099-01-01'])] }), 'homepage/not-updated');
    expect(stale).toHaveLength(1);
    expect(stale[0].evidence).toMatchObject({ newest: '2024-06-15', days: 15 });
    expect(stale[0].url).toBe(SITE);
    const undated = await run(siteModel({ pages: [home([])] }), 'homepage/not-updated');
    expect(undated[0].message).toContain('没有任何带日期');
  });

  it('does not fire when there is no home page (the unreachable veto covers it)', async () => {
    expect(await run(siteModel({ pages: [] }), 'homepage/not-updated')).toEqual([]);
  });
});

describe('disclosure/annual-report-missing', () => {
  const nb = (titles: string[]) =>
    column({
      name: '政府信息公开年报',
      canonical: '政府信息公开年报',
      url: `${SITE}nb/`,
      entries: titles.map((t, i) => ({ title: t, url: `${SITE}nb/${i}.html`, date: '2024-01-20' })),
    });

  it('requires last year’s report after 31 January', async () => {
    const site = siteModel({ columns: inventory([nb(['吉林省交通运输厅2022年政府信息公开工作年度报告'])]) });
    const found = await run(site, 'disclosure/annual-report-missing', {}, '2024-02-01');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ url: `${SITE}nb/`, column: '政府信息公开年报', owner: '办公室', evidence: { year: 2023 } });
    expect(await run(site, 'disclosure/annual-report-missing', {}, '2024-01-31')).toEqual([]);
  });

  it('accepts the report by Arabic or Chinese year, in the column or anywhere on the site', async () => {
    const a = siteModel({ columns: inventory([nb(['二〇二三年政府信息公开工作年度报告'])]) });
    expect(await run(a, 'disclosure/annual-report-missing')).toEqual([]);
    const b = siteModel({ pages: [page({ url: `${SITE}x.html`, title: '2023年度政府信息公开年报' })] });
    expect(await run(b, 'disclosure/annual-report-missing')).toEqual([]);
  });

  it('does not take another annual report elsewhere on the site (统计年报, 年度工作报告) for the disclosure report', async () => {
    const site = siteModel({
      pages: [
        page({ url: `${SITE}tj.html`, title: '2023年交通运输统计年报' }),
        page({ url: `${SITE}gz.html`, title: '吉林省交通运输厅2023年度报告会召开', meta: { ArticleTitle: '2023年度报告' } }),
      ],
    });
    expect(await run(site, 'disclosure/annual-report-missing')).toHaveLength(1);
  });
});

describe('document/repeal-unmarked', () => {
  const doc = (url: string, docNo: string, extra: Partial<Parameters<typeof page>[0]> = {}) =>
    page({ url, title: '关于某事项的通知', disclosure: { docNo, validity: '有效', raw: {} }, bodyText: '正文', ...extra });

  it('reports a document the site declares repealed or amended whose page is unmarked', async () => {
    const pages = [
      doc(`${SITE}zc/1.html`, '吉交发〔2019〕5号'),
      doc(`${SITE}zc/2.html`, '吉交发〔2019〕6号', { disclosure: { docNo: '吉交发〔2019〕6号', validity: '废止', raw: {} } }),
      doc(`${SITE}zc/3.html`, '吉交发〔2020〕7号'),
      doc(`${SITE}zc/4.html`, '吉交发〔2020〕8号', { bodyText: '【已废止】正文' }),
      doc(`${SITE}zc/5.html`, '吉交规〔2022〕1号', {
        title: '关于废止部分规范性文件的决定',
        bodyText: '决定废止以下文件：吉交发[2019]5号、吉交发〔2019〕6号、吉交发〔2020〕8号。',
      }),
      doc(`${SITE}zc/6.html`, '吉交规〔2022〕2号', {
        bodyText: '本办法自印发之日起施行。对《某办法》（吉交发〔2020〕7号）予以修改。吉交发〔2021〕9号文件精神……',
      }),
      doc(`${SITE}zc/7.html`, '吉交发〔2021〕9号'),
    ];
    const found = await run(siteModel({ pages }), 'document/repeal-unmarked');
    expect(found.map((f) => [f.url, f.evidence.kind])).toEqual([
      [`${SITE}zc/1.html`, 'repealed'],
      [`${SITE}zc/3.html`, 'amended'],
    ]);
    expect(found[0].evidence.declaredBy).toBe(`${SITE}zc/5.html`);
    expect(found[0].owner).toBe('法规处');
  });
});
