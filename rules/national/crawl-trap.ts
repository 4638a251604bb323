// crawl/trap: links that lead ever deeper (an endless calendar, pagination without end, session ids in paths)
// stopped at the crawl depth cap. Reported on the page where the crawl stopped, so the webmaster can see the
// generator of endless URLs; pages beyond the cap were not audited.
import { defineRule } from '../define-rule.js';

export const crawlTrap = defineRule({
  meta: {
    id: 'crawl/trap',
    scope: 'page',
    severity: 'minor',
    tags: ['crawl', 'national'],
    owner: ['办公室'],
    docs: {
      title: '疑似无限链接（抓取陷阱）',
      description:
        '从该页出发的链接超过了抓取深度上限（crawl.maxDepth），常见于无限翻页的日历、没有尽头的分页或带会话参数的链接；上限之外的页面未被检查。',
      source: '《政府网站发展指引》（国办发〔2017〕47号）：网站栏目和链接应规范、可用',
      fix: '检查该页的日历、分页或链接生成方式，避免生成无穷多的网址；确有大量页面时可在配置中调大 crawl.maxDepth。',
    },
    messages: {
      trap: '抓取到第 {depth} 层仍有新链接（如 {example}），已停止深入，共 {links} 个链接未抓取；请检查是否存在无限翻页或日历链接',
    },
  },
  check(ctx) {
    const cut = ctx.page.crawlCut;
    if (!cut || cut.links === 0) return;
    ctx.report({
      messageId: 'trap',
      data: { depth: cut.maxDepth, links: cut.links, example: cut.sample[0] ?? '' },
      evidence: { maxDepth: cut.maxDepth, links: cut.links, sample: cut.sample },
    });
  },
});

export default crawlTrap;
