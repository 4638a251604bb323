// Assembles the SiteModel that site rules read after the crawl, and the column summaries of findings.json.
import type { PageRecord } from '../crawler/page-record.js';
import type { ColumnSummary } from '../reports/audit-schema.js';
import type { ColumnInventory, LinkEdge, LinkOutcome, NewMediaModel, SiteModel } from './site-model.js';
import { buildColumnInventory, type ConfigColumn } from './columns/build-inventory.js';
import { urlKey } from './columns/column-urls.js';
import { mergeOwners, ownerForColumn } from './engine/default-owners.js';

export interface BuildSiteModelInput {
  startUrl: string;
  pages: PageRecord[];
  /** The link graph, or a function that yields its edges: then `SiteModel.links` builds the array on each read
   *  and nothing holds the edges between reads (at 10,000 pages they are ≈350,000 objects), and
   *  `SiteModel.eachLink` hands them out one at a time. */
  links: LinkEdge[] | (() => Iterable<LinkEdge>);
  outcomes: Map<string, LinkOutcome>;
  configColumns?: ConfigColumn[];
  /** Column label or canonical name → office (config `owners`); merged over the built-in DEFAULT_OWNERS. */
  owners?: Record<string, string>;
  newMedia?: NewMediaModel;
  /** The crawl stopped at a cap. */
  truncated?: boolean;
}

export function buildSiteModel(input: BuildSiteModelInput): SiteModel {
  const pages = input.pages.filter((p) => p.kind !== 'attachment' && p.kind !== 'post');
  const byKey = new Map<string, PageRecord>();
  for (const p of pages) {
    const k = urlKey(p.url);
    if (!byKey.has(k)) byKey.set(k, p);
  }
  // Redirected pages are also found under the URL that was asked for (links point there).
  for (const p of pages) if (p.requestedUrl && !byKey.has(urlKey(p.requestedUrl))) byKey.set(urlKey(p.requestedUrl), p);
  const owners = mergeOwners(input.owners);
  const columns = buildColumnInventory(pages, { siteUrl: input.startUrl, configColumns: input.configColumns, owners });
  // Columns the owner map does not name (采购意向, 专项资金…) get the office by label keywords.
  for (const c of columns.columns) {
    const office = c.owner ?? ownerForColumn(owners, c.name, c.canonical);
    if (office) c.owner = office;
  }
  const home = byKey.get(urlKey(input.startUrl)) ?? pages.find((p) => p.kind === 'home');
  const model: SiteModel = {
    startUrl: input.startUrl,
    pages,
    pageByUrl: (url: string) => byKey.get(urlKey(url)),
    links: [],
    outcomes: input.outcomes,
    columns,
    owners,
  };
  const links = input.links;
  if (typeof links === 'function') {
    Object.defineProperty(model, 'links', { get: () => [...links()], enumerable: true });
    model.eachLink = links;
  } else {
    model.links = links;
    model.eachLink = () => links;
  }
  if (home) model.home = home;
  if (input.newMedia) model.newMedia = input.newMedia;
  if (input.truncated) model.truncated = true;
  return model;
}

/** One summary row per column for findings.json (name, canonical, url, entry count, newest date, owner). */
export function columnSummaries(inventory: ColumnInventory): ColumnSummary[] {
  return inventory.columns.map((c) => {
    const summary: ColumnSummary = { name: c.name, url: c.url, entries: c.entries.length };
    if (c.canonical) summary.canonical = c.canonical;
    const newest = c.entries.find((e) => e.date)?.date;
    if (newest) summary.newest = newest;
    if (c.owner) summary.owner = c.owner;
    return summary;
  });
}
