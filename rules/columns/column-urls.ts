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

interface HttpParts {
  /** Scheme, credentials, host and port, as serialised. */
  origin: string;
  path: string;
  /** The raw query with its '?' ('' when the URL has no '?'). */
  query: string;
}

// The URL setters re-parse and re-serialise the whole URL (two thirds of the cost): for http(s) URLs the parts
// are cut from the serialised href instead. A serialised http(s) href is scheme://host[:port] + path + query +
// fragment, with '?' and '#' percent-encoded everywhere else, and a path cut at a '/' re-parses to itself.
function httpParts(u: URL): HttpParts | undefined {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const href = u.href;
  const hash = href.indexOf('#');
  const noHash = hash >= 0 ? href.slice(0, hash) : href;
  const q = noHash.indexOf('?');
  const beforeQuery = q >= 0 ? noHash.slice(0, q) : noHash;
  const path = u.pathname;
  if (!path.startsWith('/') || !beforeQuery.endsWith(path)) return undefined;
  return { origin: beforeQuery.slice(0, beforeQuery.length - path.length), path, query: q >= 0 ? noHash.slice(q) : '' };
}

function computeUrlKey(url: string): string {
  const u = parse(url);
  if (!u) return url;
  const parts = httpParts(u);
  if (parts) return parts.origin + (parts.path.replace(DEFAULT_DOC, '/').replace(/\/+$/, '') || '/') + parts.query;
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
  const parts = httpParts(u);
  // Without a query only the path changes; a query is re-serialised by searchParams, so it takes the long way.
  if (parts && parts.query === '') {
    const file = parts.path.match(/[^/]*$/)?.[0] ?? '';
    return parts.origin + (TRS_PAGE.test(file) ? parts.path.replace(/[^/]*$/, '') : parts.path);
  }
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
