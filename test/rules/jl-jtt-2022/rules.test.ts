import { describe, expect, it } from 'vitest';
import { entry, link, page } from '../columns/fixtures.js';
import { byRule, paths, runJl, SITE } from './helpers.js';
import { jlJtt2022Pack } from '../../../rules/jl-jtt-2022/index.js';
import { workingDaysBetween, addYears, newestDate, subtractMonths } from '../../../rules/jl-jtt-2022/dates.js';
import type { PageRecord } from '../../../crawler/page-record.js';

const s = SITE.replace(/\/$/, '');
const ASOF = '2022-06-30';

type Doc = {
  path: string;
  title: string;
  date: string;
  listDate?: string;
  links?: ReturnType<typeof link>[];
  disclosure?: Record<string, unknown>;
  bodyText?: string;
  status?: number;
};

function doc(d: Doc): PageRecord {
  return page(`${s}${d.path}`, 'article', {
    title: d.title,
    status: d.status ?? 200,
    // Every page carries the site's column navigation, as real templates do.
    links: [...(d.links ?? []), link(`${s}/zwgk/zcjd/index.html`, '政策解读'), link(`${s}/zwgk/index.html`, '政府信息公开')],
    bodyText: d.bodyText ?? '正文',
    disclosure: { publishDate: d.date, indexNo: '000000000/2022-00001', openness: '主动公开', ...(d.disclosure ?? {}) },
  });
}

function list(path: string, name: string, docs: Doc[], extra: Partial<Parameters<typeof page>[2]> = {}): PageRecord {
  return page(`${s}${path}`, 'list', {
    breadcrumb: ['政府信息公开', name],
    listEntries: docs.map((d) => entry(d.title, `${s}${d.path}`, d.listDate ?? d.date)),
    ...extra,
  });
}

function home(columns: [string, string][]): PageRecord[] {
  return [
    page(`${s}/`, 'home', { links: [link(`${s}/zwgk/index.html`, '政府信息公开')] }),
    page(`${s}/zwgk/index.html`, 'other', { links: columns.map(([path, name]) => link(`${s}${path}`, name)) }),
  ];
}

describe('jl-jtt-2022 column/missing', () => {
  it('reports each required column the site lacks, with canonical column, start url, 要点 source and owner', async () => {
    const pages = [
      ...home([
        ['/zwgk/zcwj/index.html', '文件发布'],
        ['/zwgk/zcjd/index.html', '解读回应'],
        ['/zwgk/gfxwj/index.html', '现行有效规范性文件'],
        ['/zwgk/czzj/index.html', '财政资金'],
        ['/zwgk/zfcg/index.html', '政府采购'],
        ['/zwgk/zfcg/cgyx/index.html', '采购意向'],
        ['/zwgk/zfcg/cgwj/index.html', '采购文件'],
        ['/zwgk/sjgk/index.html', '随机抽查'],
        ['/zwgk/qzqd/index.html', '权力清单'],
        ['/zwgk/hcp/index.html', '政务服务“好差评”'],
        ['/zwgk/ysqgk/index.html', '依申请公开'],
      ]),
    ];
    const { findings, errors } = await runJl({ pages, asOf: ASOF, owners: { 采购合同: '采购中心' } });
    expect(errors).toEqual([]);
    const missing = byRule(findings, 'column/missing');
    expect(missing.map((f) => f.evidence.column).sort()).toEqual(['政务新媒体', '采购合同', '采购结果', '重大建设项目'].sort());
    for (const f of missing) {
      expect(f.url).toBe(SITE);
      expect(f.target).toBeUndefined();
      expect(f.column).toBe(f.evidence.column);
      expect(f.message).toContain(`“${String(f.evidence.column).replace(/"(.*)"/, '‘$1’')}”`);
      expect(f.message).toMatch(/请增设/);
      expect(f.source).toMatch(/^《吉林省交通运输厅2022年政务公开工作要点》第（[一二三四五六七八九十]+）项$/);
    }
    expect(new Set(missing.map((f) => f.id)).size).toBe(missing.length);
    const owner = Object.fromEntries(missing.map((f) => [f.evidence.column, f.owner]));
    expect(owner).toEqual({ 政务新媒体: '办公室', 采购合同: '采购中心', 采购结果: '财务处', 重大建设项目: '综规处' });
    expect(missing.find((f) => f.evidence.column === '采购结果')?.source).toContain('第（六）项');
  });

  it('takes the required list from options', async () => {
    const { findings } = await runJl({
      pages: home([]),
      asOf: ASOF,
      config: { rules: { 'column/missing': { options: { required: ['政策文件'] } } } },
    });
    expect(byRule(findings, 'column/missing').map((f) => f.evidence.column)).toEqual(['政策文件']);
  });
});

