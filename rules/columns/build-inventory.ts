// Builds the column inventory from crawled page records: columns are found from the home page's navigation,
// the 政府信息公开 hub (and its navigation sub-pages), list pages' side navigation, breadcrumbs, the ColumnName
// meta and config URL prefixes; each column gathers its list pages (pagination included) and its entries.
// Nothing here depends on one CMS: identity is by URL "pager family" (TRS index_N, Hanweb pageNum, query pagers).
import type { PageRecord } from '../../crawler/page-record.js';
import type { Column, ColumnEntry, ColumnInventory } from '../site-model.js';
import { CANONICAL, canonicalColumn } from './synonyms.js';
import { normalizeLabel } from './normalize-label.js';
import { directoryOf, isRootDirectory, pagerFamily, urlKey } from './column-urls.js';

export interface ConfigColumn {
  urlPrefix: string;
  name: string;
}

export interface BuildColumnInventoryOptions {
  siteUrl: string;
  /** Config `columns`: map columns by URL prefix where detection fails. */
  configColumns?: ConfigColumn[];
  /** Column label or canonical name → office. */
  owners?: Record<string, string>;
}

type FoundBy = 'nav' | 'hub' | 'breadcrumb' | 'meta' | 'config';

interface Draft {
  family: string;
  name: string;
  canonical?: string;
  url: string;
  foundBy: Set<FoundBy>;
  inHub: boolean;
  /** Set for hub navigation sub-pages: the columns they link to stand in as entries. */
  children: ColumnEntry[];
  configPrefix?: string;
}

const PLACEHOLDER = /^(暂无|没有)(相关)?(信息|数据|内容|记录|文章)/;
const NON_COLUMN_CRUMB = /^(首页|网站首页|主页|当前位置|您的位置|您现在的位置|正文|详情|详细信息|内容|home)$/i;

function isListLike(page: PageRecord | undefined): boolean {
  if (!page) return false;
  // Article pages may carry small lists (相关解读, 相关文件) without being lists themselves.
  if (page.kind === 'article' || page.kind === 'home') return false;
  return page.kind === 'list' || page.listEntries.length > 0 || !!page.pagination;
}

function pageDate(page: PageRecord): string | undefined {
  return page.disclosure?.publishDate ?? normaliseDate(page.meta.PubDate) ?? page.dates[0];
}

function normaliseDate(value: string | undefined): string | undefined {
  const m = value?.match(/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : undefined;
}

/** Entries newest first; undated entries keep their page order after the dated ones. */
function sortEntries(entries: ColumnEntry[]): ColumnEntry[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      if (a.e.date && b.e.date) return a.e.date === b.e.date ? a.i - b.i : a.e.date < b.e.date ? 1 : -1;
      if (a.e.date) return -1;
      if (b.e.date) return 1;
      return a.i - b.i;
    })
    .map((x) => x.e);
}

