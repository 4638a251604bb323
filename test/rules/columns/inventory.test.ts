import { describe, expect, it } from 'vitest';
import { buildColumnInventory, canonicalColumn, columnsListing, normalizeLabel } from '../../../rules/columns/index.js';
import { entry, link, page } from './fixtures.js';

describe('canonicalColumn', () => {
  it('maps label variants onto canonical names', () => {
    expect(canonicalColumn('文件发布')).toBe('政策文件');
    expect(canonicalColumn('政策法规')).toBe('政策文件');
    expect(canonicalColumn('解读回应')).toBe('政策解读');
    expect(canonicalColumn('现行有效规范性文件')).toBe('规范性文件');
    expect(canonicalColumn('行政 规范性 文件')).toBe('规范性文件');
    expect(canonicalColumn('公示公告')).toBe('通知公告');
    expect(canonicalColumn('交通动态')).toBe('工作动态');
    expect(canonicalColumn('图片新闻')).toBe('工作动态');
    expect(canonicalColumn('人事任免')).toBe('人事信息');
    expect(canonicalColumn('预决算')).toBe('财政预决算');
    expect(canonicalColumn('统计数据')).toBe('统计信息');
    expect(canonicalColumn('随机抽查')).toBe('双随机一公开');
    expect(canonicalColumn('权力清单')).toBe('权责清单');
    expect(canonicalColumn('采购意向')).toBe('采购意向');
    expect(canonicalColumn('政府信息公开年度报告')).toBe('政府信息公开年报');
    expect(canonicalColumn('2022年政府信息公开年报')).toBe('政府信息公开年报');
  });

  it('ignores quotes, spaces, full-width forms and trailing 更多', () => {
    for (const label of ['政务服务“好差评”', '政务服务"好差评"', '政务服务「好差评」', ' 好差评 ', '政务服务＂好差评＂']) {
      expect(canonicalColumn(label)).toBe('政务服务"好差评"');
    }
    expect(canonicalColumn('通知公告 >>')).toBe('通知公告');
    expect(canonicalColumn('政策解读更多')).toBe('政策解读');
    expect(normalizeLabel('索 引 号：')).toBe('索引号');
  });

  it('returns undefined for unknown labels', () => {
    expect(canonicalColumn('联系我们')).toBeUndefined();
    expect(canonicalColumn('')).toBeUndefined();
    expect(canonicalColumn('》》')).toBeUndefined();
  });
});

