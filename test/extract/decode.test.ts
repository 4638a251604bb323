import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, decodeHtml, decodeText } from '../../crawler/http/decode.js';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { trsArticle, SITE } from './fixtures.js';

const enc = new TextEncoder();
const BODY = `<div class="TRS_Editor"><p>吉林省交通运输厅关于印发《公路养护管理暂行办法》的通知</p><p>索引号：000014349/2022-00039　发布日期：2022年3月15日</p><p>“双随机、一公开”监管　㐀𠀀</p></div>`;
const page = (head: string) => `<!DOCTYPE html><html><head>${head}<title>测试页面</title></head><body>${BODY}</body></html>`;
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gb18030'));
const utf8 = (s: string) => enc.encode(s);

describe('decodeHtml', () => {
  const twinText = decodeHtml(utf8(page('<meta charset="utf-8">')), 'text/html; charset=utf-8').text;

  it('decodes a GBK page declared in the header exactly like its UTF-8 twin', () => {
    const d = decodeHtml(gbk(page('<meta charset="utf-8">'.replace('utf-8', 'gbk'))), 'text/html; charset=GBK');
    expect(d.encoding).toBe('gb18030');
    expect(d.text.replace('gbk', 'utf-8')).toBe(twinText);
  });

  it('uses a gb2312 declared only in <meta http-equiv>', () => {
    const html = page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    const d = decodeHtml(gbk(html), 'text/html');
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(html);
  });

  it('sees through a lying header (UTF-8 claimed, GBK sent) and the opposite', () => {
    const html = page('<meta charset="gbk">');
    const lie = decodeHtml(gbk(html), 'text/html; charset=utf-8');
    expect(lie.encoding).toBe('gb18030');
    expect(lie.text).toBe(html);
    const html2 = page('<meta charset="gb2312">');
    const lie2 = decodeHtml(utf8(html2), 'text/html; charset=gbk');
    expect(lie2.encoding).toBe('utf-8');
    expect(lie2.text).toBe(html2);
  });

  it('detects GBK with no declaration at all', () => {
    const html = page('');
    const d = decodeHtml(gbk(html));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(html);
    expect(decodeHtml(utf8(html)).text).toBe(html);
  });

  it('honours a BOM over everything, a Latin-1 default header does not override GBK bytes', () => {
    const html = page('');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(html)]);
    expect(decodeHtml(withBom, 'text/html; charset=gbk')).toEqual({ text: html, encoding: 'utf-8' });
    const latin = decodeHtml(gbk(page('<meta charset="gb2312">')), 'text/html; charset=ISO-8859-1');
    expect(latin.encoding).toBe('gb18030');
  });

  it('a UTF-8 body cut inside a character (size cap) stays UTF-8', () => {
    const html = page('');
    const bytes = utf8(html);
    const charAt = utf8(html.slice(0, html.indexOf('𠀀'))).length; // a 4-byte character
    const d = decodeHtml(bytes.subarray(0, charAt + 2), 'text/html');
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith(html.slice(0, html.indexOf('𠀀')))).toBe(true);
  });

  it('falls back sanely on unknown labels and empty bodies', () => {
    const html = page('<meta charset="x-no-such-charset">');
    expect(decodeHtml(utf8(html), 'text/html; charset=bogus').text).toBe(html);
    expect(decodeHtml(gbk(html), 'text/html; charset=bogus').text).toBe(html);
    expect(decodeHtml(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('gives the same page record for the GBK and UTF-8 versions of a page', () => {
    const gbkHtml = trsArticle.html.replace('<meta charset="utf-8">', '<meta charset="gb2312">');
    const a = decodeHtml(utf8(trsArticle.html), 'text/html');
    const b = decodeHtml(gbk(gbkHtml), 'text/html');
    const info = { url: trsArticle.url, status: 200, siteUrl: SITE };
    const ra = extractPage(createCheerioAdapter(a.text, trsArticle.url), info);
    const rb = extractPage(createCheerioAdapter(b.text, trsArticle.url), info);
    expect(rb).toEqual(ra);
    expect(rb.disclosure?.docNo).toBe('吉交发〔2022〕12号');
  });
});

describe('decodeText', () => {
  it('decodes csv/txt by header or detection and feeds by their XML declaration, ignoring <meta>', () => {
    const csv = '姓名,电话\n张三,13912345678\n';
    expect(decodeText(gbk(csv)).text).toBe(csv);
    expect(decodeText(gbk(csv), 'text/csv; charset=gb2312').text).toBe(csv);
    const feed = '<?xml version="1.0" encoding="GBK"?><rss><channel><title>交通要闻</title></channel></rss>';
    expect(decodeText(gbk(feed), 'application/xml')).toEqual({ text: feed, encoding: 'gb18030' });
  });

  it('canonicalises labels', () => {
    expect(canonicalEncoding('GB2312')).toBe('gb18030');
    expect(canonicalEncoding('"x-gbk"')).toBe('gb18030');
    expect(canonicalEncoding('GB_2312-80')).toBe('gb18030');
    expect(canonicalEncoding('UTF8')).toBe('utf-8');
    expect(canonicalEncoding('big5')).toBe('big5');
    expect(canonicalEncoding('nonsense')).toBeUndefined();
  });
});