function pageNumber(page: PageRecord | undefined, url: string): number {
  if (page?.pagination) return page.pagination.current;
  const trs = url.match(/_(\d+)\.s?html?(?:$|[?#])/i);
  if (trs) return Number(trs[1]) + 1;
  const q = url.match(/[?&](?:pagenum|page|pageindex|currentpage|pageno)=(\d+)/i);
  return q ? Number(q[1]) : 1;
}

export function buildColumnInventory(pages: PageRecord[], opts: BuildColumnInventoryOptions): ColumnInventory {
  const byKey = new Map<string, PageRecord>();
  for (const p of pages) {
    if (p.kind === 'attachment' || p.kind === 'post') continue;
    byKey.set(urlKey(p.url), p);
    if (p.requestedUrl && !byKey.has(urlKey(p.requestedUrl))) byKey.set(urlKey(p.requestedUrl), p);
  }
  const pageOf = (url: string) => byKey.get(urlKey(url));
  const homeFamily = pagerFamily(opts.siteUrl);
  const home = pageOf(opts.siteUrl) ?? pages.find((p) => p.kind === 'home');
  const drafts = new Map<string, Draft>();

  const add = (label: string, url: string, by: FoundBy, inHub: boolean, force = false): Draft | undefined => {
    const name = label.replace(/\s+/g, ' ').trim();
    if (!name || !/^https?:/i.test(url)) return undefined;
    const family = pagerFamily(url);
    if (family === homeFamily) return undefined;
    const canonical = canonicalColumn(name);
    const target = pageOf(url);
    if (!force && !canonical && !isListLike(target)) return undefined;
    if (!force && canonical === CANONICAL.hub) return undefined;
    const existing = drafts.get(family);
    if (existing) {
      existing.foundBy.add(by);
      existing.inHub ||= inHub;
      if (!existing.canonical && canonical) {
        existing.canonical = canonical;
        existing.name = name;
      }
      return existing;
    }
    const draft: Draft = { family, name, canonical, url, foundBy: new Set([by]), inHub, children: [] };
    drafts.set(family, draft);
    return draft;
  };

  const isNavLink = (l: PageRecord['links'][number]) => l.tag === 'a' && !l.attachment && l.internal !== false && !!l.text.trim();
  const navLinks = (page: PageRecord) => page.links.filter(isNavLink);

  // Site-wide navigation (header/footer links repeated by the template) says nothing about the hub: a link is
  // global when the home page has it at the same place, or when most pages carry it.
  const sig = (l: { selector: string; url: string }) => `${l.selector}|${urlKey(l.url)}`;
  const homeSigs = new Set(home ? navLinks(home).map(sig) : []);
  // Sites mixing templates place the same header link differently, so frequency counts label + target only.
  // One string per (text, url) pair, so that counting the same template link on every page hashes it once.
  const labelSigs = new Map<string, Map<string, string>>();
  const labelSig = (l: { text: string; url: string }) => {
    let byUrl = labelSigs.get(l.text);
    if (!byUrl) labelSigs.set(l.text, (byUrl = new Map()));
    let s = byUrl.get(l.url);
    if (s === undefined) byUrl.set(l.url, (s = `${normalizeLabel(l.text)}|${urlKey(l.url)}`));
    return s;
  };
  // Pages carrying each signature; a page counts once (the last page that counted is kept, no Set per page).
  const sigCount = new Map<string, { n: number; page: number }>();
  const distinctPages = new Set(byKey.values());
  let pageNo = 0;
  for (const p of distinctPages) {
    pageNo++;
    for (const l of p.links) {
      if (!isNavLink(l)) continue;
      const k = labelSig(l);
      const c = sigCount.get(k);
      if (!c) sigCount.set(k, { n: 1, page: pageNo });
      else if (c.page !== pageNo) {
        c.n++;
        c.page = pageNo;
      }
    }
  }
  const globalThreshold = Math.max(3, Math.ceil(distinctPages.size / 2));
  const isGlobal = (l: { selector: string; url: string; text: string }) =>
    homeSigs.has(sig(l)) || (sigCount.get(labelSig(l))?.n ?? 0) >= globalThreshold;

  // 1. Home navigation.
  let hubUrl: string | undefined;
  if (home) {
    for (const link of navLinks(home)) {
      if (!hubUrl && canonicalColumn(link.text) === CANONICAL.hub) hubUrl = link.url;
      add(link.text, link.url, 'nav', false);
    }
  }
  // 2. The 政府信息公开 hub: from the home nav, else a page that names itself so.
  if (!hubUrl) {
    const named = pages.find(
      (p) =>
        p.kind !== 'article' &&
        [p.meta.ColumnName, p.breadcrumb[p.breadcrumb.length - 1]].some((l) => l && canonicalColumn(l) === CANONICAL.hub),
    );
    hubUrl = named?.url;
  }
  const hub = hubUrl ? pageOf(hubUrl) : undefined;
  if (hub) {
    hubUrl = hub.url;
    for (const link of navLinks(hub)) {
      if (isGlobal(link)) {
        add(link.text, link.url, 'nav', false);
        continue;
      }
      const draft = add(link.text, link.url, 'hub', true);
      const sub = pageOf(link.url);
      // A hub link to a navigation page (no list entries, several column links) is a sub-hub: scan it too.
      if (!draft || !sub || sub.listEntries.length > 0 || sub === hub) continue;
      const childLinks = navLinks(sub).filter(
        (l) => !isGlobal(l) && pagerFamily(l.url) !== draft.family && (canonicalColumn(l.text) || isListLike(pageOf(l.url))),
      );
      if (childLinks.length < 2) continue;
      for (const child of childLinks) {
        const c = add(child.text, child.url, 'hub', true);
        if (c && c !== draft) draft.children.push({ title: child.text.trim(), url: child.url });
      }
    }
  }
  const hubFamily = hubUrl ? pagerFamily(hubUrl) : undefined;
  const hubDir = hubUrl ? directoryOf(hubUrl) : undefined;

  // 3. Breadcrumbs and ColumnName of list pages; breadcrumb links of every page.
  for (const page of pages) {
    if (page.kind === 'attachment' || page.kind === 'post' || page === home) continue;
    const crumbs = page.breadcrumb.map((c) => c.trim()).filter((c) => c && !NON_COLUMN_CRUMB.test(normalizeLabel(c)));
    const underHub = crumbs.some((c) => canonicalColumn(c) === CANONICAL.hub) || (!!hubFamily && pagerFamily(page.url) === hubFamily);
    if (isListLike(page) && page.kind !== 'home' && pagerFamily(page.url) !== hubFamily) {
      const own = crumbs[crumbs.length - 1] ?? page.meta.ColumnName;
      if (own) add(own, page.url, crumbs.length ? 'breadcrumb' : 'meta', underHub, true);
      if (page.meta.ColumnName) add(page.meta.ColumnName, page.url, 'meta', underHub, true);
    }
    for (const crumb of crumbs) {
      const norm = normalizeLabel(crumb);
      const link = page.links.find((l) => l.tag === 'a' && normalizeLabel(l.text) === norm);
      if (link) add(crumb, link.url, 'breadcrumb', underHub && canonicalColumn(crumb) !== CANONICAL.hub);
    }
  }

  // 4. Side navigation of list pages: labelled links to other crawled list pages.
  for (const page of pages) {
    if (!isListLike(page) || page === home) continue;
    const source = drafts.get(pagerFamily(page.url));
    for (const link of navLinks(page)) {
      if (!canonicalColumn(link.text) || !isListLike(pageOf(link.url))) continue;
      add(link.text, link.url, 'nav', !!source?.inHub && !isGlobal(link));
    }
  }

  // 5. Config prefixes.
  for (const cc of opts.configColumns ?? []) {
    const under = pages
      .filter((p) => isListLike(p) && p.url.startsWith(cc.urlPrefix))
      .sort((a, b) => pageNumber(a, a.url) - pageNumber(b, b.url) || a.url.length - b.url.length)[0];
    const draft = add(cc.name, under?.url ?? cc.urlPrefix, 'config', false, true);
    if (draft) {
      draft.configPrefix = cc.urlPrefix;
      draft.name = cc.name;
      draft.canonical = canonicalColumn(cc.name) ?? draft.canonical;
    }
  }

  // Owners by normalised label, so 政务服务“好差评” and 政务服务"好差评" meet.
  const owners = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.owners ?? {})) owners.set(normalizeLabel(k), v);

  // Assemble columns: list pages by pager family, entries across them.
  const familyPages = new Map<string, PageRecord[]>();
  for (const p of pages) {
    if (p.kind === 'attachment' || p.kind === 'post') continue;
    const fam = pagerFamily(p.url);
    if (!drafts.has(fam)) continue;
    const list = familyPages.get(fam) ?? [];
    if (!list.includes(p)) list.push(p);
    familyPages.set(fam, list);
  }

  const columns: Column[] = [];
  const configPrefixes: { prefix: string; column: Column }[] = [];
  for (const d of drafts.values()) {
    const crawled = (familyPages.get(d.family) ?? []).sort((a, b) => pageNumber(a, a.url) - pageNumber(b, b.url));
    const first = crawled[0];
    const url = first && pageNumber(first, first.url) <= pageNumber(pageOf(d.url), d.url) ? first.url : d.url;
    const listPages: string[] = [];
    const seenPages = new Set<string>();
    const pushPage = (u: string) => {
      const k = urlKey(u);
      if (!seenPages.has(k)) {
        seenPages.add(k);
        listPages.push(u);
      }
    };
    pushPage(url);
    for (const p of crawled) pushPage(p.url);
    for (const p of crawled) for (const u of p.pagination?.pages ?? []) if (pagerFamily(u) === d.family) pushPage(u);
    listPages.sort((a, b) => (urlKey(a) === urlKey(url) ? -1 : urlKey(b) === urlKey(url) ? 1 : pageNumber(pageOf(a), a) - pageNumber(pageOf(b), b)));

    let entries: ColumnEntry[] = [];
    const seenEntries = new Set<string>();
    for (const p of crawled) {
      for (const e of p.listEntries) {
        const k = urlKey(e.url);
        if (PLACEHOLDER.test(e.title.trim()) || seenEntries.has(k) || pagerFamily(e.url) === d.family) continue;
        seenEntries.add(k);
        entries.push(e.date ? { title: e.title, url: e.url, date: e.date } : { title: e.title, url: e.url });
      }
    }
    const firstPage = pageOf(url);
    if (entries.length === 0 && firstPage?.kind === 'article') {
      // A single-page column (e.g. 政府信息公开指南): the page is its content.
      const date = pageDate(firstPage);
      entries = [date ? { title: firstPage.title || d.name, url: firstPage.url, date } : { title: firstPage.title || d.name, url: firstPage.url }];
    } else if (entries.length === 0 && d.children.length > 0) {
      entries = d.children;
    }
    const inHub =
      d.inHub || (!!hubDir && !isRootDirectory(hubDir) && url.startsWith(hubDir) && pagerFamily(url) !== hubFamily);
    const column: Column = {
      name: d.name,
      url,
      listPages,
      entries: sortEntries(entries),
      inDisclosureHub: inHub,
      foundBy: [...d.foundBy],
    };
    if (d.canonical) column.canonical = d.canonical;
    const owner = owners.get(normalizeLabel(d.name)) ?? (d.canonical ? owners.get(normalizeLabel(d.canonical)) : undefined);
    if (owner) column.owner = owner;
    columns.push(column);
    if (d.configPrefix) configPrefixes.push({ prefix: d.configPrefix, column });
  }

  return createInventory(columns, pages, hubUrl, configPrefixes);
}

function createInventory(
  columns: Column[],
  pages: PageRecord[],
  hubUrl: string | undefined,
  configPrefixes: { prefix: string; column: Column }[],
): ColumnInventory {
  const byFamily = new Map<string, Column>();
  const byEntry = new Map<string, Column[]>();
  for (const c of columns) {
    for (const u of c.listPages) byFamily.set(pagerFamily(u), c);
    for (const e of c.entries) {
      const k = urlKey(e.url);
      if (pagerFamily(e.url) === pagerFamily(c.url)) continue;
      byEntry.set(k, [...(byEntry.get(k) ?? []), c]);
    }
  }
  const pageByKey = new Map(pages.map((p) => [urlKey(p.url), p]));
  // Directory prefixes: a column owns its list's directory unless another column shares it.
  const dirCount = new Map<string, number>();
  for (const c of columns) {
    const dir = directoryOf(c.url);
    if (dir && !isRootDirectory(dir)) dirCount.set(dir, (dirCount.get(dir) ?? 0) + 1);
  }
  const prefixes: { prefix: string; column: Column }[] = [...configPrefixes];
  for (const c of columns) {
    const dir = directoryOf(c.url);
    if (dir && dirCount.get(dir) === 1) prefixes.push({ prefix: dir, column: c });
  }
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);

  const byLabel = (label: string | undefined): Column | undefined => {
    if (!label) return undefined;
    const norm = normalizeLabel(label);
    if (!norm) return undefined;
    const exact = columns.find((c) => normalizeLabel(c.name) === norm);
    if (exact) return exact;
    const canonical = canonicalColumn(label);
    return canonical ? columns.find((c) => c.canonical === canonical) : undefined;
  };

  // Rules ask for the column of the same pages again and again; the inventory does not change once built.
  const known = new Map<string, Column | undefined>();
  const columnOf = (url: string): Column | undefined => {
    if (known.has(url)) return known.get(url);
    const column = findColumnOf(url);
    known.set(url, column);
    return column;
  };
  const findColumnOf = (url: string): Column | undefined => {
    const family = byFamily.get(pagerFamily(url));
    if (family) return family;
    const page = pageByKey.get(urlKey(url));
    const labels = page ? [page.meta.ColumnName, ...[...page.breadcrumb].reverse()] : [];
    const members = byEntry.get(urlKey(url));
    if (members?.length) {
      if (members.length > 1) {
        for (const l of labels) {
          const hit = l ? members.find((m) => normalizeLabel(m.name) === normalizeLabel(l)) : undefined;
          if (hit) return hit;
        }
      }
      return members[0];
    }
    for (const l of labels) {
      const hit = byLabel(l);
      if (hit) return hit;
    }
    return prefixes.find((p) => url.startsWith(p.prefix))?.column;
  };

  return {
    columns,
    hubUrl,
    columnOf,
    byCanonical(canonical: string) {
      const wanted = canonicalColumn(canonical) ?? canonical;
      return columns.filter((c) => c.canonical === wanted);
    },
  };
}

/** Every column that lists `url` as an entry, plus its columnOf column (a document may sit in two columns). */
export function columnsListing(inventory: ColumnInventory, url: string): Column[] {
  const k = urlKey(url);
  const out = inventory.columns.filter((c) => c.entries.some((e) => urlKey(e.url) === k));
  const own = inventory.columnOf(url);
  if (own && !out.includes(own)) out.push(own);
  return out;
}
