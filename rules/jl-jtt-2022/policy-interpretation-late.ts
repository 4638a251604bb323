// The interpretation must be published with the document; a grace of a few working days is allowed.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { sourceOf } from './seed.js';
import { documentsIn, draftingOffice, interpretationBackLinks, interpretationsOf, publishDate } from './documents.js';
import { isDate, workingDaysBetween } from './dates.js';

const dateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export const policyInterpretationLate = defineRule({
  meta: {
    id: 'policy/interpretation-late',
    scope: 'site',
    severity: 'minor',
    tags: ['policy', 'interpretation', 'jl-jtt-2022'],
    docs: {
      title: '政策解读发布滞后',
      description:
        '政策文件或规范性文件的解读（取最早的一篇）晚于文件发布超过 3 个工作日（选项 maxWorkingDays；周末不计，可用 holidays 和 workdays 配置法定节假日和调休上班日）。',
      source: `${sourceOf('十一')}（政策文件与解读材料同步公开）`,
      fix: '今后解读材料与文件同步发布；已滞后的，在解读页注明原因并确保文件页与解读页互相链接。',
    },
    messages: {
      late: '文件《{title}》于 {docDate} 发布，解读于 {interpretationDate} 才发布，晚了 {days} 个工作日（要求不超过 {max} 个），请今后与文件同步发布解读',
    },
    options: z
      .object({
        maxWorkingDays: z.number().int().min(0).default(3),
        holidays: dateList.default([]),
        workdays: dateList.default([]),
        columns: z.array(z.string().min(1)).default(['政策文件', '规范性文件']),
      })
      .strict(),
    owner: ['办公室'],
  },
  check(ctx) {
    const { maxWorkingDays, holidays, workdays } = ctx.options;
    const backLinks = interpretationBackLinks(ctx.site);
    for (const doc of documentsIn(ctx.site, ctx.options.columns)) {
      const docDate = publishDate(doc.page) ?? doc.entryDate;
      if (!isDate(docDate)) continue;
      const dated = interpretationsOf(ctx.site, doc.page, backLinks).reachable.filter((i) => isDate(i.date));
      if (dated.length === 0) continue;
      const first = dated.reduce((a, b) => (b.date! < a.date! ? b : a));
      const days = workingDaysBetween(docDate, first.date!, holidays, workdays);
      if (days <= maxWorkingDays) continue;
      const column = doc.columns[0];
      ctx.report({
        messageId: 'late',
        data: { title: doc.title, docDate, interpretationDate: first.date!, days, max: maxWorkingDays },
        url: doc.page.url,
        column: column.canonical ?? column.name,
        owner: draftingOffice(ctx.site, doc.page),
        evidence: { title: doc.title, interpretation: first.url, docDate, interpretationDate: first.date, workingDays: days, maxWorkingDays },
      });
    }
  },
});
