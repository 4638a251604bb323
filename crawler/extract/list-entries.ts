// Dated list entries in any common markup: ul/li with a date span, legacy tables (tr > td a + td date), div cards
// (div.item > a + div.date), p/dd lines. An entry's item is the nearest ancestor of its link that holds at most two
// links and a date; items are grouped by parent, and a group counts when at least half of its items are dated,
// which leaves navigation menus (undated) out.
import type { ListEntry } from '../page-record.js';
import { findFirstDate, resolveMonthDay } from './dates.js';
import { extractDatastoreEntries } from './hanweb-datastore.js';
import { resolveHref } from './href-memo.js';
import { classAndId, classAttr, collapse, contains, idAttr, type PageTree, type XEl } from './tree.js';

const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'p', 'div', 'section', 'article', 'dl', 'td', 'span', 'h3', 'h4']);
const UNDATED_ITEM_TAGS = new Set(['li', 'tr', 'dd']);
const NAV = /(?:^|[\s_-])(?:nav|navbar|menu|daohang|dh|topnav|mainnav|subnav)(?:$|[\s_-])/;
const MAX_CLIMB = 4;
const MAX_AROUND = 160;
const BULLET = /^[·•●■□◆◇▪▶►>》\-*\s]+/;

interface Item {
  el: XEl;
  anchor: XEl;
  title: string;
  url: string;
  date?: string;
}

function inNav(tree: PageTree, x: XEl): boolean {
  let n: XEl | undefined = x;
  for (let i = 0; n && i < 8; i++, n = n.parent) {
    if (n.tag === 'nav' || n.tag === 'header' || n.tag === 'select') return true;
    if (NAV.test(classAndId(tree, n))) return true;
  }
  return false;
}

function anchorTitle(tree: PageTree, a: XEl, text: string): string {
  const attrTitle = collapse(tree.attr(a, 'title') ?? '');
  let title = text.replace(BULLET, '').trim();
  if (attrTitle && (!title || /(?:\.\.\.|…|\.\.)$/.test(title)) && attrTitle.length >= title.replace(/[.…]+$/, '').length) {
    title = attrTitle;
  }
  return title;
}

const CONTAINER_CLASSES = new Set(['article', 'content', 'trs_editor', 'main', 'detail', 'zoom', 'container', 'wrapper']);

/** An article body or a page region: an entry never spans one. */
function isContentContainer(tree: PageTree, x: XEl, h1s: XEl[]): boolean {
  if (x.tag === 'article' || x.tag === 'main' || x.tag === 'form') return true;
  const id = idAttr(x);
  if (id !== undefined) {
    const lower = id.toLowerCase();
    if (lower === 'zoom' || lower === 'content' || lower === 'main') return true;
  }
  if (classAttr(x) !== undefined) {
    for (const c of tree.classTokens(x)) if (CONTAINER_CLASSES.has(c.toLowerCase())) return true;
  }
  for (const h of h1s) if (contains(x, h)) return true;
  return false;
}

/** Text of `item` outside the anchor, children joined with spaces so that adjacent date spans stay apart. */
function textAround(tree: PageTree, item: XEl, anchor: XEl): string {
  const parts: string[] = [];
  for (const c of item.children) {
    if (c.kind === 'text') parts.push(c.data);
    else if (c === anchor || c.hidden) continue;
    else if (contains(c, anchor)) parts.push(textAround(tree, c, anchor));
    else parts.push(tree.text(c));
  }
  return parts.join(' ');
}

/**
 * `referenceDate` (YYYY-MM-DD, the fetch date) lets dates shown without a year ("06-29") resolve to the latest
 * such date not after it; without one they are ignored.
 */
export function extractListEntries(tree: PageTree, baseUrl: string, dropParams?: string[], referenceDate?: string): ListEntry[] {
  const items: Item[] = [];
  const byEl = new Map<XEl, Item>();
  const h1s = tree.byTag.get('h1') ?? [];
  // Anchors of one list share their ancestors: each ancestor's container test runs once.
  const container = new Map<XEl, boolean>();
  for (const a of tree.byTag.get('a') ?? []) {
    if (!a.inBody || a.hidden) continue;
    const href = tree.attr(a, 'href');
    if (href === undefined) continue;
    const url = resolveHref(tree, href, baseUrl, dropParams);
    if (!url) continue;
    const aText = tree.text(a);
    if (!aText && !tree.attr(a, 'title')) continue;
    let item: XEl | undefined;
    let fallback: XEl | undefined;
    let date: string | undefined;
    let dateInAnchor = false;
    let n = a.parent;
    for (let i = 0; n && i < MAX_CLIMB && n.inBody && n.tag !== 'body'; i++, n = n.parent) {
      if (n.anchors > 2) break;
      let isContainer = container.get(n);
      if (isContainer === undefined) container.set(n, (isContainer = isContentContainer(tree, n, h1s)));
      if (isContainer) break;
      if (!ITEM_TAGS.has(n.tag)) continue;
      const around = textAround(tree, n, a);
      // An entry is a title, a date and perhaps a short summary; past that we are in an article or a panel.
      if (collapse(around).length > MAX_AROUND) break;
      const d = findFirstDate(around)?.date ?? resolveMonthDay(around, referenceDate);
      if (d) {
        item = n;
        date = d;
        break;
      }
      // A list item is as far as an entry goes: never climb out of it into the list.
      if (UNDATED_ITEM_TAGS.has(n.tag)) {
        fallback = n;
        break;
      }
    }
    let title = aText;
    if (!item) {
      const inAnchor = findFirstDate(aText);
      if (inAnchor && (fallback || a.parent)) {
        item = fallback ?? a.parent!;
        date = inAnchor.date;
        dateInAnchor = true;
        title = collapse(aText.slice(0, inAnchor.index) + ' ' + aText.slice(inAnchor.index + inAnchor.length))
          .replace(/[[【（(]\s*[\]】）)]/g, '')
          .trim();
      } else item = fallback;
    }
    if (!item || inNav(tree, item)) continue;
    title = anchorTitle(tree, a, title);
    if (!title) continue;
    const existing = byEl.get(item);
    if (existing) {
      // Several links in one item ([栏目] + title, title + attachment): keep the longest title.
      if (title.length > existing.title.length && !dateInAnchor) Object.assign(existing, { anchor: a, title, url });
      continue;
    }
    const entry: Item = { el: item, anchor: a, title, url, date };
    byEl.set(item, entry);
    items.push(entry);
  }

  const groups = new Map<XEl | undefined, Item[]>();
  for (const it of items) {
    const key = it.el.parent;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(it);
  }
  const keep = new Set<Item>();
  for (const g of groups.values()) {
    const dated = g.filter((i) => i.date).length;
    if (dated > 0 && dated * 2 >= g.length) for (const i of g) keep.add(i);
  }
  const entries = items
    .filter((i) => keep.has(i))
    .sort((a, b) => a.el.order - b.el.order)
    .map((i) => {
      const e: ListEntry = { title: i.title, url: i.url, selector: tree.selector(i.el) };
      if (i.date) e.date = i.date;
      return e;
    });
  // Hanweb datastore records (the list before its script renders it); skipped where the DOM already shows them.
  const seen = new Set(entries.map((e) => e.url));
  for (const e of extractDatastoreEntries(tree, baseUrl, dropParams)) {
    if (seen.has(e.url)) continue;
    seen.add(e.url);
    entries.push(e);
  }
  return entries;
}
