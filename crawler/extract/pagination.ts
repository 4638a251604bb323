// List pagination: TRS templates announce their pages only through `createPageHTML(pageCount, currentIndex,
// "index", "html")` in an inline script (pages index.html, index_1.html, ... index_{n-1}.html); other CMSs
// (Hanweb `/col/col123/index.html?uid=...&pageNum=2`, `?page=3`) write plain pager links or a jpage script.
// `current` is 0-based (TRS's convention): the first page is 0.
import { classifyHref, normalizeUrl } from '../url/normalize.js';
import { resolveHref } from './href-memo.js';
import { classAndId, type PageTree, type XEl } from './tree.js';

export interface Pagination {
  pageCount: number;
  current: number;
  pages: string[];
}

export const MAX_PAGES = 2000;

const TRS_CALL = /createPageHTML\s*\(\s*([\w$.]+)\s*,\s*([\w$.]+)\s*,\s*["']([^"']*)["']\s*,\s*["']([^"']*)["']/;
const PAGER_NAME = /pag(?:e|er|es|ing|ination|enav|ebar|elist)\b|fenye|fy_|pagination|turnpage|page-?box|pagediv/;
const PAGER_TEXT = /^(?:下一页|上一页|下页|上页|尾页|末页|首页|最后一页|第一页|\d{1,4}|[<>«»]{1,2}|next|prev|previous|last|first)$/i;
const TRS_PAGE = /\/(index|default|list)(?:_(\d+))?\.(s?html?)$/i;
const QUERY_PAGE = /^(pagenum|page|pageno|pageindex|currentpage|curpage|pn|p)$/i;

function resolveNumber(token: string, scripts: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const name = token.replace(/[$.]/g, (c) => `\\${c}`);
  const m = new RegExp(`(?:^|[^\\w$.])${name}\\s*=\\s*["']?(\\d+)`).exec(scripts);
  return m ? Number(m[1]) : undefined;
}

function trsFromScripts(tree: PageTree, baseUrl: string): Pagination | undefined {
  const all = tree.scripts.map((s) => s.text).join('\n;\n');
  if (!all.includes('createPageHTML')) return undefined;
  const m = TRS_CALL.exec(all);
  if (!m) return undefined;
  const count = resolveNumber(m[1], all);
  const current = resolveNumber(m[2], all) ?? 0;
  if (count === undefined || count < 1) return undefined;
  const [, , , prefix, ext] = m;
  const n = Math.min(count, MAX_PAGES);
  const pages: string[] = [];
  for (let i = 0; i < n; i++) {
    const url = normalizeUrl(i === 0 ? `${prefix}.${ext}` : `${prefix}_${i}.${ext}`, baseUrl);
    if (url) pages.push(url);
  }
  return { pageCount: count, current: Math.min(Math.max(current, 0), Math.max(count - 1, 0)), pages };
}

function pageParam(url: URL): [string, number] | undefined {
  for (const [k, v] of url.searchParams) if (QUERY_PAGE.test(k) && /^\d{1,5}$/.test(v)) return [k, Number(v)];
  return undefined;
}

function isInPager(tree: PageTree, a: XEl): boolean {
  let n: XEl | undefined = a;
  for (let i = 0; n && i < 4; i++, n = n.parent) if (PAGER_NAME.test(classAndId(tree, n))) return true;
  return false;
}

function fromLinks(tree: PageTree, pageUrl: string, baseUrl: string): Pagination | undefined {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return undefined;
  }
  const dir = page.pathname.slice(0, page.pathname.lastIndexOf('/') + 1);
  let trsMax = -1;
  let trsMatch: RegExpExecArray | null = null;
  let query: { key: string; max: number; sample: URL } | undefined;
  let pagerText = '';
  for (const a of tree.byTag.get('a') ?? []) {
    if (!a.inBody) continue;
    const href = tree.attr(a, 'href');
    if (href === undefined || classifyHref(href) !== 'request') continue;
    const text = tree.text(a);
    const pagerish = PAGER_TEXT.test(text) || isInPager(tree, a);
    if (!pagerish) continue;
    const abs = resolveHref(tree, href, baseUrl);
    if (!abs) continue;
    const u = new URL(abs);
    if (u.host !== page.host) continue;
 const qp = pageParam(u);
    const trs = qp ? null : TRS_PAGE.exec(u.pathname);
    if (trs && u.pathname.startsWith(dir) && u.pathname.lastIndexOf('/') === dir.length - 1) {
      trsMatch ??= trs;
      trsMax = Math.max(trsMax, trs[2] ? Number(trs[2]) : 0);
      if (a.parent) pagerText ||= tree.text(a.parent);
      continue;
    }
    if (qp && u.pathname === page.pathname) {
      if (!query) query = { key: qp[0], max: qp[1], sample: u };
      else if (qp[0] === query.key) query.max = Math.max(query.max, qp[1]);
      if (a.parent) pagerText ||= tree.text(a.parent);
    }
  }
  const total = /共\s*(\d{1,5})\s*页/.exec(pagerText)?.[1];
  if (trsMatch && trsMax >= 1) {
    const own = TRS_PAGE.exec(page.pathname);
    const current = own?.[2] ? Number(own[2]) : 0;
    const count = Math.max(trsMax + 1, current + 1, total ? Number(total) : 0);
    const [, prefix, , ext] = trsMatch;
    const pages: string[] = [];
    for (let i = 0; i < Math.min(count, MAX_PAGES); i++) {
      const url = normalizeUrl(i === 0 ? `${dir}${prefix}.${ext}` : `${dir}${prefix}_${i}.${ext}`, pageUrl);
      if (url) pages.push(url);
    }
    return { pageCount: count, current, pages };
  }
  if (query) {
    const ownParam = pageParam(page);
    const current = ownParam && ownParam[0] === query.key ? Math.max(ownParam[1] - 1, 0) : 0;
    const count = Math.max(query.max, current + 1, total ? Number(total) : 0);
    const pages: string[] = [];
    for (let i = 1; i <= Math.min(count, MAX_PAGES); i++) {
      const u = new URL(query.sample.href);
      u.searchParams.set(query.key, String(i));
      const url = normalizeUrl(u.href);
      if (url) pages.push(url);
    }
    return { pageCount: count, current, pages };
  }
  return undefined;
}

