// page/oversized: a page whose body exceeded the crawler's size cap (crawl.maxBytes, default 10 MB) was cut there;
// what follows the cut was not audited, and a page that large is slow or unusable for visitors.
import { defineRule } from '../define-rule.js';

export const pageOversized = defineRule({
  meta: {
    id: 'page/oversized',
    scope: 'page',
    severity: 'moderate',
    tags: ['page', 'national'],
    owner: ['办公室'],
    docs: {
      title: '页面体积过大',
      description: '页面内容超过抓取大小上限（crawl.maxBytes，默认 10 MB），抓取时在上限处截断，截断后的内容未被检查；页面过大也会使公众难以打开。',
      source: '《政府网站发展指引》（国办发〔2017〕47号）：网站应保证页面可正常、快速访问',
      fix: '精简页面：拆分超长页面，把大量数据改为附件下载，删除内嵌的大体积图片或脚本数据。',
    },
    messages: {
      oversized: '页面超过 {size} 仍未结束，已在抓取上限处截断，其后内容未检查；请精简页面（拆分长页面或将大数据改为附件）',
    },
  },
  check(ctx) {
    const cut = ctx.page.truncatedAt;
    if (cut === undefined || ctx.page.kind === 'attachment') return;
    const size = cut >= 1024 * 1024 ? `${Math.round((cut / 1024 / 1024) * 10) / 10} MB` : `${Math.round(cut / 1024)} KB`;
    ctx.report({ messageId: 'oversized', data: { size }, evidence: { bytesRead: cut } });
  },
});

export default pageOversized;
