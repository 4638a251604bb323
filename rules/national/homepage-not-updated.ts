import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { daysBetween } from '../text/cjk.js';

export const homepageNotUpdated = defineRule({
  meta: {
    id: 'homepage/not-updated',
    scope: 'site',
    severity: 'critical',
    tags: ['homepage', 'national', 'veto'],
    docs: {
      title: '首页不更新',
      description: '首页上最新的日期（信息条目或页面所示日期）距检查日超过14天，或首页没有任何带日期的信息。属单项否决。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“首页不更新”',
      fix: '在首页动态、通知公告等栏目及时发布信息，确保首页两周内有更新。',
    },
    messages: {
      stale: '首页最新信息日期为 {newest}，已 {days} 天未更新（要求 {threshold} 天内），请及时在首页发布新信息',
      undated: '首页没有任何带日期的信息，无法确认两周内有更新，请在首页信息条目旁显示发布日期并及时更新',
    },
    options: z
      .object({ days: z.number().int().positive().default(14) })
      .strict()
      .default({ days: 14 }),
    owner: ['办公室'],
  },
  check(ctx) {
    const home = ctx.site.home;
    if (!home || home.status >= 400) return;
    const dates = [...home.dates, ...home.listEntries.map((e) => e.date ?? '')].filter((d) => d && d <= ctx.asOf);
    const newest = dates.sort().at(-1);
    if (!newest) {
      ctx.report({ messageId: 'undated', url: home.url, evidence: { thresholdDays: ctx.options.days } });
      return;
    }
    const days = daysBetween(newest, ctx.asOf);
    if (days <= ctx.options.days) return;
    ctx.report({
      messageId: 'stale',
      data: { newest, days, threshold: ctx.options.days },
      url: home.url,
      evidence: { newest, days, thresholdDays: ctx.options.days },
    });
  },
});
