import { load } from 'cheerio';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage, type ExtractInfo } from '../../crawler/extract/extract-page.js';
import type { PageRecord } from '../../crawler/page-record.js';
import * as fx from './fixtures.js';

function record(f: { url: string; html: string }, extra: Partial<ExtractInfo> = {}): PageRecord {
  return extractPage(createCheerioAdapter(f.html, f.url), { url: f.url, status: 200, siteUrl: fx.SITE, ...extra });
}

describe('extractPage: article pages', () => {
  it('reads meta tags, title, breadcrumb and the table-form disclosure (spaces in labels, label：value cells)', () => {
    const r = record(fx.trsArticle);
    expect(r.kind).toBe('article');
    expect(r.title).toBe('关于印发《吉林省交通运输行政执法规范》的通知_吉林省交通运输厅');
    expect(r.meta).toMatchObject({ SiteName: '吉林省交通运输厅', SiteIDCode: '2200000012', ColumnName: '政策文件', PubDate: '2022-03-15 09:30' });
    expect(r.breadcrumb).toEqual(['政务公开', '政策文件']);
    expect(r.disclosure).toMatchObject({
      indexNo: '000014349/2022-00039',
      publisher: '吉林省交通运输厅',
      writtenDate: '2022-03-10',
      docNo: '吉交发〔2022〕12号',
      validity: '有效',
      topic: '交通运输\\综合政务',
      publishDate: '2022-03-15',
      openness: '主动公开',
      validUntil: '2027-03-09',
    });
    expect(r.disclosure?.raw['索引号']).toBe('000014349/2022-00039');
    expect(r.bodyText.startsWith('各市（州）交通运输局： 现将')).toBe(true);
    expect(r.bodyText).not.toContain('索引号');
    expect(r.footer).toEqual({ siteIdCode: '2200000012', icp: '吉ICP备05001234号-1', police: '吉公网安备22010202000123号' });
    const pdf = r.links.find((l) => l.url.endsWith('.pdf'));
    expect(pdf).toMatchObject({ attachment: true, internal: true, tag: 'a', attr: 'href', text: '吉林省交通运输行政执法规范.pdf' });
    expect(pdf?.url).toBe('http://jt.jl.gov.cn/zwgk/zcwj/202203/P020220315512345678901.pdf');
    expect(r.dates).toEqual(['2022-03-15', '2022-03-10']);
  });

  it('reads dl/dt/dd disclosures with synonyms (信息索引号, 发文机关, 发文字号, 发文日期, 效力状态, 失效日期, 公开属性)', () => {
    const r = record(fx.dlArticle);
    expect(r.disclosure).toEqual({
      indexNo: '11220000013544357T/2022-00002',
      publisher: '吉林省交通运输厅',
      docNo: '吉交规〔2022〕1号',
      publishDate: '2022-01-05',
      validity: '有效',
      validUntil: '2024-01-04',
      openness: '主动公开',
      raw: {
        信息索引号: '11220000013544357T/2022-00002',
        发文机关: '吉林省交通运输厅',
        发文字号: '吉交规〔2022〕1号',
        发文日期: '2022年1月5日',
        效力状态: '有效',
        失效日期: '2024-01-04',
        公开属性: '主动公开',
      },
    });
    expect(r.breadcrumb).toEqual(['信息公开', '规范性文件']);
    expect(r.bodyText).toBe('第一条 为加强公路养护管理，制定本办法。 第二条 本办法自2022年2月1日起施行，有效期2年。');
    // The end-of-validity and commencement dates are not dates the page shows as its own.
    expect(r.dates).toEqual(['2022-01-05']);
  });

  it('reads div/span pairs and several label：value pairs on one line (full-width digits, 时效, 有效期, 公开形式)', () => {
    const r = record(fx.divArticle);
    expect(r.kind).toBe('article');
    expect(r.disclosure).toMatchObject({
      indexNo: '000014349/2022-00120',
      publisher: '吉林省交通运输厅运输处',
      topic: '道路运输',
      validity: '失效',
      publishDate: '2022-04-02',
      validUntil: '2023-04-01',
      openness: '依申请公开',
    });
    expect(r.breadcrumb).toEqual(['通知公告']);
    expect(r.bodyText).toBe('为做好2022年道路运输工作，提出如下意见。 一、总体要求。');
  });

  it('tolerates full-width colons and labels with ideographic spaces inside one cell', () => {
    const html = `<html><body><table><tr><td>索\u3000引\u3000号：000014349/2022-00001</td><td>发文字号 ：吉交办〔2022〕3号</td></tr>
      <tr><td>成 文 日 期：2022-02-01</td><td>公开方式:主动公开</td></tr></table><p>正文</p></body></html>`;
    const r = record({ url: 'http://jt.jl.gov.cn/a/t20220201_1.html', html });
    expect(r.disclosure).toMatchObject({ indexNo: '000014349/2022-00001', docNo: '吉交办〔2022〕3号', writtenDate: '2022-02-01', openness: '主动公开' });
  });

  it('does not take a list table header row for a disclosure table', () => {
    const html = `<html><body><table><tr><th>序号</th><th>索引号</th><th>标题</th><th>文号</th><th>发布日期</th></tr>
      <tr><td>1</td><td>000014349/2022-00001</td><td><a href="t20220201_1.html">关于印发某办法的通知</a></td><td>吉交发〔2022〕1号</td><td>2022-02-01</td></tr></table></body></html>`;
    const r = record({ url: 'http://jt.jl.gov.cn/zwgk/gfxwj/index.html', html });
    expect(r.disclosure).toBeUndefined();
    expect(r.listEntries).toEqual([
      { title: '关于印发某办法的通知', url: 'http://jt.jl.gov.cn/zwgk/gfxwj/t20220201_1.html', date: '2022-02-01', selector: 'html > body > table > tbody > tr:nth-of-type(2)' },
    ]);
    expect(r.kind).toBe('list');
  });
});

