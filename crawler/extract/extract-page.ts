// Builds a PageRecord from a PageAdapter in one walk of the tree (see tree.ts). Never throws: a failing part of the
// extraction leaves its field empty and adds a note.
import type { PageRecord } from '../page-record.js';
import type { PageAdapter } from '../../rules/page-adapter.js';
import { normalizeUrl } from '../url/normalize.js';
import { extractBreadcrumb } from './breadcrumb.js';
import { findFirstDate, parseDate, shanghaiDate } from './dates.js';
import { extractDisclosure } from './disclosure-table.js';
import { extractFooter } from './footer.js';
import { baseUrlOf, extractLinks } from './links.js';
import { extractListEntries } from './list-entries.js';
import { extractMeta, extractTitle, metaValue } from './meta.js';
import { pageKind } from './page-kind.js';
import { extractPagination } from './pagination.js';
import { extractBodyText, extractTextBlocks } from './text-blocks.js';
import { buildTree, type PageTree } from './tree.js';

export interface ExtractInfo {
  url: string;
  status: number;
  requestedUrl?: string;
  redirects?: string[];
  contentType?: string;
  encoding?: string;
  /** ISO timestamp of the fetch; also resolves list dates shown without a year ("06-29"). */
  fetchedAt?: string;
  siteUrl: string;
  sameSiteHosts?: string[];
  dropParams?: string[];
}

/** Dates short blocks show on their own (a date span next to a news item, "更新时间：2022-03-15"). */
const SHORT_BLOCK = 40;

function emptyRecord(info: ExtractInfo, notes: string[]): PageRecord {
  const rec: PageRecord = {
    url: info.url,
    status: info.status,
    redirects: info.redirects ?? [],
    kind: 'other',
    title: '',
    meta: {},
    breadcrumb: [],
    listEntries: [],
    links: [],
    bodyText: '',
    textBlocks: [],
    dates: [],
    footer: {},
    notes,
  };
  if (info.requestedUrl !== undefined) rec.requestedUrl = info.requestedUrl;
  if (info.contentType !== undefined) rec.contentType = info.contentType;
  if (info.encoding !== undefined) rec.encoding = info.encoding;
  if (info.fetchedAt !== undefined) rec.fetchedAt = info.fetchedAt;
  return rec;
}

function attempt<T>(notes: string[], what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (err) {
    notes.push(`${what}提取失败：${err instanceof Error ? err.message : String(err)}`);
    return fallback;
  }
}

export function extractPage(adapter: PageAdapter, info: ExtractInfo): PageRecord {
  const notes: string[] = [];
  const record = emptyRecord(info, notes);
  const pageUrl = normalizeUrl(info.url) ?? info.url;
  let tree: PageTree;
  try {
    tree = buildTree(adapter);
  } catch (err) {
    notes.push(`页面解析失败：${err instanceof Error ? err.message : String(err)}`);
    return record;
  }
  notes.push(...tree.notes);
  const baseUrl = attempt(notes, '基准地址', () => baseUrlOf(tree, pageUrl), pageUrl);
  record.title = attempt(notes, '标题', () => extractTitle(tree), '');
  record.meta = attempt(notes, '元数据', () => extractMeta(tree), {});
  record.breadcrumb = attempt(notes, '当前位置', () => extractBreadcrumb(tree), []);
  const disclosure = attempt(notes, '信息公开表', () => extractDisclosure(tree), undefined);
  if (disclosure) record.disclosure = disclosure;
  record.listEntries = attempt(
    notes,
    '列表',
    () => extractListEntries(tree, baseUrl, info.dropParams, shanghaiDate(info.fetchedAt)),
    [],
  );
  const pagination = attempt(notes, '分页', () => extractPagination(tree, pageUrl, baseUrl), undefined);
  if (pagination) record.pagination = pagination;
  record.links = attempt(
    notes,
    '链接',
    () => extractLinks(tree, { baseUrl, siteUrl: info.siteUrl, sameSiteHosts: info.sameSiteHosts, dropParams: info.dropParams }),
    [],
  );
  record.bodyText = attempt(notes, '正文', () => extractBodyText(tree), '');
  record.textBlocks = attempt(notes, '文本块', () => extractTextBlocks(tree, notes), []);
  record.footer = attempt(notes, '页脚', () => extractFooter(tree), {});
  record.dates = attempt(notes, '日期', () => collectDates(record), []);
  record.kind = attempt(
    notes,
    '页面类型',
    () =>
      pageKind({
        url: pageUrl,
        siteUrl: info.siteUrl,
        meta: record.meta,
        hasDisclosure: !!record.disclosure,
        listEntries: record.listEntries.length,
        hasPagination: !!record.pagination && record.pagination.pageCount > 1,
      }),
    'other',
  );
  if (!tree.body || (!record.bodyText && record.links.length === 0 && record.textBlocks.length === 0)) {
    notes.push('页面内容为空');
  }
  const sample = record.bodyText.slice(0, 20000);
  if (sample.length >= 50) {
    const bad = (sample.match(/[\ufffd\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
    if (bad / sample.length > 0.05) notes.push('页面含有大量无法解码的字符（可能是二进制文件或编码错误）');
  }
  return record;
}

/** Dates shown on the page, newest first, without duplicates. */
function collectDates(record: PageRecord): string[] {
  const dates = new Set<string>();
  for (const e of record.listEntries) if (e.date) dates.add(e.date);
  const pub = metaValue(record.meta, 'PubDate');
  const pubDate = pub ? parseDate(pub) : undefined;
  if (pubDate) dates.add(pubDate);
  if (record.disclosure?.publishDate) dates.add(record.disclosure.publishDate);
  if (record.disclosure?.writtenDate) dates.add(record.disclosure.writtenDate);
  // Values of end/effective dates (有效期至, 失效日期, 施行日期...) are not dates the page was updated on.
  const notShown = new Set<string>();
  for (const [label, value] of Object.entries(record.disclosure?.raw ?? {})) {
    if (/有效|失效|废止|施行|实施/.test(label)) notShown.add(value);
  }
  for (const b of record.textBlocks) {
    if (notShown.has(b.text) || /有效期|失效|废止|施行|实施/.test(b.text)) continue;
    if (b.text.length > SHORT_BLOCK) {
      // A long block counts only through a labelled date (发布时间：2022-03-15).
      const labelled = /(?:发布|更新|公开|成文|发文)(?:日期|时间)\s*[:：]?\s*([^\s].{0,20})/.exec(b.text);
      const d = labelled ? parseDate(labelled[1]) : undefined;
      if (d) dates.add(d);
      continue;
    }
    // A short block counts when the date is most of it ("2022-03-15", "[2022-03-15]", "发布时间：2022-03-15").
    const found = findFirstDate(b.text);
    if (found && (found.length * 2 >= b.text.length || /(?:日期|时间)\s*[:：]/.test(b.text))) dates.add(found.date);
  }
  return [...dates].sort().reverse();
}
