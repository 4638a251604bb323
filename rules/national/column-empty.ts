import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { columnClass, uniqueColumns } from './column-class.js';
import { hasNoOwnContent, siteTemplate } from './page-template.js';

const EMPTY_TEXT = /暂无(?:相关)?(?:信息|数据|内容|记录|文章|公开信息)|没有(?:相关)?(?:信息|数据|记录)|无相关信息|栏目(?:正在)?建设中/;

export const columnEmpty = defineRule({
  meta: {
    id: 'column/empty',
    scope: 'site',
    severity: 'serious',
    tags: ['column', 'national', 'veto'],
    docs: {
      title: '空白栏目',
      description: '栏目列表页没有任何信息条目（含显示“暂无信息”“栏目建设中”，或除网站模板、位置导航和栏目名外没有任何内容）。空白栏目达到5个属单项否决。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“空白栏目”',
      fix: '按栏目定位发布内容；确无内容可发的栏目应整合或撤销，不得保留空栏目。',
    },
    messages: {
      empty: '栏目“{column}”没有任何信息，请发布内容或整合、撤销该栏目',
    },
    options: z.object({}).strict().default({}),
    owner: ['办公室'],
  },
  check(ctx) {
    for (const column of uniqueColumns(ctx.site.columns.columns)) {
      if (column.entries.length > 0) continue;
      const pages = (column.listPages.length > 0 ? column.listPages : [column.url])
        .map((u) => ctx.site.pageByUrl(u))
        .filter((p) => p !== undefined);
      // Not crawled (or failed): emptiness is unknown, the link rules report the failure.
      if (pages.length === 0 || pages.some((p) => p.status >= 400)) continue;
      // A single-page column (e.g. 公开指南 as an article) or a list page that does show entries is not empty.
      if (pages.some((p) => p.kind === 'article' || p.listEntries.length > 0)) continue;
      const saysEmpty = pages.some((p) => EMPTY_TEXT.test(p.bodyText));
      // A bare list (no rows, no 暂无信息) shows nothing but the site template, breadcrumb and its own name; a
      // directory of sub-columns or accounts shows its own blocks and links and is not empty.
      const template = siteTemplate(ctx.site);
      const bare = template !== undefined && pages.every((p) => hasNoOwnContent(p, template, column.name));
      if (!saysEmpty && !bare && !pages.some((p) => p.kind === 'list')) continue;
      const cls = columnClass(column);
      ctx.report({
        messageId: 'empty',
        data: { column: column.name },
        url: column.url,
        key: column.name,
        column: column.canonical ?? column.name,
        evidence: { column: column.name, ...(column.canonical ? { canonical: column.canonical } : {}), ...(cls ? { class: cls } : {}), saysEmpty },
      });
    }
  },
});
