import { describe, expect, it } from 'vitest';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { MAX_PAGES } from '../../crawler/extract/pagination.js';

const pagination = (url: string, body: string) =>
  extractPage(createCheerioAdapter(`<html><body>${body}</body></html>`, url), { url, status: 200, siteUrl: 'http://jt.jl.gov.cn/' }).pagination;

describe('pagination', () => {
  it('TRS createPageHTML with literal arguments, on a later page, other extensions', () => {
    const p = pagination('http://jt.jl.gov.cn/zwgk/tzgg/index_1.shtml', `<script>createPageHTML(3, 1, "index", "shtml");</script>`);
    expect(p).toEqual({
      pageCount: 3,
      current: 1,
      pages: ['index.shtml', 'index_1.shtml', 'index_2.shtml'].map((f) => `http://jt.jl.gov.cn/zwgk/tzgg/${f}`),
    });
  });

  it('a single-page TRS list still names its page; absurd page counts are capped', () => {
    expect(pagination('http://jt.jl.gov.cn/a/index.html', `<script>createPageHTML(1, 0, "index", "html")</script>`)).toEqual({
      pageCount: 1,
      current: 0,
      pages: ['http://jt.jl.gov.cn/a/index.html'],
    });
    const huge = pagination('http://jt.jl.gov.cn/a/index.html', `<script>createPageHTML(999999, 0, "index", "html")</script>`);
    expect(huge?.pageCount).toBe(999999);
    expect(huge?.pages).toHaveLength(MAX_PAGES);
  });

  it('the function definition alone, or unresolvable arguments, are not a pager', () => {
    expect(pagination('http://jt.jl.gov.cn/a/', `<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {}</script>`)).toBeUndefined();
    expect(pagination('http://jt.jl.gov.cn/a/', `<script>createPageHTML(n, 0, "index", "html")</script>`)).toBeUndefined();
  });

  it('?page= query pagers keep the other parameters', () => {
    const p = pagination(
      'http://jt.jl.gov.cn/search/list.jsp?cat=5',
      `<div class="pagination"><a href="list.jsp?cat=5&page=2">2</a><a href="list.jsp?cat=5&page=3">3</a><a href="list.jsp?cat=5&page=2">下一页</a></div>`,
    );
    expect(p).toEqual({
      pageCount: 3,
      current: 0,
      pages: [1, 2, 3].map((n) => `http://jt.jl.gov.cn/search/list.jsp?cat=5&page=${n}`),
    });
  });

  it('links that only look like pages outside a pager are ignored', () => {
    expect(pagination('http://jt.jl.gov.cn/a/index.html', `<a href="/b/index_3.html">专题三</a>`)).toBeUndefined();
  });
});
