import { describe, expect, it } from 'vitest';
import { findNewMediaPage, listedFromRecord, parseNewMediaPage } from '../../crawler/newmedia/discover.js';
import { platformFromText, platformFromUrl } from '../../crawler/newmedia/platform.js';
import { pageRecordSchema } from '../../crawler/page-record.js';
import { normalizeAccountName } from '../../rules/national/newmedia-shared.js';

const rec = (over: Record<string, unknown>) => pageRecordSchema.parse({ url: 'https://jtt.example/', status: 200, kind: 'other', ...over });

describe('new-media discovery', () => {
  it('maps link hosts and words to platforms', () => {
    expect(platformFromUrl('https://mp.weixin.qq.com/s/abc')).toBe('wechat');
    expect(platformFromUrl('https://weibo.com/u/123')).toBe('weibo');
    expect(platformFromUrl('https://www.douyin.com/user/x')).toBe('douyin');
    expect(platformFromUrl('https://www.toutiao.com/c/user/1/')).toBe('toutiao');
    expect(platformFromUrl('https://space.bilibili.com/42')).toBe('bilibili');
    expect(platformFromUrl('https://notweibo.com.evil.example/')).toBeUndefined();
    expect(platformFromUrl('not a url')).toBeUndefined();
    expect(platformFromText('新浪微博')).toBe('weibo');
    expect(platformFromText('微信公众号')).toBe('wechat');
    expect(platformFromText('B站')).toBe('bilibili');
  });

  it('finds the 政务新媒体 page by ColumnName, breadcrumb or title, preferring the column over its articles', () => {
    const article = rec({ url: 'https://jtt.example/zwxmt/t1.html', kind: 'article', title: '关于规范政务新媒体的通知', meta: { ColumnName: '政务新媒体' } });
    const column = rec({ url: 'https://jtt.example/zwxmt/index.html', kind: 'list', title: '政务新媒体_吉林省交通运输厅', meta: { ColumnName: '政务新媒体' } });
    const matrix = rec({ url: 'https://jtt.example/xmtjz/', title: '新媒体矩阵', breadcrumb: ['互动交流', '新媒体矩阵'] });
    expect(findNewMediaPage([article, column, rec({ title: '首页' })])?.url).toBe(column.url);
    expect(findNewMediaPage([matrix])?.url).toBe(matrix.url);
    expect(findNewMediaPage([rec({ title: '政务公开' }), article])).toBeUndefined();
  });

  it('reads accounts from a table (header columns) and from cards, ignoring header and footer', () => {
    const html = `<html><body><div class="header"><a href="https://weibo.com/jtt">官方微博</a></div>
<div class="main"><table><tr><th>序号</th><th>账号名称</th><th>平台</th><th>开办主体</th></tr>
<tr><td>1</td><td>吉林交通</td><td>微信公众号</td><td>吉林省交通运输厅</td></tr>
<tr><td>2</td><td>吉林交通发布</td><td>新浪微博</td><td>吉林省交通运输厅</td></tr></table>
<ul class="cards"><li><a href="https://www.douyin.com/user/jl"><img src="qr.png"><span class="name">吉林交通</span></a></li>
<li><p>今日头条：吉林公路</p><p>扫码关注</p></li><li>联系我们</li></ul></div>
<div class="footer">微信扫一扫</div></body></html>`;
    expect(parseNewMediaPage(html, 'https://jtt.example/zwxmt/')).toEqual([
      { name: '吉林交通', platform: 'wechat', unit: '吉林省交通运输厅' },
      { name: '吉林交通发布', platform: 'weibo', unit: '吉林省交通运输厅' },
      { name: '吉林交通', platform: 'douyin', url: 'https://www.douyin.com/user/jl' },
      { name: '吉林公路', platform: 'toutiao' },
    ]);
  });

  it('reads QR-code listings: platform in the image alt, under a platform heading, or in labelled cards', () => {
    const page = (body: string) => parseNewMediaPage(`<html><body><div class="main">${body}</div></body></html>`, 'https://jtt.example/zwxmt/');
    expect(page('<ul><li><img src="qr1.jpg" alt="吉林交通微信公众号二维码"><p>吉林交通</p></li><li><img src="qr2.jpg" alt="新浪微博"><p>吉林交通发布</p></li></ul>')).toEqual([
      { name: '吉林交通', platform: 'wechat' },
      { name: '吉林交通发布', platform: 'weibo' },
    ]);
    expect(page('<h3>微信公众号</h3><ul><li>吉林交通</li><li>吉林公路</li></ul><h3>新浪微博</h3><ul><li>吉林交通发布</li></ul>')).toEqual([
      { name: '吉林交通', platform: 'wechat' },
      { name: '吉林公路', platform: 'wechat' },
      { name: '吉林交通发布', platform: 'weibo' },
    ]);
    const cards = '<div class="box"><img src="a.png"><div class="txt"><span>平台：微信</span><span>名称：吉林交通</span></div></div>';
    expect(page(cards + cards.replace('微信', '抖音').replace('a.png', 'b.png'))).toEqual([
      { name: '吉林交通', platform: 'wechat' },
      { name: '吉林交通', platform: 'douyin' },
    ]);
    // A list under a heading that names no platform lists no account.
    expect(page('<h3>相关链接</h3><ul><li>吉林交通</li></ul>')).toEqual([]);
  });

  it('falls back to the record links and compares names loosely', () => {
    const page = rec({
      links: [
        { url: 'https://mp.weixin.qq.com/s/1', raw: 'x', tag: 'a', attr: 'href', text: '吉林交通', selector: 'a' },
        { url: 'https://jtt.example/about', raw: 'x', tag: 'a', attr: 'href', text: '关于我们', selector: 'a' },
      ],
    });
    expect(listedFromRecord(page)).toEqual([{ name: '吉林交通', platform: 'wechat', url: 'https://mp.weixin.qq.com/s/1' }]);
    expect(normalizeAccountName('“吉林 交通”（微信公众号）')).toBe(normalizeAccountName('吉林交通'));
    expect(normalizeAccountName('吉林交通（长春）')).not.toBe(normalizeAccountName('吉林交通'));
  });
});
