import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeedBody, parseHtmlList, parseJsonFeed, parseXmlFeed } from '../../crawler/newmedia/adapters/index.js';
import { decodeFeedBody } from '../../crawler/newmedia/decode-feed.js';
import { fetchFeed } from '../../crawler/newmedia/fetch-feed.js';
import { FeedParseError } from '../../crawler/newmedia/types.js';
import { FetchError, type Fetcher, type FetchResponse } from '../../crawler/http/fetcher-types.js';

const opts = { baseUrl: 'https://rsshub.example/weibo/user/123', asOf: '2022-06-15' };

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>吉林交通的微博</title>
<item><title>旧的一条</title><link>https://weibo.com/123/A1</link><pubDate>Tue, 01 Mar 2022 09:00:00 +0800</pubDate>
<description>&lt;p&gt;正文 &lt;a href="/s/x.pdf"&gt;附件&lt;/a&gt;&lt;/p&gt;</description></item>
<item><title><![CDATA[新的 <b>一条</b>]]></title><link>https://weibo.com/123/A2</link><pubDate>2022年6月10日</pubDate>
<content:encoded><![CDATA[<p>第一段</p><p>第二段<img src="https://img.example/1.jpg"></p>]]></content:encoded></item>
</channel></rss>`;

describe('feed adapters', () => {
  it('reads RSS 2.0: title, link, raw dates in any format, text and links of the HTML content', () => {
    const feed = parseXmlFeed(RSS, opts);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('吉林交通的微博');
    expect(feed.posts.map((p) => [p.title, p.date, p.url])).toEqual([
      ['旧的一条', '2022-03-01', 'https://weibo.com/123/A1'],
      ['新的 一条', '2022-06-10', 'https://weibo.com/123/A2'],
    ]);
    expect(feed.posts[0]!.text).toBe('正文 附件');
    expect(feed.posts[0]!.links).toEqual(['https://rsshub.example/s/x.pdf']);
    expect(feed.posts[1]!.text).toBe('第一段 第二段');
    expect(feed.posts[1]!.links).toEqual(['https://img.example/1.jpg']);
    // Anchor text and image alt name the links for the link audit; a link without either has no entry.
    expect(feed.posts[0]!.linkText).toEqual({ 'https://rsshub.example/s/x.pdf': '附件' });
    expect(feed.posts[1]!.linkText).toBeUndefined();
  });

  it('reads Atom with the published date and the alternate link', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>抖音</title>
<entry><title>视频一</title><link rel="enclosure" href="https://v.example/1.mp4"/><link rel="alternate" href="https://www.douyin.com/video/1"/>
<published>2022-06-01T23:30:00Z</published><updated>2022-06-14T08:00:00+08:00</updated><summary>简介</summary></entry></feed>`;
    const feed = parseXmlFeed(atom, opts);
    expect(feed.format).toBe('atom');
    expect(feed.posts).toEqual([{ title: '视频一', date: '2022-06-02', url: 'https://www.douyin.com/video/1', text: '简介', links: [] }]);
    expect(parseXmlFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>空</title></feed>', opts).posts).toEqual([]);
  });

  it('reads JSON Feed 1.1 (content_html and content_text)', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'B站',
      items: [
        { id: '1', url: 'https://www.bilibili.com/video/BV1', title: '一', content_html: '<p>文<a href="https://b23.tv/x">链</a></p>', date_published: '2022-06-12T10:00:00+08:00' },
        { id: '2', title: '二', content_text: '纯文本', date_published: '昨天' },
      ],
    });
    const feed = parseJsonFeed(json, opts);
    expect(feed.posts).toEqual([
      { title: '一', date: '2022-06-12', url: 'https://www.bilibili.com/video/BV1', text: '文链', links: ['https://b23.tv/x'], linkText: { 'https://b23.tv/x': '链' } },
      { title: '二', date: '2022-06-14', text: '纯文本', links: [] },
    ]);
    // A root array is JSON (not XML), and one malformed item does not hide the account's other posts.
    expect(() => parseFeedBody('[{"title": "x"}]', undefined, opts)).toThrow('不是 JSON Feed 订阅源（缺少 items 数组）');
    const messy = parseFeedBody(JSON.stringify({ items: [null, 5, [], { title: '三', date_published: '2022-06-01' }] }), undefined, opts);
    expect(messy.posts).toEqual([{ title: '三', date: '2022-06-01', links: [] }]);
  });

  it('reads an HTML list page with configured selectors and relative dates', () => {
    const html = `<html><body><ul class="list">
<li><a href="/a/1.html" title="完整标题一">标题一</a><span class="d">2小时前</span></li>
<li><a href="/a/2.html">标题二</a><span class="d">3月2日</span></li>
<li><span>没有链接也没有标题</span></li></ul></body></html>`;
    const feed = parseHtmlList(html, { item: 'ul.list > li', title: 'a', date: '.d', link: 'a' }, { ...opts, baseUrl: 'https://www.toutiao.com/c/user/1/' });
    expect(feed.posts.map((p) => [p.title, p.date, p.url])).toEqual([
      ['完整标题一', '2022-06-15', 'https://www.toutiao.com/a/1.html'],
      ['标题二', '2022-03-02', 'https://www.toutiao.com/a/2.html'],
      ['没有链接也没有标题', undefined, undefined],
    ]);
    expect(() => parseHtmlList(html, { item: 'li[' }, opts)).toThrow(FeedParseError);
  });

  it('turns malformed XML, non-feeds and bad JSON into FeedParseError with a zh-CN reason', () => {
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
        return (error as Error).message;
      }
      throw new Error('did not throw');
    };
    expect(bad(() => parseXmlFeed('<rss><channel><item><title>x</item></channel></rss>', opts))).toMatch(/^XML 格式错误（第 1 行第 \d+ 列）：标签未闭合或不匹配（/);
    expect(bad(() => parseXmlFeed('<html><body>hi</body></html>', opts))).toContain('不是 RSS 或 Atom 订阅源');
    expect(bad(() => parseXmlFeed('   ', opts))).toBe('订阅源内容为空');
    expect(bad(() => parseJsonFeed('{"items": [', opts))).toMatch(/^JSON 格式错误/);
    expect(bad(() => parseJsonFeed('{"title": "x"}', opts))).toContain('缺少 items 数组');
    expect(bad(() => parseFeedBody('<!DOCTYPE html><html><body>登录</body></html>', 'text/html', opts))).toContain('返回的是网页而不是订阅源');
  });

  it('decodes a GBK feed declared only in its XML declaration, and detects undeclared GBK', () => {
    const xml = RSS.replace('encoding="UTF-8"', 'encoding="GBK"');
    const bytes = new Uint8Array(iconv.encode(xml, 'gbk'));
    const decoded = decodeFeedBody(bytes, 'application/rss+xml');
    expect(decoded.encoding).toBe('gb18030');
    expect(parseXmlFeed(decoded.text, opts).title).toBe('吉林交通的微博');
    const undeclared = new Uint8Array(iconv.encode(RSS.replace(' encoding="UTF-8"', ''), 'gbk'));
    expect(parseXmlFeed(decodeFeedBody(undeclared, 'text/xml').text, opts).posts[0]!.title).toBe('旧的一条');
  });
});