// A policy column and an interpretation column, planted per case.
function policySite() {
  const docs: Doc[] = [
    // D1: links to its interpretation I1 (published Tue after a Friday: 2 working days) — fine, not late.
    { path: '/zwgk/zcwj/202206/t20220603_1.html', title: '关于甲的通知', date: '2022-06-03', links: [link(`${s}/zwgk/zcjd/202206/t20220607_11.html`, '相关解读：《甲》政策解读')] },
    // D2: no interpretation at all; publisher names the drafting office.
    { path: '/zwgk/zcwj/202205/t20220520_2.html', title: '关于乙的通知', date: '2022-05-20', disclosure: { publisher: '吉林省交通运输厅综合规划处' } },
    // D3: no link, but I3 links back to it as 原文.
    { path: '/zwgk/zcwj/202205/t20220510_3.html', title: '关于丙的通知', date: '2022-05-10' },
    // D4: its only 解读 link is broken (link outcome).
    { path: '/zwgk/zcwj/202204/t20220401_4.html', title: '关于丁的通知', date: '2022-04-01', links: [link(`${s}/zwgk/zcjd/202204/t20220401_404.html`, '相关解读')] },
    // D5: its only 解读 link goes to a crawled page answering 404.
    { path: '/zwgk/zcwj/202203/t20220301_5.html', title: '关于戊的通知', date: '2022-03-01', links: [link(`${s}/zwgk/zcjd/202203/t20220301_15.html`, '《戊》解读')] },
    // D7: interpretation 10 calendar / 6 working days later — late.
    { path: '/zwgk/zcwj/202205/t20220506_7.html', title: '关于庚的通知', date: '2022-05-06', links: [link(`${s}/zwgk/zcjd/202205/t20220516_17.html`, '相关解读')] },
  ];
  const interps: Doc[] = [
    { path: '/zwgk/zcjd/202206/t20220607_11.html', title: '《甲》政策解读', date: '2022-06-07', links: [link(`${s}${docs[0].path}`, '相关文件')] },
    { path: '/zwgk/zcjd/202205/t20220511_13.html', title: '《丙》政策解读', date: '2022-05-11', links: [link(`${s}${docs[2].path}`, '原文链接')] },
    { path: '/zwgk/zcjd/202205/t20220516_17.html', title: '《庚》政策解读', date: '2022-05-16' },
  ];
  const broken404 = { path: '/zwgk/zcjd/202203/t20220301_15.html', title: '页面不存在', date: '2022-03-01', status: 404 };
  return {
    pages: [
      ...home([
        ['/zwgk/zcwj/index.html', '政策文件'],
        ['/zwgk/zcjd/index.html', '政策解读'],
      ]),
      list('/zwgk/zcwj/index.html', '政策文件', docs),
      list('/zwgk/zcjd/index.html', '政策解读', interps),
      ...docs.map(doc),
      ...interps.map(doc),
      doc(broken404),
    ],
    outcomes: [{ url: `${s}/zwgk/zcjd/202204/t20220401_404.html`, state: 'broken' as const, status: 404, internal: true }],
  };
}

