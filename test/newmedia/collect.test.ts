// collectNewMedia with an in-memory fetcher: each configured account is read with its own adapter settings even
// when two accounts share a name, and the listing's link is kept on the account.
import { describe, expect, it } from 'vitest';
import { collectNewMedia } from '../../crawler/newmedia/collect.js';
import type { Fetcher, FetchRequest, FetchResponse } from '../../crawler/http/fetcher-types.js';
import { pageRecordSchema } from '../../crawler/page-record.js';

const FEEDS: Record<string, { type: string; body: string }> = {
  'https://rsshub.example/wechat/jljt': {
    type: 'application/rss+xml; charset=utf-8',
    body: '<rss version="2.0"><channel><title>吉林交通</title><item><title>微信推文</title><link>https://mp.weixin.qq.com/s/1</link><pubDate>2022-06-14</pubDate></item></channel></rss>',
  },
  'https://www.toutiao.com/c/user/jljt/': {
    type: 'text/html; charset=utf-8',
    body: '<html><body><ul class="feed"><li><a class="t" href="/a/1">头条文章</a><span class="d">昨天</span></li></ul></body></html>',
  },
  'https://jtt.example/zwxmt/index.html': {
    type: 'text/html; charset=utf-8',
    body: '<html><body><div class="main"><ul><li><a href="https://www.toutiao.com/c/user/jljt/">吉林交通</a></li><li><img src="qr.png" alt="微信公众号"><span class="name">吉林交通</span></li></ul></div></body></html>',
  },
};

const fetcher: Fetcher = {
  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const hit = FEEDS[req.url];
    const body = new TextEncoder().encode(hit?.body ?? 'not found');
    return { url: req.url, finalUrl: req.url, status: hit ? 200 : 404, headers: { 'content-type': hit?.type ?? 'text/plain' }, redirects: [], body: Buffer.from(body), truncated: false };
  },
};

describe('collectNewMedia', () => {
  it('reads two same-name accounts each with its own adapter, and keeps the listing link', async () => {
    const page = pageRecordSchema.parse({ url: 'https://jtt.example/zwxmt/index.html', status: 200, kind: 'list', title: '政务新媒体', meta: { ColumnName: '政务新媒体' } });
    const { model } = await collectNewMedia({
      accounts: [
        { name: '吉林交通', platform: 'wechat', feed: 'https://rsshub.example/wechat/jljt' },
        { name: '吉林交通', platform: 'toutiao', feed: 'https://www.toutiao.com/c/user/jljt/', selectors: { item: 'ul.feed > li', title: 'a.t', date: '.d', link: 'a.t' } },
      ],
      pages: [page],
      fetcher,
      asOf: '2022-06-15',
      siteUrl: 'https://jtt.example/',
    });
    expect(model.accounts.map((a) => [a.platform, a.fetch?.ok, a.posts.map((p) => [p.title, p.date, p.url])])).toEqual([
      ['wechat', true, [['微信推文', '2022-06-14', 'https://mp.weixin.qq.com/s/1']]],
      ['toutiao', true, [['头条文章', '2022-06-14', 'https://www.toutiao.com/a/1']]],
    ]);
    expect(model.accounts.map((a) => [a.listedOnSite, a.url])).toEqual([
      [true, undefined],
      [true, 'https://www.toutiao.com/c/user/jljt/'],
    ]);
  });
});
