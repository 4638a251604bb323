// Shared views of the site model for the jl-jtt-2022 rules: which crawled pages are policy documents or
// interpretations, their dates, and which interpretations a document reaches (in either direction).
import type { PageRecord, PageLink } from '../../crawler/page-record.js';
import type { Column, SiteModel } from '../site-model.js';
import { urlKey } from '../columns/column-urls.js';
import { CANONICAL, canonicalColumn } from '../columns/synonyms.js';
import { pagerFamily } from '../columns/column-urls.js';

export interface DocumentView {
  page: PageRecord;
  /** Columns listing the page (or holding it by columnOf), policy/regulation columns first. */
  columns: Column[];
  /** Title as the list shows it, else the page's own title. */
  title: string;
  /** Date shown in the list next to the entry. */
  entryDate?: string;
}

const INTERPRETATION_TITLE = /解读|图解|一图读懂|答记者问|问答|政策解析/;

function normaliseDate(value: string | undefined): string | undefined {
  const m = value?.match(/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : undefined;
}

export function pageTitle(page: PageRecord): string {
  return (page.meta.ArticleTitle ?? page.title ?? '').trim();
}

/** Publication date: the disclosure table, then the PubDate meta. */
export function publishDate(page: PageRecord): string | undefined {
  return page.disclosure?.publishDate ?? normaliseDate(page.meta.PubDate) ?? page.disclosure?.writtenDate;
}

interface ListingIndex {
  columns: Map<string, Column[]>;
  entries: Map<string, { title?: string; date?: string }>;
}

const INDEXES = new WeakMap<SiteModel, ListingIndex>();

// One pass over every column's entries per site model; rules ask per page.
function listingIndex(site: SiteModel): ListingIndex {
  let index = INDEXES.get(site);
  if (index) return index;
  index = { columns: new Map(), entries: new Map() };
  for (const c of site.columns.columns) {
    for (const e of c.entries) {
      const key = urlKey(e.url);
      const list = index.columns.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      index.columns.set(key, list);
      const known = index.entries.get(key);
      if (!known || (!known.date && e.date)) index.entries.set(key, e);
    }
  }
  INDEXES.set(site, index);
  return index;
}

/** Columns listing `url` as an entry, plus its columnOf column. */
export function columnsOfPage(site: SiteModel, url: string): Column[] {
  const out = [...(listingIndex(site).columns.get(urlKey(url)) ?? [])];
  const own = site.columns.columnOf(url);
  if (own && !out.includes(own)) out.push(own);
  return out;
}

function entryFor(site: SiteModel, page: PageRecord): { title?: string; date?: string } {
  return listingIndex(site).entries.get(urlKey(page.url)) ?? {};
}

// Asked for every link target of every document by two rules: answered once per page and site model.
const INTERPRETATIONS = new WeakMap<SiteModel, WeakMap<PageRecord, boolean>>();

export function isInterpretation(site: SiteModel, page: PageRecord): boolean {
  let known = INTERPRETATIONS.get(site);
  if (!known) INTERPRETATIONS.set(site, (known = new WeakMap()));
  let answer = known.get(page);
  if (answer === undefined) {
    answer =
      columnsOfPage(site, page.url).some((c) => c.canonical === CANONICAL.interpretation) ||
      INTERPRETATION_TITLE.test(pageTitle(page));
    known.set(page, answer);
  }
  return answer;
}

// Three rules ask for the documents of the same columns: found once per site model and column list.
const DOCUMENTS = new WeakMap<SiteModel, Map<string, DocumentView[]>>();

/** Crawled article pages listed in (or belonging to) a column of one of `canonicals`, interpretations excluded. */
export function documentsIn(site: SiteModel, canonicals: readonly string[]): DocumentView[] {
  let bySite = DOCUMENTS.get(site);
  if (!bySite) DOCUMENTS.set(site, (bySite = new Map()));
  const key = canonicals.join('\u0000');
  let views = bySite.get(key);
  if (!views) bySite.set(key, (views = findDocuments(site, canonicals)));
  // Copies: a caller may change a view or the list.
  return views.map((v) => ({ ...v, columns: [...v.columns] }));
}

function findDocuments(site: SiteModel, canonicals: readonly string[]): DocumentView[] {
  const out: DocumentView[] = [];
  for (const page of site.pages) {
    if (page.kind !== 'article' || page.status >= 400) continue;
    const columns = columnsOfPage(site, page.url).filter((c) => c.canonical && canonicals.includes(c.canonical));
    if (columns.length === 0 || isInterpretation(site, page)) continue;
    const entry = entryFor(site, page);
    const view: DocumentView = { page, columns, title: pageTitle(page) || entry.title || page.url };
    if (entry.title) view.title = entry.title;
    if (entry.date) view.entryDate = entry.date;
    out.push(view);
  }
  return out;
}

export interface InterpretationLink {
  url: string;
  /** doc-link: the document links to it; back-link: the interpretation links back to the document. */
  via: 'doc-link' | 'back-link';
  date?: string;
}

export interface InterpretationLookup {
  reachable: InterpretationLink[];
  /** Interpretation links of the document whose target is broken. */
  broken: string[];
}

/** A list page of a known column (or the hub, or home). */
/** Pager families of the home page, the hub and every column's list pages, computed once per site model
 *  (asked for every link of every document: a scan per link made site rules quadratic). */
const columnFamilies = new WeakMap<SiteModel, Set<string>>();

function isColumnPage(site: SiteModel, url: string): boolean {
  let families = columnFamilies.get(site);
  if (!families) {
    families = new Set([pagerFamily(site.startUrl)]);
    if (site.columns.hubUrl) families.add(pagerFamily(site.columns.hubUrl));
    for (const c of site.columns.columns) for (const p of c.listPages) families.add(pagerFamily(p));
    columnFamilies.set(site, families);
  }
  return families.has(pagerFamily(url));
}

function isBroken(site: SiteModel, url: string): boolean {
  const outcome = site.outcomes.get(url) ?? site.outcomes.get(urlKey(url));
  if (outcome?.state === 'broken') return true;
  const target = site.pageByUrl(url);
  return !!target && target.status >= 400;
}

// The 解读 rules (missing, late) both ask for the same documents with the same back links.
const LOOKUPS = new WeakMap<SiteModel, WeakMap<Map<string, PageRecord[]>, WeakMap<PageRecord, InterpretationLookup>>>();

/** Interpretations a document reaches: its own 解读 links (not broken) and 解读 pages linking back to it. */
export function interpretationsOf(site: SiteModel, doc: PageRecord, backLinks: Map<string, PageRecord[]>): InterpretationLookup {
  let bySite = LOOKUPS.get(site);
  if (!bySite) LOOKUPS.set(site, (bySite = new WeakMap()));
  let byDoc = bySite.get(backLinks);
  if (!byDoc) bySite.set(backLinks, (byDoc = new WeakMap()));
  let lookup = byDoc.get(doc);
  if (!lookup) byDoc.set(doc, (lookup = findInterpretations(site, doc, backLinks)));
  // Copies: a caller may keep or change the arrays (evidence).
  return { reachable: [...lookup.reachable], broken: [...lookup.broken] };
}

function findInterpretations(site: SiteModel, doc: PageRecord, backLinks: Map<string, PageRecord[]>): InterpretationLookup {
  const reachable: InterpretationLink[] = [];
  const broken: string[] = [];
  const seen = new Set<string>();
  const docKey = urlKey(doc.url);
  const push = (url: string, via: InterpretationLink['via'], page: PageRecord | undefined) => {
    const key = urlKey(url);
    if (seen.has(key) || key === docKey) return;
    seen.add(key);
    const link: InterpretationLink = { url, via };
    const date = page ? publishDate(page) ?? entryFor(site, page).date : undefined;
    if (date) link.date = date;
    reachable.push(link);
  };
  for (const link of doc.links) {
    if (link.tag !== 'a' || link.attachment) continue;
    if (urlKey(link.url) === docKey || isColumnPage(site, link.url)) continue;
    const target = site.pageByUrl(link.url);
    // A navigation link labelled 政策解读 leads to the column, not to this document's interpretation.
    if (target && target.kind !== 'article' && target.status < 400) continue;
    if (canonicalColumn(link.text) === CANONICAL.interpretation) continue;
    const looksLike = INTERPRETATION_TITLE.test(link.text) || (!!target && target.status < 400 && isInterpretation(site, target));
    if (!looksLike) continue;
    if (isBroken(site, link.url)) {
      if (!broken.includes(link.url)) broken.push(link.url);
      continue;
    }
    push(link.url, 'doc-link', target);
  }
  for (const page of backLinks.get(docKey) ?? []) push(page.url, 'back-link', page);
  return { reachable, broken };
}

const BACK_LINKS = new WeakMap<SiteModel, Map<string, PageRecord[]>>();

/** Interpretation pages by the document URLs (keys) they link to. Built once per site model: read it, do not
 *  change it. */
export function interpretationBackLinks(site: SiteModel): Map<string, PageRecord[]> {
  let map = BACK_LINKS.get(site);
  if (!map) BACK_LINKS.set(site, (map = findBackLinks(site)));
  return map;
}

function findBackLinks(site: SiteModel): Map<string, PageRecord[]> {
  const map = new Map<string, PageRecord[]>();
  for (const page of site.pages) {
    if (page.kind !== 'article' || page.status >= 400 || !isInterpretation(site, page)) continue;
    for (const link of page.links as PageLink[]) {
      if (link.tag !== 'a' || link.attachment) continue;
      const key = urlKey(link.url);
      const list = map.get(key) ?? [];
      if (!list.includes(page)) list.push(page);
      map.set(key, list);
    }
  }
  return map;
}

/** The office for a column: configured/default owner map first, then the 要点's office. */
export function ownerFor(site: SiteModel, column: string, fallback: string): string {
  return site.owners[column] ?? fallback;
}

const OFFICE = /(处|室|办|办公室|中心|局|站|所|队|科)$/;

/**
 * The drafting office of a document for 谁起草谁解读: the 发布机构 (or ContentSource) when it names an office
 * ("吉林省交通运输厅法规处" → 法规处), else the configured 政策解读 owner, else 办公室.
 */
export function draftingOffice(site: SiteModel, page: PageRecord): string {
  for (const source of [page.disclosure?.publisher, page.meta.ContentSource]) {
    const text = source?.replace(/\s+/g, '');
    if (!text) continue;
    const rest = text.replace(/^.*?(交通运输厅|交通厅)/, '');
    if (rest && rest !== text && OFFICE.test(rest)) return rest;
    if (rest === text && /(处|办公室|室|办)$/.test(text) && !/(厅|政府)$/.test(text)) return text;
  }
  return site.owners['政策解读'] ?? '办公室';
}