/** Hanweb jpage: `totalRecord: 87, perPage: 15` (+ uid) in an inline script → ?uid=..&pageNum=k pages. */
function hanwebFromScripts(tree: PageTree, pageUrl: string): Pagination | undefined {
  const all = tree.scripts.map((s) => s.text).join('\n;\n');
  if (!/jpage|pageNum|<datastore/i.test(all)) return undefined;
  const total = /totalRecord\s*[:=]\s*["']?(\d+)/i.exec(all)?.[1] ?? /<totalrecord>\s*(\d+)/i.exec(all)?.[1];
  const per = /perPage\s*[:=]\s*["']?(\d+)/i.exec(all)?.[1] ?? /[?&]perpage=(\d+)/i.exec(all)?.[1];
  if (!total || !per || Number(per) < 1) return undefined;
  const count = Math.max(1, Math.ceil(Number(total) / Number(per)));
  const uid = /\buid\s*[:=]\s*["']?(\w+)/i.exec(all)?.[1];
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return undefined;
  }
  const ownNum = Number(page.searchParams.get('pageNum') ?? '1');
  const pages: string[] = [];
  for (let i = 1; i <= Math.min(count, MAX_PAGES); i++) {
    const u = new URL(page.href);
    if (uid) u.searchParams.set('uid', uid);
    u.searchParams.set('pageNum', String(i));
    const url = normalizeUrl(u.href);
    if (url) pages.push(url);
  }
  return { pageCount: count, current: Number.isFinite(ownNum) && ownNum >= 1 ? ownNum - 1 : 0, pages };
}

export function extractPagination(tree: PageTree, pageUrl: string, baseUrl: string): Pagination | undefined {
  return trsFromScripts(tree, baseUrl) ?? fromLinks(tree, pageUrl, baseUrl) ?? hanwebFromScripts(tree, pageUrl);
}
