// The 《政府网站发展指引》 meta tags. Sections build the full set and drop keys to plant meta/missing.
import { esc } from '../html.js';
import { SITE } from './site-info.js';

export type MetaTags = Record<string, string>;

export function listMeta(column: string, description = column): MetaTags {
  return {
    SiteName: SITE.name,
    SiteDomain: SITE.domain,
    SiteIDCode: SITE.idCode,
    ColumnName: column,
    ColumnDescription: description,
    ColumnKeywords: column,
    ColumnType: column,
  };
}

export function articleMeta(column: string, title: string, pubDate: string, source: string = SITE.name): MetaTags {
  return {
    ...listMeta(column),
    ArticleTitle: title,
    PubDate: `${pubDate} 09:30`,
    ContentSource: source,
    Keywords: column,
    Author: source,
    Description: title,
  };
}

export function without(meta: MetaTags, ...keys: string[]): MetaTags {
  const out = { ...meta };
  for (const k of keys) delete out[k];
  return out;
}

export function renderMeta(meta: MetaTags): string {
  return Object.entries(meta)
    .map(([name, content]) => `<meta name="${esc(name)}" content="${esc(content)}">`)
    .join('\n');
}