describe('jl-jtt-2022 policy/interpretation-missing', () => {
  it('flags documents without a reachable interpretation in either direction', async () => {
    const { pages, outcomes } = policySite();
    const { findings, errors } = await runJl({ pages, outcomes, asOf: ASOF });
    expect(errors).toEqual([]);
    const missing = byRule(findings, 'policy/interpretation-missing');
    expect(paths(missing)).toEqual(['/zwgk/zcwj/202203/t20220301_5.html', '/zwgk/zcwj/202204/t20220401_4.html', '/zwgk/zcwj/202205/t20220520_2.html']);
    const d2 = missing.find((f) => f.url.endsWith('_2.html'))!;
    expect(d2.message).toBe('文件《关于乙的通知》没有可访问的政策解读，请起草处室补发解读并在文件页与解读页之间互相链接');
    expect(d2.owner).toBe('综合规划处');
    expect(d2.column).toBe('政策文件');
    const d4 = missing.find((f) => f.url.endsWith('_4.html'))!;
    expect(d4.owner).toBe('办公室');
    expect(d4.evidence.brokenLinks).toEqual([`${s}/zwgk/zcjd/202204/t20220401_404.html`]);
    expect(d4.message).toContain('解读链接已失效');
  });

  it('does not treat an interpretation page as a document needing interpretation', async () => {
    const { pages, outcomes } = policySite();
    const { findings } = await runJl({ pages, outcomes, asOf: ASOF });
    expect(byRule(findings, 'policy/interpretation-missing').some((f) => f.url.includes('/zcjd/'))).toBe(false);
  });
});

describe('jl-jtt-2022 policy/interpretation-late', () => {
  it('flags interpretations more than 3 working days late, skipping weekends', async () => {
    const { pages, outcomes } = policySite();
    const { findings } = await runJl({ pages, outcomes, asOf: ASOF });
    const late = byRule(findings, 'policy/interpretation-late');
    expect(paths(late)).toEqual(['/zwgk/zcwj/202205/t20220506_7.html']);
    expect(late[0].evidence.interpretation).toBe(`${s}/zwgk/zcjd/202205/t20220516_17.html`);
    expect(late[0].evidence).toMatchObject({ docDate: '2022-05-06', interpretationDate: '2022-05-16', workingDays: 6 });
    expect(late[0].message).toContain('晚了 6 个工作日');
  });

  it('honours the maxWorkingDays option', async () => {
    const { pages, outcomes } = policySite();
    const { findings } = await runJl({ pages, outcomes, asOf: ASOF, config: { rules: { 'policy/interpretation-late': { options: { maxWorkingDays: 1 } } } } });
    expect(paths(byRule(findings, 'policy/interpretation-late'))).toEqual(['/zwgk/zcwj/202205/t20220506_7.html', '/zwgk/zcwj/202206/t20220603_1.html']);
  });

  it('counts working days without weekends and with configured holidays', () => {
    expect(workingDaysBetween('2022-06-03', '2022-06-07')).toBe(2); // Fri → Tue
    expect(workingDaysBetween('2022-05-06', '2022-05-16')).toBe(6);
    expect(workingDaysBetween('2022-06-03', '2022-06-03')).toBe(0);
    expect(workingDaysBetween('2022-06-07', '2022-06-03')).toBe(0);
    expect(workingDaysBetween('2022-05-30', '2022-06-06', ['2022-06-03'])).toBe(4);
    expect(workingDaysBetween('2022-04-29', '2022-05-05', [], ['2022-04-30'])).toBe(5);
  });

  it('finds the newest date across unsorted entries', () => {
    expect(newestDate([{ date: '2021-05-01' }, {}, { date: '2022-01-31' }, { date: 'bad' }, { date: '2021-12-31' }])).toBe('2022-01-31');
    expect(newestDate([{}])).toBeUndefined();
  });

  it('computes calendar offsets', () => {
    expect(addYears('2020-02-29', 2)).toBe('2022-02-28');
    expect(subtractMonths('2022-05-31', 3)).toBe('2022-02-28');
    expect(subtractMonths('2022-01-15', 12)).toBe('2021-01-15');
  });
});