// A TRS WCM-shaped site: directories per column, index.html/index_1.html pagination, a hub with a sub-hub.
function trsSite() {
  const s = 'https://trs.test';
  return [
    page(`${s}/`, 'home', {
      links: [
        link(`${s}/`, '首页'),
        link(`${s}/xxgk/index.html`, '政府信息公开'),
        link(`${s}/jtdt/index.html`, '交通动态'),
        link(`${s}/tzgg/`, '通知 公告'),
        link(`${s}/jtdt/202206/t20220601_9.html`, '一条新闻'),
        link(`${s}/files/a.pdf`, '政策文件', { attachment: true }),
      ],
      listEntries: [entry('一条新闻', `${s}/jtdt/202206/t20220601_9.html`, '2022-06-01')],
    }),
    page(`${s}/xxgk/index.html`, 'other', {
      breadcrumb: ['政府信息公开'],
      links: [
        link(`${s}/xxgk/zn/t20220101_1.html`, '政府信息公开指南'),
        link(`${s}/xxgk/zd/index.html`, '政府信息公开制度'),
        link(`${s}/xxgk/fdzdgknr/index.html`, '法定主动公开内容'),
        link(`${s}/xxgk/ndbg/index.html`, '政府信息公开年报'),
        link(`${s}/about.html`, '联系我们'),
        // the site-wide header, repeated on the hub: not a hub column
        link(`${s}/jtdt/index.html`, '交通动态'),
      ],
    }),
    page(`${s}/xxgk/zn/t20220101_1.html`, 'article', {
      title: '吉林省交通运输厅政府信息公开指南',
      disclosure: { publishDate: '2022-01-01' },
    }),
    page(`${s}/xxgk/fdzdgknr/index.html`, 'other', {
      links: [
        link(`${s}/xxgk/fdzdgknr/zcwj/index.html`, '文件发布'),
        link(`${s}/xxgk/fdzdgknr/zcjd/index.html`, '解读回应'),
        link(`${s}/xxgk/fdzdgknr/gfxwj/index.html`, '行政规范性文件'),
      ],
    }),
    page(`${s}/xxgk/fdzdgknr/zcwj/index.html`, 'list', {
      breadcrumb: ['政府信息公开', '法定主动公开内容', '文件发布'],
      pagination: { pageCount: 2, current: 1, pages: [`${s}/xxgk/fdzdgknr/zcwj/index.html`, `${s}/xxgk/fdzdgknr/zcwj/index_1.html`] },
      listEntries: [
        entry('关于A的通知', `${s}/xxgk/fdzdgknr/zcwj/202203/t20220301_3.html`, '2022-03-01'),
        entry('关于B的通知', `${s}/xxgk/fdzdgknr/zcwj/202205/t20220510_4.html`, '2022-05-10'),
      ],
      links: [link(`${s}/xxgk/fdzdgknr/zcjd/index.html`, '解读回应'), link(`${s}/xxgk/fdzdgknr/gfxwj/index.html`, '行政规范性文件')],
    }),
    page(`${s}/xxgk/fdzdgknr/zcwj/index_1.html`, 'list', {
      breadcrumb: ['政府信息公开', '法定主动公开内容', '文件发布'],
      pagination: { pageCount: 2, current: 2, pages: [`${s}/xxgk/fdzdgknr/zcwj/index.html`, `${s}/xxgk/fdzdgknr/zcwj/index_1.html`] },
      listEntries: [
        entry('关于C的通知', `${s}/xxgk/fdzdgknr/zcwj/202101/t20210101_1.html`, '2021-01-01'),
        entry('关于A的通知', `${s}/xxgk/fdzdgknr/zcwj/202203/t20220301_3.html`, '2022-03-01'),
      ],
    }),
    page(`${s}/xxgk/fdzdgknr/zcjd/index.html`, 'list', {
      breadcrumb: ['政府信息公开', '法定主动公开内容', '解读回应'],
      listEntries: [entry('暂无信息', `${s}/xxgk/fdzdgknr/zcjd/index.html`)],
      bodyText: '暂无信息',
    }),
    page(`${s}/xxgk/fdzdgknr/gfxwj/index.html`, 'list', {
      breadcrumb: ['政府信息公开', '法定主动公开内容', '行政规范性文件'],
      listEntries: [entry('吉林省某某暂行办法', `${s}/xxgk/fdzdgknr/gfxwj/202001/t20200101_2.html`, '2020-01-01')],
    }),
    page(`${s}/xxgk/fdzdgknr/zcwj/202205/t20220510_4.html`, 'article', {
      breadcrumb: ['政府信息公开', '法定主动公开内容', '文件发布'],
      meta: { ColumnName: '文件发布' },
    }),
    page(`${s}/jtdt/index.html`, 'list', {
      breadcrumb: ['交通动态'],
      listEntries: [entry('一条新闻', `${s}/jtdt/202206/t20220601_9.html`, '2022-06-01')],
    }),
  ];
}

