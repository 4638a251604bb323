// The typed site model that site rules read after the crawl: page records, the link graph, link outcomes,
// the column inventory and (when configured) the new-media accounts.
import type { PageRecord } from '../crawler/page-record.js';

/** Outcome of checking one link target once (shared cache across pages). */
export interface LinkOutcome {
  url: string;
  /** ok: alive; broken: dead after a re-check; unverified: external 403/429/999 that may be bot-blocking;
   *  skipped: not checked (excluded by config or robots). */
  state: 'ok' | 'broken' | 'unverified' | 'skipped';
  /** Final HTTP status, when there was a response. */
  status?: number;
  /** Network error code (ENOTFOUND, ECONNREFUSED, ETIMEDOUT, REDIRECT_LOOP, TOO_MANY_REDIRECTS, ...). */
  error?: string;
  /** Redirect chain, first hop first, final URL last. */
  redirects?: string[];
  finalUrl?: string;
  contentType?: string;
  /** Whether the target lies inside the audited site. */
  internal: boolean;
  checkedAt?: string;
}

/** One (page, target) edge of the link graph, with the element that carries it. */
export interface LinkEdge {
  from: string;
  to: string;
  selector: string;
  tag: string;
  text: string;
  attachment: boolean;
}

/** Canonical column names used across rules (the synonym table maps site labels onto these). */
export type CanonicalColumn = string;

export interface ColumnEntry {
  title: string;
  url: string;
  date?: string;
}

export interface Column {
  /** The label as the site shows it. */
  name: string;
  /** Canonical name from the synonym table, when it maps. */
  canonical?: CanonicalColumn;
  /** First list page of the column. */
  url: string;
  /** All list pages of the column (pagination included). */
  listPages: string[];
  /** Dated entries across every list page, newest first where dated. */
  entries: ColumnEntry[];
  /** Whether the column was reached from the 政府信息公开 hub. */
  inDisclosureHub: boolean;
  /** Where it was found: nav, hub, breadcrumb, meta, config. */
  foundBy: string[];
  owner?: string;
}

export interface ColumnInventory {
  columns: Column[];
  /** The 政府信息公开 hub page, when found. */
  hubUrl?: string;
  /** Column of a page URL (by list membership, breadcrumb, ColumnName meta or config prefix). */
  columnOf(url: string): Column | undefined;
  /** Find by canonical name. */
  byCanonical(canonical: CanonicalColumn): Column[];
}

export interface NewMediaPost {
  title: string;
  date?: string;
  url?: string;
  text?: string;
}

export interface NewMediaAccount {
  name: string;
  platform: 'wechat' | 'weibo' | 'douyin' | 'toutiao' | 'bilibili' | 'website' | 'other';
  feed?: string;
  owner?: string;
  /** Unit the account belongs to (for one-account-per-unit-per-platform). */
  unit?: string;
  configured: boolean;
  /** Listed on the site's 政务新媒体 page. */
  listedOnSite?: boolean;
  listedAt?: string;
  /** Added: the account's link on the site's 政务新媒体 page (profile or QR-code target), when it has one. */
  url?: string;
  posts: NewMediaPost[];
  fetch?: { ok: boolean; status?: number; error?: string };
}

export interface NewMediaModel {
  /** The site's 政务新媒体 page, when found. */
  pageUrl?: string;
  accounts: NewMediaAccount[];
}

export interface SiteModel {
  startUrl: string;
  /** Home page record (the start URL's). */
  home?: PageRecord;
  /** Every crawled page record (kind home/list/article/other); attachments and posts excluded. */
  pages: PageRecord[];
  pageByUrl(url: string): PageRecord | undefined;
  links: LinkEdge[];
  /** The edges of `links` one at a time, for a rule that keeps only some: no array of every edge (≈350,000 objects
   *  at 10,000 pages). Absent on a model built by hand; `links` is always there. */
  eachLink?(): Iterable<LinkEdge>;
  /** Link outcome per normalised target URL. */
  outcomes: Map<string, LinkOutcome>;
  columns: ColumnInventory;
  newMedia?: NewMediaModel;
  /** Owner map from the config (column label or canonical name → office). */
  owners: Record<string, string>;
  /** The crawl stopped at a cap (max pages, depth): absence of a page proves nothing. */
  truncated?: boolean;
}
