// Test helpers for rule tests: checksum-valid IDs, minimal page records and site models.
import { pageRecordSchema, type PageRecord, type PageRecordInput } from '../../crawler/page-record.js';
import { idCheckChar } from '../../rules/text/id-number.js';
import type { Column, ColumnInventory, SiteModel } from '../../rules/site-model.js';

/** A checksum-valid ID for a region and birth date. */
export function makeId(region: string, birth: string, seq = '123'): string {
  const first17 = region + birth + seq;
  return first17 + idCheckChar(first17);
}

export function page(input: Partial<PageRecordInput> & { url: string }): PageRecord {
  return pageRecordSchema.parse({ status: 200, kind: 'article', ...input });
}

export function column(input: Partial<Column> & { name: string; url: string }): Column {
  return { listPages: [input.url], entries: [], inDisclosureHub: false, foundBy: ['nav'], ...input };
}

export function inventory(columns: Column[], hubUrl?: string): ColumnInventory {
  return {
    columns,
    ...(hubUrl ? { hubUrl } : {}),
    columnOf: (url) => columns.find((c) => c.listPages.includes(url) || c.entries.some((e) => e.url === url)),
    byCanonical: (name) => columns.filter((c) => c.canonical === name),
  };
}

export function siteModel(input: Partial<SiteModel> & { pages?: PageRecord[]; columns?: ColumnInventory } = {}): SiteModel {
  const pages = input.pages ?? [];
  const startUrl = input.startUrl ?? 'https://jtt.example.gov.cn/';
  return {
    startUrl,
    pages,
    pageByUrl: (url) => pages.find((p) => p.url === url),
    links: [],
    outcomes: new Map(),
    columns: inventory([]),
    owners: {},
    ...input,
    ...(input.home ? {} : { home: pages.find((p) => p.kind === 'home') }),
  };
}