describe('extractPage: article furniture', () => {
  it('an attachment or related link inside a short article is not a list entry; 来源 ends the 发布时间 value', () => {
    const html = `<html><body><div class="article"><h1>关于举办培训班的通知</h1>
      <div class="article-info">发布时间：2021-10-23　来源：吉林省交通运输厅办公室</div>
      <div class="TRS_Editor"><p>请填写报名回执。</p></div>
      <div class="attachments"><p>附件：</p><p>1. <a href="/P020211023.docx">培训报名回执.docx</a></p></div></div></body></html>`;
    const r = record({ url: 'http://jt.jl.gov.cn/zwgk/tzgg/202110/t20211023_1.html', html });
    expect(r.listEntries).toEqual([]);
    expect(r.disclosure).toBeUndefined(); // a news byline alone is not a disclosure table
    expect(r.dates).toEqual(['2021-10-23']);
    const table = `<html><body><table><tr><th>索引号：</th><td>000014349/2022-00101</td></tr></table>
      <div class="article-info">发布时间：2022-06-20　来源：吉林省交通运输厅</div></body></html>`;
    const r2 = record({ url: 'http://jt.jl.gov.cn/zwgk/zcwj/202206/t20220620_1.html', html: table });
    expect(r2.disclosure?.raw).toEqual({ 索引号: '000014349/2022-00101', 发布时间: '2022-06-20', 来源: '吉林省交通运输厅' });
    expect(r2.disclosure?.publishDate).toBe('2022-06-20');
  });
});