describe('buildColumnInventory — TRS-style site', () => {
  const inv = buildColumnInventory(trsSite(), { siteUrl: 'https://trs.test/', owners: { 规范性文件: '法规处', 文件发布: '办公室' } });

  it('finds the hub and columns from nav, hub, sub-hub and breadcrumbs', () => {
    expect(inv.hubUrl).toBe('https://trs.test/xxgk/index.html');
    const names = inv.columns.map((c) => c.canonical ?? c.name).sort();
    expect(names).toEqual(
      ['工作动态', '通知公告', '政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '政策文件', '政策解读', '规范性文件'].sort(),
    );
    const zcwj = inv.byCanonical('政策文件')[0];
    expect(zcwj.name).toBe('文件发布');
    expect(zcwj.inDisclosureHub).toBe(true);
    expect(zcwj.foundBy).toEqual(expect.arrayContaining(['hub', 'breadcrumb']));
    expect(inv.byCanonical('工作动态')[0].inDisclosureHub).toBe(false);
    // the attachment link labelled 政策文件 on the home page is not a column
    expect(inv.byCanonical('政策文件')).toHaveLength(1);
  });

  it('collects entries across pagination pages, deduplicated, newest first', () => {
    const zcwj = inv.byCanonical('政策文件')[0];
    expect(zcwj.url).toBe('https://trs.test/xxgk/fdzdgknr/zcwj/index.html');
    expect(zcwj.listPages).toEqual(['https://trs.test/xxgk/fdzdgknr/zcwj/index.html', 'https://trs.test/xxgk/fdzdgknr/zcwj/index_1.html']);
    expect(zcwj.entries.map((e) => e.date)).toEqual(['2022-05-10', '2022-03-01', '2021-01-01']);
  });

  it('reports an empty column (暂无信息) with no entries, and single-page and sub-hub columns as non-empty', () => {
    expect(inv.byCanonical('政策解读')[0].entries).toEqual([]);
    const guide = inv.byCanonical('政府信息公开指南')[0];
    expect(guide.entries).toEqual([{ title: '吉林省交通运输厅政府信息公开指南', url: 'https://trs.test/xxgk/zn/t20220101_1.html', date: '2022-01-01' }]);
    expect(inv.byCanonical('法定主动公开内容')[0].entries.length).toBe(3);
    // uncrawled target found in the hub: a column with no entries
    expect(inv.byCanonical('政府信息公开制度')[0].entries).toEqual([]);
  });

  it('columnOf by list membership, breadcrumb, pagination page and directory prefix', () => {
    expect(inv.columnOf('https://trs.test/xxgk/fdzdgknr/zcwj/202101/t20210101_1.html')?.canonical).toBe('政策文件');
    expect(inv.columnOf('https://trs.test/xxgk/fdzdgknr/zcwj/index_1.html')?.canonical).toBe('政策文件');
    expect(inv.columnOf('https://trs.test/jtdt/202201/t20220105_77.html')?.canonical).toBe('工作动态');
    expect(inv.columnOf('https://trs.test/about.html')).toBeUndefined();
    expect(inv.columnOf('https://trs.test/')).toBeUndefined();
  });

  it('fills owners by label or canonical name', () => {
    expect(inv.byCanonical('规范性文件')[0].owner).toBe('法规处');
    expect(inv.byCanonical('政策文件')[0].owner).toBe('办公室');
    expect(inv.byCanonical('工作动态')[0].owner).toBeUndefined();
  });
});

// A Hanweb-shaped site: /col/colN/index.html lists, ?uid=&pageNum= pagination, /art/Y/M/D/art_N_M.html articles.
function hanwebSite() {
  const s = 'https://hw.test';
  return [
    page(`${s}/index.html`, 'home', {
      links: [
        link(`${s}/col/col100/index.html`, '政务公开'),
        link(`${s}/col/col101/index.html`, '政策法规'),
        link(`${s}/col/col102/index.html`, '要闻'),
        link(`${s}/col/col199/index.html`, '专题活动'),
      ],
    }),
    page(`${s}/col/col100/index.html`, 'other', {
      links: [
        link(`${s}/col/col103/index.html`, '政务服务“好差评”'),
        link(`${s}/col/col104/index.html`, '采购意向'),
        link(`${s}/col/col101/index.html`, '政策法规'),
      ],
    }),
    page(`${s}/col/col101/index.html`, 'list', {
      meta: { ColumnName: '政策法规' },
      pagination: { pageCount: 2, current: 1, pages: [`${s}/col/col101/index.html`, `${s}/col/col101/index.html?uid=9&pageNum=2`] },
      listEntries: [entry('文件一', `${s}/art/2022/5/10/art_101_1.html`, '2022-05-10')],
    }),
    page(`${s}/col/col101/index.html?uid=9&pageNum=2`, 'list', {
      meta: { ColumnName: '政策法规' },
      pagination: { pageCount: 2, current: 2, pages: [`${s}/col/col101/index.html`, `${s}/col/col101/index.html?uid=9&pageNum=2`] },
      listEntries: [entry('文件二', `${s}/art/2021/3/1/art_101_2.html`, '2021-03-01')],
    }),
    page(`${s}/col/col102/index.html`, 'list', {
      listEntries: [entry('新闻', `${s}/art/2022/6/1/art_102_1.html`, '2022-06-01'), entry('无日期', `${s}/art/x/art_102_2.html`)],
    }),
    page(`${s}/col/col103/index.html`, 'list', { meta: { ColumnName: '政务服务“好差评”' }, listEntries: [] }),
    page(`${s}/col/col199/index.html`, 'list', {
      listEntries: [entry('活动', `${s}/art/2022/1/1/art_199_1.html`, '2022-01-01')],
    }),
    page(`${s}/art/2022/5/11/art_101_5.html`, 'article', { meta: { ColumnName: '政策法规' } }),
    page(`${s}/special/zdxm/list.html`, 'list', { listEntries: [entry('项目一', `${s}/special/zdxm/a1.html`, '2022-04-01')] }),
  ];
}

describe('buildColumnInventory — Hanweb-style site', () => {
  const inv = buildColumnInventory(hanwebSite(), {
    siteUrl: 'https://hw.test/index.html',
    configColumns: [{ urlPrefix: 'https://hw.test/special/', name: '重大建设项目' }],
  });

  it('finds the 政务公开 hub and its columns; unlabelled list pages from the nav keep their label', () => {
    expect(inv.hubUrl).toBe('https://hw.test/col/col100/index.html');
    expect(inv.byCanonical('政务服务“好差评”')).toHaveLength(1);
    expect(inv.byCanonical('好差评')[0].inDisclosureHub).toBe(true);
    expect(inv.byCanonical('采购意向')[0].entries).toEqual([]);
    expect(inv.columns.find((c) => c.name === '专题活动')?.canonical).toBeUndefined();
  });

  it('follows pageNum pagination', () => {
    const col = inv.byCanonical('政策文件')[0];
    expect(col.listPages).toHaveLength(2);
    expect(col.entries.map((e) => e.title)).toEqual(['文件一', '文件二']);
    expect(inv.columnOf('https://hw.test/col/col101/index.html?uid=9&pageNum=2')).toBe(col);
  });

  it('keeps undated entries after dated ones', () => {
    expect(inv.byCanonical('工作动态')[0].entries.map((e) => e.title)).toEqual(['新闻', '无日期']);
  });

  it('columnOf by ColumnName meta for an unlisted article, and by config URL prefix', () => {
    expect(inv.columnOf('https://hw.test/art/2022/5/11/art_101_5.html')?.canonical).toBe('政策文件');
    expect(inv.columnOf('https://hw.test/art/2022/5/10/art_101_1.html')?.canonical).toBe('政策文件');
    const cfg = inv.columnOf('https://hw.test/special/other/page.html');
    expect(cfg?.canonical).toBe('重大建设项目');
    expect(cfg?.foundBy).toContain('config');
    expect(cfg?.url).toBe('https://hw.test/special/zdxm/list.html');
    expect(cfg?.entries).toHaveLength(1);
    expect(inv.columnOf('https://hw.test/art/2022/9/9/art_555_1.html')).toBeUndefined();
  });

  it('columnsListing returns every column listing a document', () => {
    expect(columnsListing(inv, 'https://hw.test/art/2022/5/10/art_101_1.html').map((c) => c.canonical)).toEqual(['政策文件']);
  });

  it('never crashes on bad URLs or empty input', () => {
    const empty = buildColumnInventory([], { siteUrl: 'not a url' });
    expect(empty.columns).toEqual([]);
    expect(empty.columnOf('::::')).toBeUndefined();
    const odd = buildColumnInventory([page('https://x.test/', 'home', { links: [link('javascript:void(0)', '政策文件'), link('mailto:a@b', '通知公告')] })], {
      siteUrl: 'https://x.test/',
    });
    expect(odd.columns).toEqual([]);
  });
});