function regulationSite() {
  const lib: Doc[] = [
    { path: '/gfxwj/201903/t20190301_1.html', title: '过期办法', date: '2019-03-01', disclosure: { validity: '有效', validUntil: '2022-05-31' } },
    { path: '/gfxwj/201501/t20150101_2.html', title: '长期办法', date: '2015-01-01', disclosure: { validity: '有效', validUntil: '2027-01-01' } },
    { path: '/gfxwj/201606/t20160601_3.html', title: '无期限办法', date: '2016-06-01' },
    { path: '/gfxwj/202006/t20200630_4.html', title: '某某暂行办法', date: '2020-06-30', disclosure: { validity: '有效', writtenDate: '2020-06-30' } },
    { path: '/gfxwj/202006/t20200601_5.html', title: '某某办法（试行）', date: '2020-06-01', disclosure: { validity: '有效' } },
    { path: '/gfxwj/202001/t20200101_6.html', title: '已失效办法', date: '2020-01-01', disclosure: { validity: '失效' } },
    { path: '/gfxwj/201601/t20160101_8.html', title: '五年办法', date: '2016-01-01', bodyText: '本办法自发布之日起施行，有效期五年。' },
    { path: '/gfxwj/202101/t20210101_9.html', title: '近期办法', date: '2021-01-01' },
  ];
  const repealed: Doc = { path: '/gfxwj/201801/t20180101_7.html', title: '已废止办法', date: '2018-01-01', disclosure: { validity: '废止' } };
  const validNotListed: Doc = { path: '/gfxwj/201501/t20150105_10.html', title: '有效未入库办法', date: '2015-01-05', disclosure: { validity: '有效' } };
  const unknownNotListed: Doc = { path: '/gfxwj/201501/t20150106_11.html', title: '未标注办法', date: '2015-01-06' };
  return [
    ...home([
      ['/gfxwj/index.html', '规范性文件'],
      ['/gfxwj/xxyx/index.html', '现行有效规范性文件'],
    ]),
    list('/gfxwj/index.html', '规范性文件', [...lib, repealed, validNotListed, unknownNotListed]),
    list('/gfxwj/xxyx/index.html', '现行有效规范性文件', lib),
    ...[...lib, repealed, validNotListed, unknownNotListed].map(doc),
  ];
}

describe('jl-jtt-2022 regulation/stale', () => {
  it('flags expired, over-age and 失效-but-listed documents; spares future end dates, 暂行 at 2 years and correct marks', async () => {
    const { findings, errors } = await runJl({ pages: regulationSite(), asOf: ASOF });
    expect(errors).toEqual([]);
    const stale = byRule(findings, 'regulation/stale');
    expect(paths(stale)).toEqual([
      '/gfxwj/201501/t20150105_10.html', // 有效, not listed, no end date, 7 years
      '/gfxwj/201601/t20160101_8.html', // 有效期五年 stated in the text → ended 2021-01-01
      '/gfxwj/201606/t20160601_3.html', // listed, no end date, > 5 years
      '/gfxwj/201903/t20190301_1.html', // 有效期至 before as-of
      '/gfxwj/202001/t20200101_6.html', // 失效 on its page, listed as current
      '/gfxwj/202006/t20200601_5.html', // 试行 > 2 years
    ]);
    const msg = (p: string) => stale.find((f) => f.url.endsWith(p))!.message;
    expect(msg('_1.html')).toBe('规范性文件《过期办法》有效期至 2022-05-31 已届满，但仍标注为有效或列在现行有效库中，请标注失效并移出现行有效库，或重新发文明确有效期');
    expect(msg('_6.html')).toContain('仍列在现行有效规范性文件库“现行有效规范性文件”中');
    expect(msg('_5.html')).toContain('已超过 2 年默认有效期');
    expect(msg('_3.html')).toContain('已超过 5 年默认有效期');
    for (const f of stale) expect(f.owner).toBe('法规处');
  });

  it('flags a 暂行 document one day past 2 years', async () => {
    const { findings } = await runJl({ pages: regulationSite(), asOf: '2022-07-01' });
    expect(paths(byRule(findings, 'regulation/stale'))).toContain('/gfxwj/202006/t20200630_4.html');
  });
});

