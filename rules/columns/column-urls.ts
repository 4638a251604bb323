// URL arithmetic for columns: the identity of a list page, the directory that holds a column's documents, and
// whether one URL is another's pagination page (TRS index_N, Hanweb pageNum and similar query pagers).
// Uses the WHATWG URL only (runs in the browser too). Answers are remembered by URL string (asked per link).
import { memoizeString } from './memoize.js';

const DEFAULT_DOC = /\/(index|default)\.(s?html?|jsp|php|aspx?)$/i;
// Hanweb pages its lists as ?uid=…&pageNum=N (the first page has neither); uid is the list module, not the column.
const PAGE_PARAMS = /^(pagenum|page|pageindex|currentpage|curpage|pageno|p|pn|startrecord|perpage|endrecord|uid)$/i;
const TRS_PAGE = /^(index|default)(_\d+)?\.(s?html?)$/i;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** A comparison key: no fragment, no default document name, no trailing slash. */
export const urlKey: (url: string) => string = memoizeString(computeUrlKey);

function computeUrlKey(url: string): string {
  const u = parse(url);
  if (!u) return url;
  u.hash = '';
  u.pathname = u.pathname.replace(DEFAULT_DOC, '/').replace(/\/+$/, '') || '/';
  return u.toString();
}

/** The directory of a URL, ending in '/' (https://x/a/b/index.html → https://x/a/b/). */
export function directoryOf(url: string): string | undefined {
  const u = parse(url);
  if (!u) return undefined;
  u.hash = '';
  u.search = '';
  u.pathname = u.pathname.replace(/[^/]*$/, '');
  return u.toString();
}

/** The URL without its pager query parameters and with TRS index_N collapsed to index (pager family key). */
export const pagerFamily: (url: string) => string = memoizeString(computePagerFamily);

function computePagerFamily(url: string): string {
  const u = parse(url);
  if (!u) return url;
  u.hash = '';
  for (const name of [...u.searchParams.keys()]) if (PAGE_PARAMS.test(name)) u.searchParams.delete(name);
  u.searchParams.sort();
  const file = u.pathname.match(/[^/]*$/)?.[0] ?? '';
  if (TRS_PAGE.test(file)) u.pathname = u.pathname.replace(/[^/]*$/, '');
  return u.toString().replace(/\?$/, '');
}

/** True when both URLs are pages of one list (same pager family, same origin). */
export function samePager(a: string, b: string): boolean {
  return pagerFamily(a) === pagerFamily(b);
}

export function isRootDirectory(dir: string): boolean {
  const u = parse(dir);
  return !!u && u.pathname === '/';
}
