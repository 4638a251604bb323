// Shared helpers for sections: a column's list pages (with TRS pagination) and an article page.
import type { SiteBuilder, GbkDeclaration } from '../site-builder.js';
import { hanwebArticle, trsArticle, type ArticleInput } from '../templates/article.js';
import { hanwebLayout, trsLayout, type Crumb } from '../templates/layouts.js';
import { renderList, paginate, trsPagePath, trsPagerScript, trsPagerWithLinks, type ListItem, type ListMarkup, type ListOptions } from '../templates/lists.js';
import { articleMeta, listMeta, without, type MetaTags } from '../templates/meta.js';
import { SITE } from '../templates/site-info.js';

export const HUB_CRUMB: Crumb = { text: '政府信息公开', href: '/zwgk/index.html' };

export interface ColumnPagesInput {
  name: string;
  /** Directory with trailing slash, e.g. /zwgk/zcwj/ */
  dir: string;
  items: ListItem[];
  markup: ListMarkup;
  layout?: 'trs' | 'hanweb';
  parents?: Crumb[];
  perPage?: number;
  /** 'script': further pages announced only by createPageHTML; 'links': script plus plain 上一页/下一页 links. */
  pager?: 'script' | 'links';
  listOptions?: ListOptions;
  /** Meta keys to drop from the first list page (meta/missing). */
  dropMeta?: string[];
  gbk?: GbkDeclaration;
  /** Text shown above the list. */
  intro?: string;
  /** First page file name when not index.html (Hanweb columns use index.html too). */
}

/** Adds the column's list pages; returns their paths (first page first). */
export function addColumnPages(b: SiteBuilder, c: ColumnPagesInput): string[] {
  const sorted = [...c.items].sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
  const pages = paginate(sorted, c.perPage ?? 20);
  const paths: string[] = [];
  pages.forEach((items, i) => {
    const path = trsPagePath(c.dir, i);
    const pager = pages.length > 1 ? (c.pager === 'links' ? trsPagerWithLinks(pages.length, i) : trsPagerScript(pages.length, i)) : '';
    const main = `<div class="column-title"><h2>${c.name}</h2></div>
${c.intro ? `<p class="column-intro">${c.intro}</p>` : ''}
${renderList(c.markup, items, c.listOptions)}
${pager}`;
    const meta = i === 0 && c.dropMeta ? without(listMeta(c.name), ...c.dropMeta) : listMeta(c.name);
    const layout = c.layout === 'hanweb' ? hanwebLayout : trsLayout;
    b.addPage(path, layout({ title: `${c.name}_${SITE.name}`, meta, breadcrumb: [...(c.parents ?? []), { text: c.name, href: trsPagePath(c.dir, 0) }], main }), {
      gbk: c.gbk,
    });
    paths.push(path);
  });
  return paths;
}

export interface ArticlePageInput extends ArticleInput {
  path: string;
  column: string;
  columnHref: string;
  parents?: Crumb[];
  layout?: 'trs' | 'hanweb';
  dropMeta?: string[];
  meta?: MetaTags;
  gbk?: GbkDeclaration;
  footerIdCode?: string;
}

export function addArticlePage(b: SiteBuilder, a: ArticlePageInput): void {
  const meta = without(a.meta ?? articleMeta(a.column, a.title, a.date, a.source), ...(a.dropMeta ?? []));
  const layout = a.layout === 'hanweb' ? hanwebLayout : trsLayout;
  const main = a.layout === 'hanweb' ? hanwebArticle(a) : trsArticle(a);
  b.addPage(
    a.path,
    layout({
      title: `${a.title}_${SITE.name}`,
      meta,
      breadcrumb: [...(a.parents ?? []), { text: a.column, href: a.columnHref }, { text: '正文' }],
      main,
      footerIdCode: a.footerIdCode,
    }),
    { gbk: a.gbk },
  );
}