describe('jl-jtt-2022 disclosure/attribute-missing', () => {
  const base = { title: '关于某事的通知', date: '2022-05-01' };
  const run = async (pages: PageRecord[]) => byRule((await runJl({ pages, asOf: ASOF })).findings, 'disclosure/attribute-missing');

  it('flags a document page whose disclosure states no 公开属性 and whose text says none', async () => {
    const bad = doc({ ...base, path: '/a/t1.html', disclosure: { openness: undefined, docNo: '吉交发〔2022〕1号' } });
    const found = await run([bad]);
    expect(paths(found)).toEqual(['/a/t1.html']);
    expect(found[0].message).toBe('文件《关于某事的通知》未标明公开属性，请在信息公开要素中补充“公开方式”或在正文标注“此件公开发布”等公开属性');
    expect(found[0].evidence).toMatchObject({ docNo: '吉交发〔2022〕1号' });
  });

  it('accepts 公开方式 in the table, a raw 公开属性 row, or 此件公开发布 in the text; ignores non-documents', async () => {
    const ok = [
      doc({ ...base, path: '/a/t2.html' }),
      doc({ ...base, path: '/a/t3.html', disclosure: { openness: undefined, raw: { 公开属性: '主动公开' } } }),
      doc({ ...base, path: '/a/t4.html', disclosure: { openness: undefined }, bodyText: '……特此通知。（此件公开发布）' }),
      doc({ ...base, path: '/a/t5.html', disclosure: { openness: undefined }, bodyText: '公开属性： 依申请公开' }),
      page(`${s}/a/t6.html`, 'article', { title: '一条新闻' }),
      page(`${s}/a/index.html`, 'list', { disclosure: { indexNo: 'x' } }),
    ];
    expect(await run(ok)).toEqual([]);
  });
});

function goodBadSite(entries: { title: string; date: string; text: string }[]) {
  const docs = entries.map((e, i) => ({ path: `/hcp/t${i}.html`, title: e.title, date: e.date, bodyText: e.text }));
  return [...home([['/hcp/index.html', '政务服务"好差评"']]), list('/hcp/index.html', '好差评', docs), ...docs.map(doc)];
}

describe('jl-jtt-2022 goodbad/data-missing', () => {
  const run = async (pages: PageRecord[]) => byRule((await runJl({ pages, asOf: ASOF })).findings, 'goodbad/data-missing');

  it('passes when a recent entry publishes evaluation counts or the good rate', async () => {
    expect(await run(goodBadSite([{ title: '5月好差评情况', date: '2022-06-05', text: '本月共收到评价1234条，好评率99.8%。' }]))).toEqual([]);
    expect(await run(goodBadSite([{ title: '4月好评率100%', date: '2022-05-05', text: '详见附件' }]))).toEqual([]);
  });

  it('flags a 好差评 column whose recent entries carry no figures, or whose figures are older than 3 months', async () => {
    const found = await run(
      goodBadSite([
        { title: '关于开展好差评工作的通知', date: '2022-06-01', text: '各单位要高度重视好差评工作。' },
        { title: '1月好差评情况', date: '2022-01-31', text: '评价数量：500，好评率 98%' },
      ]),
    );
    expect(paths(found)).toEqual(['/hcp/index.html']);
    expect(found[0].owner).toBe('审批办');
    expect(found[0].column).toBe('政务服务"好差评"');
    expect(found[0].message).toBe('“政务服务‘好差评’”栏目近 3 个月没有公开评价数量、好评率等数据，请及时发布评价数量、好评率、热评事项和差评整改情况');
    expect(found[0].evidence).toMatchObject({ since: '2022-03-30', recentEntries: 1, newest: '2022-06-01' });
  });

  it('stays silent when the site has no 好差评 column (column/missing reports that)', async () => {
    expect(await run(home([]))).toEqual([]);
  });
});

