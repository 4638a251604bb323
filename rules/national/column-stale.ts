import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { daysBetween } from '../text/cjk.js';
import { COLUMN_CLASS_LABEL_ZH, columnClass, newestEntryDate, uniqueColumns } from './column-class.js';

export const columnStale = defineRule({
  meta: {
    id: 'column/stale',
    scope: 'site',
    severity: 'serious',
    tags: ['column', 'national', 'veto'],
    docs: {
      title: '栏目不更新',
      description:
        '栏目最新一条信息（跨全部分页）距检查日超过期限：动态、要闻类14天；通知公告、政策文件、政策解读类183天；人事、规划计划、财政、统计、信息公开目录类365天。动态要闻类与通知公告政策文件类合计5个及以上属单项否决。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“栏目不更新”',
      fix: '及时在该栏目发布新信息；已不再更新的栏目应整合或撤销，并在原位置说明。',
    },
    messages: {
      stale: '栏目“{column}”最新信息发布于 {newest}，已 {days} 天未更新（{classLabel}要求 {threshold} 天内更新），请及时更新',
    },
    options: z
      .object({
        newsDays: z.number().int().positive().default(14),
        noticeDays: z.number().int().positive().default(183),
        yearlyDays: z.number().int().positive().default(365),
      })
      .strict()
      .default({ newsDays: 14, noticeDays: 183, yearlyDays: 365 }),
    owner: ['办公室'],
  },
  check(ctx) {
    const thresholds = { news: ctx.options.newsDays, notice: ctx.options.noticeDays, yearly: ctx.options.yearlyDays };
    for (const column of uniqueColumns(ctx.site.columns.columns)) {
      const cls = columnClass(column);
      if (!cls) continue;
      const newest = newestEntryDate(column, ctx.asOf);
      if (!newest) continue;
      const days = daysBetween(newest, ctx.asOf);
      const threshold = thresholds[cls];
      if (days <= threshold) continue;
      ctx.report({
        messageId: 'stale',
        data: { column: column.name, newest, days, threshold, classLabel: COLUMN_CLASS_LABEL_ZH[cls] },
        url: column.url,
        key: column.name,
        column: column.canonical ?? column.name,
        evidence: { column: column.name, newest, days, thresholdDays: threshold, class: cls },
      });
    }
  },
});
