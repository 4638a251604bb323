// 政策文件 and 规范性文件 documents must come with an interpretation (谁起草谁解读, published together). Either
// direction counts: the document links to a 解读 page, or a 解读 page links back to the document. A link to a
// broken interpretation does not count.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { sourceOf } from './seed.js';
import { documentsIn, draftingOffice, interpretationBackLinks, interpretationsOf } from './documents.js';

export const policyInterpretationMissing = defineRule({
  meta: {
    id: 'policy/interpretation-missing',
    scope: 'site',
    severity: 'moderate',
    tags: ['policy', 'interpretation', 'jl-jtt-2022'],
    docs: {
      title: '政策文件缺少解读',
      description:
        '政策文件、规范性文件栏目中的文件既没有链接到可访问的解读页面，也没有任何解读页面以“原文”“相关文件”等方式链接回该文件；指向失效页面的解读链接不算。',
      source: `${sourceOf('十一')}（坚持政策文件与解读方案、解读材料同步公开）`,
      fix: '由文件起草处室撰写解读材料，与文件同步发布，并在文件页与解读页之间互相设置链接。',
    },
    messages: {
      missing: '文件《{title}》没有可访问的政策解读，请起草处室补发解读并在文件页与解读页之间互相链接',
      brokenOnly: '文件《{title}》的解读链接已失效（{target}），请修复链接或重新发布解读，并在文件页与解读页之间互相链接',
    },
    options: z.object({ columns: z.array(z.string().min(1)).default(['政策文件', '规范性文件']) }).strict(),
    owner: ['办公室'],
  },
  check(ctx) {
    const backLinks = interpretationBackLinks(ctx.site);
    for (const doc of documentsIn(ctx.site, ctx.options.columns)) {
      const found = interpretationsOf(ctx.site, doc.page, backLinks);
      if (found.reachable.length > 0) continue;
      const column = doc.columns[0];
      const broken = found.broken[0];
      ctx.report({
        messageId: broken ? 'brokenOnly' : 'missing',
        data: broken ? { title: doc.title, target: broken } : { title: doc.title },
        url: doc.page.url,
        column: column.canonical ?? column.name,
        owner: draftingOffice(ctx.site, doc.page),
        evidence: {
          title: doc.title,
          ...(doc.page.disclosure?.docNo ? { docNo: doc.page.disclosure.docNo } : {}),
          ...(found.broken.length ? { brokenLinks: found.broken } : {}),
        },
      });
    }
  },
});