describe('extractPage: list pages', () => {
  it('ul/li with span dates, the nav menu ignored, title attribute for truncated titles, TRS createPageHTML pages', () => {
    const r = record(fx.ulList);
    expect(r.kind).toBe('list');
    expect(r.listEntries).toEqual([
      { title: '全省交通运输工作会议召开', url: 'http://jt.jl.gov.cn/zwdt/jtyw/202203/t20220315_8412345.html', date: '2022-03-15', selector: 'html > body > ul > li:nth-of-type(1)' },
      { title: '春运工作圆满完成，全省共发送旅客一千二百万人次', url: 'http://jt.jl.gov.cn/zwdt/jtyw/202203/t20220310_8412300.html', date: '2022-03-10', selector: 'html > body > ul > li:nth-of-type(2)' },
      { title: '厅党组召开理论学习中心组会议', url: 'http://jt.jl.gov.cn/zwdt/jtyw/202202/t20220228_8412200.html', date: '2022-02-28', selector: 'html > body > ul > li:nth-of-type(3)' },
    ]);
    expect(r.pagination).toEqual({
      pageCount: 5,
      current: 0,
      pages: [0, 1, 2, 3, 4].map((i) => `http://jt.jl.gov.cn/zwdt/jtyw/index${i ? `_${i}` : ''}.html`),
    });
    expect(r.breadcrumb).toEqual(['政务动态', '交通要闻']);
    // No content container here: the body text without the navigation menu.
    expect(r.bodyText.startsWith('首页 » 政务动态 » 交通要闻 全省交通运输工作会议召开2022-03-15')).toBe(true);
    expect(r.bodyText).not.toContain('互动交流');
  });

  it('legacy tables with inline styles and bracketed dates, plain TRS pager links (current page from the URL)', () => {
    const r = record(fx.tableList);
    expect(r.listEntries.map((e) => [e.title, e.date])).toEqual([
      ['关于开展2022年度安全生产检查的通知', '2022-03-01'],
      ['关于春节期间值班安排的通知', '2022-02-15'],
      ['省政府关于做好冬季运输保障的通知', '2022-01-20'],
    ]);
    expect(r.listEntries[2].url).toBe('http://www.jl.gov.cn/zw/tz/202201/t20220120_1.html');
    expect(r.pagination).toEqual({
      pageCount: 3,
      current: 1,
      pages: ['index.html', 'index_1.html', 'index_2.html'].map((p) => `http://jt.jl.gov.cn/zwgk/tzgg/${p}`),
    });
    expect(r.links.find((l) => l.url.startsWith('http://www.jl.gov.cn'))?.internal).toBe(false);
  });

  it('div cards with full-width and 【】 dates; sidebar boxes are not entries', () => {
    const r = record(fx.cardList);
    expect(r.kind).toBe('list');
    expect(r.listEntries.map((e) => [e.title, e.date, e.selector])).toEqual([
      ['《吉林省交通运输行政执法规范》解读', '2022-03-16', 'html > body > div:nth-of-type(2) > div:nth-of-type(1)'],
      ['一图读懂公路养护管理暂行办法', '2022-01-10', 'html > body > div:nth-of-type(2) > div:nth-of-type(2)'],
      ['2021年交通运输工作回顾', '2021-12-20', 'html > body > div:nth-of-type(2) > div:nth-of-type(3)'],
    ]);
  });

  it('Hanweb ?uid=&pageNum= pagers', () => {
    const r = record(fx.hanwebList);
    expect(r.listEntries.map((e) => e.date)).toEqual(['2022-03-15', '2022-03-01']);
    expect(r.pagination).toEqual({
      pageCount: 4,
      current: 1,
      pages: [1, 2, 3, 4].map((n) => `http://jt.jl.gov.cn/col/col123/index.html?uid=4567&pageNum=${n}`),
    });
  });

  it('Hanweb jpage scripts give the page list from totalRecord/perPage', () => {
    const html = `<html><body><div id="div4567"></div><script>$('#div4567').jpage({ dataStore: [], perPage: 15, totalRecord: 47, uid: '4567' });</script></body></html>`;
    const r = record({ url: 'http://jt.jl.gov.cn/col/col123/index.html', html });
    expect(r.pagination?.pageCount).toBe(4);
    expect(r.pagination?.pages[3]).toBe('http://jt.jl.gov.cn/col/col123/index.html?uid=4567&pageNum=4');
    expect(r.kind).toBe('list');
  });

  it('Hanweb datastore records (list not yet rendered by jpage) and their page count', () => {
    const r = record(fx.hanwebDatastore);
    expect(r.listEntries).toEqual([
      { title: '《吉林省交通运输行政执法规范》解读', url: 'http://jt.jl.gov.cn/art/2022/3/16/art_456_1001.html', date: '2022-03-16', selector: 'html > body > div > script' },
      { title: '一图读懂公路养护管理暂行办法（全文）', url: 'http://jt.jl.gov.cn/art/2022/1/10/art_456_1000.html', date: '2022-01-10', selector: 'html > body > div > script' },
    ]);
    expect(r.pagination?.pageCount).toBe(3);
    expect(r.kind).toBe('list');
  });

  it('dates shown without a year resolve against the fetch date (Asia/Shanghai), and only then', () => {
    const html = `<html><body><ul class="news"><li><a href="t20220629_1.html">全省交通运输工作会议召开</a><span>06-29</span></li>
      <li><a href="t20211230_2.html">年终总结</a><span>[12-30]</span></li></ul></body></html>`;
    const page = { url: 'http://jt.jl.gov.cn/', html };
    expect(record(page, { fetchedAt: '2022-06-29T20:00:00Z' }).listEntries.map((e) => e.date)).toEqual(['2022-06-29', '2021-12-30']);
    expect(record(page, { fetchedAt: '2022-06-29T20:00:00Z' }).dates).toEqual(['2022-06-29', '2021-12-30']);
    expect(record(page).listEntries).toEqual([]);
  });

  it('an undated menu list yields no entries', () => {
    const html = `<html><body><ul class="sub"><li><a href="/a/">机构职能</a></li><li><a href="/b/">领导信息</a></li></ul></body></html>`;
    expect(record({ url: 'http://jt.jl.gov.cn/jggk/', html }).listEntries).toEqual([]);
  });
});