function response(url: string, status: number, body: string | Uint8Array, contentType = 'application/rss+xml'): FetchResponse {
  return { url, finalUrl: url, status, headers: { 'Content-Type': contentType }, redirects: [], body: Buffer.from(body), truncated: false };
}

describe('fetchFeed never throws', () => {
  const url = 'https://rsshub.example/feed';
  const run = (fetcher: Fetcher) => fetchFeed(url, fetcher, { asOf: '2022-06-15' });

  it('reports network errors, HTTP errors, parse errors and odd throws as results', async () => {
    expect(await run({ fetch: async () => Promise.reject(new FetchError('ECONNREFUSED', 'refused', url)) })).toEqual({
      ok: false,
      error: '无法访问订阅源：连接被拒绝（ECONNREFUSED）',
    });
    expect(await run({ fetch: async () => Promise.reject(new TypeError('boom')) })).toMatchObject({ ok: false, error: '无法访问订阅源：boom' });
    expect(await run({ fetch: async () => response(url, 503, '') })).toMatchObject({ ok: false, status: 503, error: '订阅源返回 HTTP 503' });
    const malformed = await run({ fetch: async () => response(url, 200, '<rss><channel><item></channel></rss>') });
    expect(malformed).toMatchObject({ ok: false, status: 200 });
    expect(malformed.error).toMatch(/^XML 格式错误/);
    const ok = await run({ fetch: async () => response(url, 200, RSS, 'application/xml; charset=utf-8') });
    expect(ok).toMatchObject({ ok: true, status: 200, encoding: 'utf-8' });
    expect(ok.feed!.posts).toHaveLength(2);
  });
});
