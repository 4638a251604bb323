// <title> and <meta name=... content=...> (《政府网站发展指引》 tags: SiteName, SiteIDCode, ColumnName, ...).
import { collapse, type PageTree } from './tree.js';

/** Every named meta tag by its name as written (first occurrence wins). */
export function extractMeta(tree: PageTree): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const x of tree.byTag.get('meta') ?? []) {
    const name = tree.attr(x, 'name')?.trim();
    const content = tree.attr(x, 'content');
    if (!name || content === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(meta, name)) meta[name] = collapse(content);
  }
  return meta;
}

/** Case-insensitive meta lookup (templates write pubdate, PubDate, PUBDATE). */
export function metaValue(meta: Record<string, string>, name: string): string | undefined {
  if (meta[name] !== undefined) return meta[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(meta)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function extractTitle(tree: PageTree): string {
  const title = tree.byTag.get('title')?.find((x) => !x.parent || x.parent.tag !== 'svg');
  if (!title) return '';
  return collapse(title.children.map((c) => (c.kind === 'text' ? c.data : '')).join(''));
}
