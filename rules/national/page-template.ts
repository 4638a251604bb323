// The site's page template (nav, header, footer) learnt from the crawl: text blocks and link targets that recur
// on at least half of the pages. What remains on a page is its own content — used to tell a bare, empty list
// page (only template, breadcrumb and the column's name) from a directory page of sub-columns or accounts.
import type { PageRecord } from '../../crawler/page-record.js';
import type { SiteModel } from '../site-model.js';

export interface SiteTemplate {
  texts: Set<string>;
  links: Set<string>;
}

const cache = new WeakMap<SiteModel, SiteTemplate | undefined>();
const MIN_PAGES = 4;

export function siteTemplate(site: SiteModel): SiteTemplate | undefined {
  if (cache.has(site)) return cache.get(site);
  const pages = site.pages.filter((p) => p.status < 400 && p.kind !== 'attachment' && p.kind !== 'post');
  let template: SiteTemplate | undefined;
  if (pages.length >= MIN_PAGES) {
    const threshold = Math.ceil(pages.length / 2);
    // Pages counted once per key: the last page that counted a key is kept with its count (no Set per page).
    const textCount = new Map<string, { n: number; page: number }>();
    const linkCount = new Map<string, { n: number; page: number }>();
    const count = (m: Map<string, { n: number; page: number }>, key: string, page: number) => {
      const c = m.get(key);
      if (!c) m.set(key, { n: 1, page });
      else if (c.page !== page) {
        c.n++;
        c.page = page;
      }
    };
    pages.forEach((p, i) => {
      for (const b of p.textBlocks) count(textCount, b.text.trim(), i);
      for (const l of p.links) count(linkCount, l.url, i);
    });
    const frequent = (m: Map<string, { n: number }>) => new Set([...m].filter(([, c]) => c.n >= threshold).map(([k]) => k));
    template = { texts: frequent(textCount), links: frequent(linkCount) };
  }
  cache.set(site, template);
  return template;
}

const BREADCRUMB_LEAD = /^(当前位置|您现在的位置|您的位置|所在位置|当前的位置)/;

/** Whether the page shows nothing of its own: every block and link is template, breadcrumb or the column name. */
export function hasNoOwnContent(page: PageRecord, template: SiteTemplate, columnName: string): boolean {
  const own = new Set([columnName, ...page.breadcrumb, '首页'].map((s) => s.trim()));
  const title = page.title.trim();
  const blocks = page.textBlocks.filter((b) => {
    const t = b.text.trim();
    if (!t || template.texts.has(t) || own.has(t) || BREADCRUMB_LEAD.test(t)) return false;
    return !(title && (t === title || title.startsWith(`${t}_`) || title.startsWith(`${t}-`)));
  });
  const links = page.links.filter(
    (l) => (l.tag === 'a' || l.tag === 'area') && !template.links.has(l.url) && !own.has(l.text.trim()) && l.url !== page.url,
  );
  return blocks.length === 0 && links.length === 0;
}
