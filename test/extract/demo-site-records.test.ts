// The page model over the whole built-in demo site: GBK and UTF-8 builds give identical records, and the cheerio
// and DOM (happy-dom) adapters give identical records for every page.
import { describe, expect, it } from 'vitest';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { decodeHtml } from '../../crawler/http/decode.js';
import { buildDemoSite } from '../demo-site/index.js';
import { domAdapterFor } from './dom-helpers.js';

const ORIGIN = 'http://127.0.0.1:8000';
const opts = { asOf: '2022-06-30', externalOrigin: 'http://127.0.0.1:9/' };

function htmlPages(gbk: boolean): Map<string, { text: string; encoding: string }> {
  const out = new Map<string, { text: string; encoding: string }>();
  for (const [path, res] of buildDemoSite({ ...opts, gbk }).routes) {
    const ct = res.headers['content-type'] ?? '';
    if (res.status === 200 && /html/.test(ct)) out.set(path, decodeHtml(res.body, ct));
  }
  return out;
}

const info = (path: string) => ({ url: ORIGIN + path, status: 200, siteUrl: `${ORIGIN}/` });

describe('demo site page records', () => {
  const utf8 = htmlPages(false);
  const gbk = htmlPages(true);

  it('every page of the GBK build gives the same record as its UTF-8 twin', () => {
    expect(utf8.size).toBeGreaterThan(50);
    expect([...gbk.values()].filter((p) => p.encoding === 'gb18030').length).toBeGreaterThan(50);
    for (const [path, page] of utf8) {
      const twin = gbk.get(path);
      expect(twin, path).toBeDefined();
      const a = extractPage(createCheerioAdapter(page.text, ORIGIN + path), info(path));
      const b = extractPage(createCheerioAdapter(twin!.text, ORIGIN + path), info(path));
      expect(b, path).toEqual(a);
    }
  });

  it('the cheerio and DOM adapters give the same record for every list page and a sample of the rest', async () => {
    // happy-dom parsing is slow: every list/home/column page, and every third of the others.
    const sample = [...utf8].filter(([path], i) => /\/(index[^/]*\.html)?$/.test(path) || i % 3 === 0);
    expect(sample.length).toBeGreaterThan(40);
    for (const [path, page] of sample) {
      const { adapter, close } = domAdapterFor(page.text, ORIGIN + path);
      try {
        const fromDom = extractPage(adapter, info(path));
        const fromCheerio = extractPage(createCheerioAdapter(page.text, ORIGIN + path), info(path));
        expect(fromDom, path).toEqual(fromCheerio);
      } finally {
        await close();
      }
    }
  });
});