describe('jl-jtt-2022 procurement/intention-missing', () => {
  const site = (cols: [string, string, Doc[]][]) => [
    ...home(cols.map(([p, n]) => [p, n] as [string, string])),
    ...cols.map(([p, n, docs]) => list(p, n, docs)),
  ];
  const run = async (pages: PageRecord[]) => byRule((await runJl({ pages, asOf: ASOF })).findings, 'procurement/intention-missing');

  it('passes with an intention in the last 12 months, in the 采购意向 column or titled so under 政府采购', async () => {
    expect(await run(site([['/cgyx/index.html', '采购意向', [{ path: '/cgyx/t1.html', title: '2021年8月采购意向', date: '2021-08-01' }]]]))).toEqual([]);
    expect(await run(site([['/zfcg/index.html', '政府采购', [{ path: '/zfcg/t1.html', title: '某项目采购意向公开', date: '2022-03-01' }]]]))).toEqual([]);
  });

  it('flags 政府采购 without a recent 采购意向', async () => {
    const found = await run(
      site([
        ['/zfcg/index.html', '政府采购', [{ path: '/zfcg/t1.html', title: '某项目中标公告', date: '2022-06-01' }]],
        ['/zfcg/cgyx/index.html', '采购意向', [{ path: '/zfcg/cgyx/t1.html', title: '2021年采购意向', date: '2021-05-01' }]],
      ]),
    );
    expect(paths(found)).toEqual(['/zfcg/cgyx/index.html']);
    expect(found[0].owner).toBe('财务处');
    expect(found[0].evidence).toMatchObject({ intentions: 1, newest: '2021-05-01' });
    expect(found[0].message).toBe('“采购意向”栏目近 12 个月没有发布采购意向，请在采购活动开始前公开采购意向');
    expect(await run(home([]))).toEqual([]);
  });
});

describe('jl-jtt-2022 pack metadata', () => {
  it('has kebab-case ids, zh-CN docs and messages, defaults for every option and the 要点 as source', () => {
    for (const rule of Object.values(jlJtt2022Pack.rules)) {
      const m = rule.meta;
      expect(m.id).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z]+(-[a-z]+)*$/);
      for (const text of [m.docs.title, m.docs.description, m.docs.fix, ...Object.values(m.messages)]) expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(m.docs.source).toContain('2022年政务公开工作要点');
      expect(m.docs.source).toMatch(/第（[一二三四五六七八九十]+）/);
      expect(m.options?.safeParse({}).success).toBe(true);
      expect(m.owner?.length).toBeGreaterThan(0);
      expect(m.tags).toContain('jl-jtt-2022');
    }
  });

  it('rejects bad options with a zh-CN config error naming the field', async () => {
    await expect(runJl({ pages: [], asOf: ASOF, config: { rules: { 'goodbad/data-missing': { options: { months: 0 } } } } })).rejects.toThrow(
      /rules\.rules\.goodbad\/data-missing\.options\.months/,
    );
  });

  it('rejects a bad current-library pattern as a config error', async () => {
    await expect(runJl({ pages: [], asOf: ASOF, config: { rules: { 'regulation/stale': { options: { currentLibrary: '(' } } } } })).rejects.toThrow(
      /regulation\/stale\.options\.currentLibrary 无效：不是有效的正则表达式/,
    );
  });

  it('never crashes on an empty or odd site', async () => {
    const { findings, errors } = await runJl({ pages: [page('https://jt.test/', 'home', { links: [link('not a url', '政策文件')] })], asOf: ASOF });
    expect(errors).toEqual([]);
    expect(byRule(findings, 'column/missing').length).toBe(15);
  });
});
