// home / list / article / other, from the URL shape, meta tags and what the page holds.
import type { PageKind } from '../page-record.js';
import { metaValue } from './meta.js';

/** TRS `/t20220315_8412345.html`, Hanweb `/art/2022/3/15/art_123_456.html`, gov.cn `/content_123.htm`. */
export const ARTICLE_URL = /\/t\d{8}_\d+\.s?html?$|\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_\d+_\d+\.s?html?$|\/content_\d+\.s?html?$/i;

export interface KindInput {
  url: string;
  siteUrl: string;
  meta: Record<string, string>;
  hasDisclosure: boolean;
  listEntries: number;
  hasPagination: boolean;
}

function isHome(url: string, siteUrl: string): boolean {
  let u: URL;
  let s: URL;
  try {
    u = new URL(url);
    s = new URL(siteUrl);
  } catch {
    return false;
  }
  if (u.host.replace(/^www\./, '') !== s.host.replace(/^www\./, '')) return false;
  if (u.search && !/^\?(?:\w+=\w*&?)*$/.test(u.search)) return false;
  const path = u.pathname.replace(/\/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$/i, '/');
  const sitePath = s.pathname.replace(/\/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$/i, '/').replace(/[^/]*$/, '');
  return path === '/' || path === sitePath;
}

export function pageKind(input: KindInput): PageKind {
  if (isHome(input.url, input.siteUrl)) return 'home';
  let path = '';
  try {
    path = new URL(input.url).pathname;
  } catch {
    /* keep empty */
  }
  if (metaValue(input.meta, 'ArticleTitle') || ARTICLE_URL.test(path)) return 'article';
  const columnType = metaValue(input.meta, 'ColumnType') ?? '';
  if (input.hasPagination || /列表|list/i.test(columnType)) return 'list';
  if (input.hasDisclosure) return 'article';
  if (input.listEntries > 0) return 'list';
  return 'other';
}
