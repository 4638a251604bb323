// Three list markups seen on real sites: ul/li with a date span (TRS), legacy tables with inline styles, and div
// cards (newer templates). Each renders an "暂无信息" placeholder when empty, unless told to render nothing.
import { esc } from '../html.js';
import { zhDate } from '../dates.js';

export interface ListItem {
  title: string;
  href: string;
  date: string;
  /** Extra cell for the table markup (e.g. 文号). */
  extra?: string;
}

export type ListMarkup = 'ul' | 'table' | 'cards';

export interface ListOptions {
  /** What an empty list shows: the usual 暂无信息, or an empty container. */
  empty?: 'placeholder' | 'bare';
  /** Header of the extra column in the table markup. */
  extraHeader?: string;
}

export function ulList(items: ListItem[], opts: ListOptions = {}): string {
  if (items.length === 0) return opts.empty === 'bare' ? '<ul class="list"></ul>' : '<ul class="list"><li class="nodata">暂无信息</li></ul>';
  return `<ul class="list">\n${items
    .map((i) => `<li><a href="${esc(i.href)}" title="${esc(i.title)}" target="_blank">${esc(i.title)}</a><span class="date">${esc(i.date)}</span></li>`)
    .join('\n')}\n</ul>`;
}

export function tableList(items: ListItem[], opts: ListOptions = {}): string {
  const head = opts.extraHeader
    ? `<tr><td style="font-weight:bold;border-bottom:1px solid #ccc">标题</td><td style="font-weight:bold;border-bottom:1px solid #ccc" width="160">${esc(opts.extraHeader)}</td><td style="font-weight:bold;border-bottom:1px solid #ccc" width="100">发布日期</td></tr>`
    : '';
  const rows = items.map(
    (i) =>
      `<tr><td style="height:30px;border-bottom:1px dashed #ddd;font-size:14px"><img src="/images/dot.gif" width="4" height="4">&nbsp;<a href="${esc(i.href)}" target="_blank">${esc(i.title)}</a></td>` +
      (opts.extraHeader ? `<td style="border-bottom:1px dashed #ddd;color:#666">${esc(i.extra ?? '')}</td>` : '') +
      `<td style="border-bottom:1px dashed #ddd;color:#999" width="100" align="right">[${esc(i.date)}]</td></tr>`,
  );
  if (items.length === 0 && opts.empty !== 'bare') rows.push('<tr><td colspan="3" align="center" style="color:#999">暂无信息</td></tr>');
  return `<table width="100%" border="0" cellspacing="0" cellpadding="0" class="list-table">\n${head}\n${rows.join('\n')}\n</table>`;
}

export function cardList(items: ListItem[], opts: ListOptions = {}): string {
  if (items.length === 0) return opts.empty === 'bare' ? '<div class="cards"></div>' : '<div class="cards"><div class="empty">暂无信息</div></div>';
  return `<div class="cards">\n${items
    .map((i) => `<div class="card"><h3><a href="${esc(i.href)}">${esc(i.title)}</a></h3><div class="card-date">${esc(zhDate(i.date))}</div></div>`)
    .join('\n')}\n</div>`;
}

export function renderList(markup: ListMarkup, items: ListItem[], opts: ListOptions = {}): string {
  return markup === 'ul' ? ulList(items, opts) : markup === 'table' ? tableList(items, opts) : cardList(items, opts);
}

/** TRS pager: the page links only exist after the script call runs (what crawlers must read from the call). */
export function trsPagerScript(pageCount: number, current: number): string {
  return `<div class="page"><script type="text/javascript">createPageHTML(${pageCount}, ${current}, "index", "html");</script></div>`;
}

/** Pager with both the script call and plain links (some templates emit both). */
export function trsPagerWithLinks(pageCount: number, current: number): string {
  const href = (i: number) => (i === 0 ? 'index.html' : `index_${i}.html`);
  const links: string[] = [];
  if (current > 0) links.push(`<a href="${href(current - 1)}">上一页</a>`);
  if (current < pageCount - 1) links.push(`<a href="${href(current + 1)}">下一页</a>`);
  return `${trsPagerScript(pageCount, current)}<div class="page-links">${links.join(' ')}</div>`;
}

/** Split items into TRS pages: index.html, index_1.html, ... */
export function paginate<T>(items: T[], perPage: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages.length ? pages : [[]];
}

export function trsPagePath(dir: string, index: number): string {
  return `${dir}${index === 0 ? 'index.html' : `index_${index}.html`}`;
}
