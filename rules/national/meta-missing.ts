import { z } from 'zod';
import { defineRule } from '../define-rule.js';

const ARTICLE_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ArticleTitle', 'PubDate', 'ContentSource'];
const LIST_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode'];

export const metaMissing = defineRule({
  meta: {
    id: 'meta/missing',
    scope: 'page',
    severity: 'minor',
    tags: ['meta', 'national'],
    docs: {
      title: '页面元数据缺失',
      description:
        '文章页缺少 SiteName、SiteDomain、SiteIDCode、ColumnName、ArticleTitle、PubDate、ContentSource 元数据，栏目页（含首页）缺少前三项；页脚“网站标识码”与 SiteIDCode 不一致。',
      source: '《政府网站发展指引》（国办发〔2017〕47号）附件“政府网站页面元数据规范”',
      fix: '在网站内容管理系统的页面模板 head 中补充 <meta name="…" content="…"> 标签，网站标识码与页脚保持一致。',
    },
    messages: {
      missing: '页面缺少元数据 {missing}，请在页面模板 head 中补充对应的 <meta name> 标签',
      idMismatch: '页脚网站标识码 {footer} 与元数据 SiteIDCode {meta} 不一致，请统一为本网站的网站标识码',
    },
    options: z
      .object({
        articleTags: z.array(z.string()).default(ARTICLE_TAGS),
        listTags: z.array(z.string()).default(LIST_TAGS),
      })
      .strict()
      .default({ articleTags: ARTICLE_TAGS, listTags: LIST_TAGS }),
    owner: ['办公室'],
  },
  check(ctx) {
    const { page } = ctx;
    const required =
      page.kind === 'article' ? ctx.options.articleTags : page.kind === 'list' || page.kind === 'home' ? ctx.options.listTags : [];
    if (page.status >= 400) return;
    // Meta names as written may differ in case (sitename, SiteIdCode): compare case-insensitively, empty = missing.
    const present = new Map<string, string>();
    for (const [name, value] of Object.entries(page.meta)) {
      if (value.trim()) present.set(name.toLowerCase(), value.trim());
    }
    const missing = required.filter((tag) => !present.has(tag.toLowerCase()));
    if (missing.length > 0) {
      ctx.report({ messageId: 'missing', data: { missing: missing.join('、') }, key: 'missing', evidence: { missing } });
    }
    const metaId = present.get('siteidcode');
    const footerId = page.footer.siteIdCode?.trim();
    if (metaId && footerId && metaId.replace(/\s/g, '') !== footerId.replace(/\s/g, '')) {
      ctx.report({
        messageId: 'idMismatch',
        data: { footer: footerId, meta: metaId },
        key: 'SiteIDCode',
        evidence: { footer: footerId, meta: metaId },
      });
    }
  },
});
