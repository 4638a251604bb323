import { describe, expect, it } from 'vitest';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { pageRecordSchema, type PageRecord } from '../../crawler/page-record.js';
import { parseRecord, stringifyRecord } from '../../crawler/crawl/record-json.js';
import { linkSharer } from '../../crawler/crawl/record-store.js';
import * as fx from '../extract/fixtures.js';

const SITE = fx.SITE;

/** A record with every combination of the link flags, Chinese text and characters JSON must escape. */
function varied(): PageRecord {
  return pageRecordSchema.parse({
    url: `${SITE}zwgk/a.html`,
    status: 200,
    kind: 'article',
    title: '关于"引号"与\\反斜杠\n的通知',
    bodyText: '正文',
    links: [
      { url: `${SITE}index.html`, raw: '/index.html', tag: 'a', attr: 'href', text: '首页', selector: 'html > body > a', attachment: false, internal: true },
      { url: `${SITE}f/附件.pdf`, raw: ' ./f/附件.pdf ', tag: 'a', attr: 'href', text: '附件"1"', selector: 'html > body > p > a', attachment: true, internal: true },
      { url: 'http://www.gov.cn/x.doc', raw: 'http://www.gov.cn/x.doc', tag: 'a', attr: 'href', text: '', selector: 'a', attachment: true, internal: false },
      { url: 'http://www.gov.cn/', raw: '//www.gov.cn/', tag: 'iframe', attr: 'src', text: '', selector: 'iframe', attachment: false, internal: false },
    ],
  });
}

describe('stored page records (links as arrays)', () => {
  it('read back equal to the record, for every link flag and escaped text', () => {
    const r = varied();
    expect(parseRecord(stringifyRecord(r))).toEqual(r);
    // What the site rules see of a link is a plain object with the schema's eight fields.
    expect(Object.keys(parseRecord(stringifyRecord(r)).links[1]!).sort()).toEqual(['attachment', 'attr', 'internal', 'raw', 'selector', 'tag', 'text', 'url']);
  });

  it('are much smaller than the record as plain JSON on a real page', () => {
    const r = extractPage(createCheerioAdapter(fx.trsArticle.html, fx.trsArticle.url), { url: fx.trsArticle.url, status: 200, siteUrl: SITE });
    expect(r.links.length).toBeGreaterThan(3);
    const stored = stringifyRecord(r);
    expect(parseRecord(stored)).toEqual(r);
    const linksPlain = JSON.stringify(r.links).length;
    const linksStored = stored.length - JSON.stringify({ ...r, links: [] }).length;
    expect(linksStored).toBeLessThan(linksPlain * 0.75);
  });

  it('written by an earlier version (links as objects) read back as they are', () => {
    const r = varied();
    expect(parseRecord(JSON.stringify(r))).toEqual(r);
  });

  it('share one object per repeated link when read through a sharer, whatever the stored form', () => {
    const a = varied();
    const b = { ...varied(), url: `${SITE}zwgk/b.html` };
    b.links[1] = { ...b.links[1]!, text: '另一个附件' };
    const sharer = linkSharer();
    const ra = parseRecord(stringifyRecord(a), sharer.link);
    const rb = parseRecord(stringifyRecord(b), sharer.link);
    const rc = sharer(JSON.parse(JSON.stringify(a)) as PageRecord);
    expect(rb.links[0]).toBe(ra.links[0]);
    expect(rc.links[0]).toBe(ra.links[0]);
    expect(rc.links[3]).toBe(ra.links[3]);
    // Same URL, other text: a link of its own.
    expect(rb.links[1]).not.toBe(ra.links[1]);
    expect(rb.links[1]).toMatchObject({ url: a.links[1]!.url, text: '另一个附件', attachment: true });
    expect(rb).toEqual(b);
    expect(rc).toEqual(a);
  });
});
