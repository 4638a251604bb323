// urlKey and pagerFamily cut http(s) URLs as strings instead of going through the URL setters: compared here
// with the setter-based definitions they replaced, on URLs shaped like the odd ones sites and links carry.
import { describe, expect, it } from 'vitest';
import { pagerFamily, urlKey } from '../../../rules/columns/column-urls.js';

const DEFAULT_DOC = /\/(index|default)\.(s?html?|jsp|php|aspx?)$/i;
const PAGE_PARAMS = /^(pagenum|page|pageindex|currentpage|curpage|pageno|p|pn|startrecord|perpage|endrecord|uid)$/i;
const TRS_PAGE = /^(index|default)(_\d+)?\.(s?html?)$/i;

function referenceUrlKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.hash = '';
  u.pathname = u.pathname.replace(DEFAULT_DOC, '/').replace(/\/+$/, '') || '/';
  return u.toString();
}

function referencePagerFamily(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.hash = '';
  for (const name of [...u.searchParams.keys()]) if (PAGE_PARAMS.test(name)) u.searchParams.delete(name);
  u.searchParams.sort();
  const file = u.pathname.match(/[^/]*$/)?.[0] ?? '';
  if (TRS_PAGE.test(file)) u.pathname = u.pathname.replace(/[^/]*$/, '');
  return u.toString().replace(/\?$/, '');
}

const ORIGINS = [
  'https://jtt.jl.gov.cn',
  'http://JTT.JL.GOV.CN:80',
  'https://jtt.jl.gov.cn:8443',
  'http://user:p%40ss@10.0.0.1',
  'http://[::1]:3000',
  'https://xn--fiq228c.gov.cn',
  'https://交通.gov.cn',
  'HTTP://x.gov.cn.',
];
const PATHS = [
  '', '/', '//', '/index.html', '/Index.HTM', '/default.aspx', '/a/b/index_3.shtml', '/zwgk/zcwj/', '/zwgk/zcwj//',
  '/zwgk/./zcwj/../zcjd/index.html', '/a/%2e%2e/b/', '/a/%2E/index.jsp', '/政策 文件/index.html', '/a%20b/c d.html',
  '/a\\b\\index.html', '/t20220601_123.html', '/a/index_1.html/', '/a/"q"<x>`{}/', '/~user/default_12.htm', '/a;jsessionid=1/',
];
const TAILS = [
  '', '?', '#', '?#', '#top', '?pageNum=2&uid=9', '?b=2&a=1', '?a=%20x+y&c', '?page=3#f', '?q=政策&p=2', '?x=1#?y', '?a==b&&c',
];

describe('urlKey and pagerFamily equal the setter-based definitions', () => {
  it('for every origin, path and query/fragment combination, and for strings that are not URLs', () => {
    const urls = ['', 'not a url', '/relative/index.html', 'mailto:a@b.cn', 'javascript:void(0)', 'ftp://x/a/index.html', 'file:///C:/a/index.html'];
    for (const o of ORIGINS) for (const p of PATHS) for (const t of TAILS) urls.push(o + p + t);
    for (const url of urls) {
      expect(urlKey(url), url).toBe(referenceUrlKey(url));
      expect(pagerFamily(url), url).toBe(referencePagerFamily(url));
    }
    // Asked again (remembered answers): the same.
    for (const url of urls.slice(0, 50)) expect(urlKey(url)).toBe(referenceUrlKey(url));
  });
});