describe('extractPage: home page, links, text blocks', () => {
  it('recognises the home page and collects the dates it shows, newest first', () => {
    const r = record(fx.home);
    expect(r.kind).toBe('home');
    expect(r.dates).toEqual(['2022-03-15', '2022-03-10']);
    expect(r.footer.siteIdCode).toBe('2200000012');
    expect(record({ ...fx.home, url: 'http://jt.jl.gov.cn/' }).kind).toBe('home');
    // Non-requests are not links.
    expect(r.links.map((l) => l.raw)).not.toEqual(expect.arrayContaining(['mailto:jtt@jl.gov.cn']));
    expect(r.links.some((l) => /^(mailto|tel|javascript)|^#|^$/.test(l.raw))).toBe(false);
  });

  it('collects every link-bearing element, resolved against <base href>, with srcset candidates', () => {
    const r = record(fx.linksPage);
    const got = r.links.map((l) => `${l.tag}.${l.attr} ${l.url}`);
    expect(got).toEqual([
      'link.href http://jt.jl.gov.cn/static/css/main.css',
      'script.src http://jt.jl.gov.cn/static/js/jquery.js',
      'area.href http://jt.jl.gov.cn/static/area.html',
      'img.src http://jt.jl.gov.cn/static/logo.png',
      'img.srcset http://jt.jl.gov.cn/static/logo-1x.png',
      'img.srcset http://jt.jl.gov.cn/static/logo-2x.png',
      'source.srcset http://jt.jl.gov.cn/static/banner.webp',
      'source.srcset http://jt.jl.gov.cn/static/banner-small.webp',
      'img.src http://jt.jl.gov.cn/static/banner.jpg',
      'iframe.src https://map.example.com/embed?id=1',
      'video.src http://jt.jl.gov.cn/static/v.mp4',
      'video.poster http://jt.jl.gov.cn/static/v.jpg',
      'source.src http://jt.jl.gov.cn/static/v.webm',
      'audio.src http://jt.jl.gov.cn/static/a.mp3',
      'embed.src http://jt.jl.gov.cn/static/flash.swf',
      'object.data http://jt.jl.gov.cn/static/doc.pdf',
      'a.href http://jt.jl.gov.cn/static/list.jsp?id=5',
      'a.href http://jt.jl.gov.cn/zwgk/%E9%99%84%E4%BB%B6.xls',
      'a.href https://www.jt.jl.gov.cn/a/b.html',
      'a.href http://other.gov.cn/x.DOCX',
      'img.src http://jt.jl.gov.cn/static/icon.gif',
    ]);
    const docx = r.links.find((l) => l.url.endsWith('.DOCX'))!;
    expect(docx).toMatchObject({ text: '下载文件', attachment: true, internal: false, raw: 'http://other.gov.cn/x.DOCX' });
    expect(r.links.find((l) => l.tag === 'iframe')).toMatchObject({ text: '地图', internal: false });
    expect(r.links.find((l) => l.url.endsWith('b.html'))?.internal).toBe(true);
    expect(r.links.find((l) => l.url.endsWith('.xls'))).toMatchObject({ raw: '  /zwgk/附件.xls  ', attachment: true });
  });

  it('honours sameSiteHosts and dropParams', () => {
    const html = `<html><body><a href="http://xxgk.jl.gov.cn/a.html?_t=123&id=1">公开平台</a></body></html>`;
    const r = record({ url: 'http://jt.jl.gov.cn/x.html', html }, { sameSiteHosts: ['xxgk.jl.gov.cn'], dropParams: ['_t'] });
    expect(r.links[0]).toMatchObject({ url: 'http://xxgk.jl.gov.cn/a.html?id=1', internal: true });
  });

  it('text blocks are the smallest blocks with their own text; script, style and noscript text is excluded', () => {
    const html = `<html><head><style>p{}</style></head><body><div id="main">引言<p>第一段<b>加粗</b>文字</p><table><tr><td>身份证号</td><td><span>220102199003071234</span></td></tr></table>
      <script>var phone="13912345678";</script><noscript>请启用脚本</noscript><ul><li>条目<a href="a.html">链接</a></li></ul></div></body></html>`;
    const r = record({ url: 'http://jt.jl.gov.cn/p.html', html });
    expect(r.textBlocks).toEqual([
      { selector: '#main', text: '引言' },
      { selector: '#main > p', text: '第一段加粗文字' },
      { selector: '#main > table > tbody > tr > td:nth-of-type(1)', text: '身份证号' },
      { selector: '#main > table > tbody > tr > td:nth-of-type(2)', text: '220102199003071234' },
      { selector: '#main > ul > li', text: '条目链接' },
    ]);
    expect(r.bodyText).toBe('引言 第一段加粗文字 身份证号 220102199003071234 条目链接');
    expect(r.bodyText).not.toContain('13912345678');
  });
});

describe('extractPage: hostile input never throws', () => {
  it('broken HTML, empty documents and binary garbage give records with notes', () => {
    const broken = record(fx.brokenHtml);
    expect(broken.title).toBe('残缺');
    expect(broken.links.map((l) => l.url)).toEqual(['http://jt.jl.gov.cn/x.html']);
    expect(broken.bodyText).toContain('孤立列表项');
    const empty = record(fx.emptyDoc);
    expect(empty.notes).toContain('页面内容为空');
    expect(empty.kind).toBe('other');
    const bin = record(fx.binaryGarbage);
    expect(bin.notes.some((n) => n.includes('无法解码'))).toBe(true);
  });

  it('a deeply nested page and a huge page are handled quickly', () => {
    const deep = `<html><body>${'<div>'.repeat(5000)}深处${'</div>'.repeat(5000)}</body></html>`;
    expect(record({ url: 'http://jt.jl.gov.cn/deep.html', html: deep }).bodyText).toBe('深处');
    const rows = Array.from({ length: 3000 }, (_, i) => `<li><a href="t2022010${(i % 9) + 1}_${i}.html">标题${i}</a><span>2022-01-0${(i % 9) + 1}</span></li>`).join('');
    const started = Date.now();
    const r = record({ url: 'http://jt.jl.gov.cn/big/index.html', html: `<html><body><ul>${rows}</ul></body></html>` });
    expect(r.listEntries).toHaveLength(3000);
    expect(r.links).toHaveLength(3000);
    expect(Date.now() - started).toBeLessThan(15_000); // generous: the machine is shared; a quadratic step would blow far past it
  });

  it('htmlparser2 documents (the crawler parses huge pages with it) give the same record, even without <html>/<body>', () => {
    const info = { url: fx.ulList.url, status: 200, siteUrl: fx.SITE };
    const viaParse5 = extractPage(createCheerioAdapter(fx.ulList.html, fx.ulList.url), info);
    const viaHp2 = extractPage(createCheerioAdapter(load(parseDocument(fx.ulList.html)), fx.ulList.url), info);
    expect(viaHp2.listEntries.map((e) => [e.title, e.date])).toEqual(viaParse5.listEntries.map((e) => [e.title, e.date]));
    expect(viaHp2.pagination).toEqual(viaParse5.pagination);
    expect(viaHp2.bodyText).toBe(viaParse5.bodyText);
    const bare = `<ul><li><a href="t20220315_1.html">全省交通运输工作会议召开</a><span>2022-03-15</span></li></ul><p>网站标识码：2200000012</p>`;
    const r = extractPage(createCheerioAdapter(load(parseDocument(bare)), 'http://jt.jl.gov.cn/a/index.html'), { ...info, url: 'http://jt.jl.gov.cn/a/index.html' });
    expect(r.listEntries).toEqual([
      { title: '全省交通运输工作会议召开', url: 'http://jt.jl.gov.cn/a/t20220315_1.html', date: '2022-03-15', selector: 'html > ul > li' },
    ]);
    expect(r.footer.siteIdCode).toBe('2200000012');
    expect(r.bodyText).toBe('全省交通运输工作会议召开2022-03-15 网站标识码：2200000012');
  });

  it('an adapter that throws gives a record with a note instead of an exception', () => {
    const adapter = createCheerioAdapter('<html><body><p>x</p></body></html>', 'http://jt.jl.gov.cn/');
    const bad = { ...adapter, childNodes: () => { throw new Error('boom'); } };
    const r = extractPage(bad, { url: 'http://jt.jl.gov.cn/', status: 200, siteUrl: fx.SITE });
    expect(r.notes.some((n) => n.includes('boom'))).toBe(true);
  });
});
