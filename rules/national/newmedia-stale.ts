import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { PLATFORM_LABEL_ZH, accountEvidence, accountOwner, staleState } from './newmedia-shared.js';

export const newmediaStale = defineRule({
  meta: {
    id: 'newmedia/stale',
    scope: 'site',
    severity: 'critical',
    tags: ['newmedia', 'national', 'veto'],
    docs: {
      title: '政务新媒体长期未更新',
      description: '已配置订阅源的政务新媒体账号，最新一条发布早于检查基准日 14 天（可配置 days）或订阅源中没有任何发布。政务新媒体 2 周内无更新属单项否决。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）政务新媒体单项否决“内容不更新”；《关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）',
      fix: '由账号主办处室按时发布信息；确已无力运维的账号应发布停更公告并按程序关停注销，同时从网站政务新媒体栏目中撤下。',
    },
    messages: {
      stale: '{platform}账号“{account}”最新发布为 {date}（“{title}”），距检查基准日已 {days} 天未更新（超过 {limit} 天），请督促主办单位及时更新或按程序关停',
      empty: '{platform}账号“{account}”的订阅源中没有任何发布，请核实账号是否仍在运维，及时更新或按程序关停',
    },
    options: z.object({ days: z.number().int().positive().default(14) }).strict().default({ days: 14 }),
    owner: ['办公室', '研究室'],
  },
  check(ctx) {
    for (const account of ctx.site.newMedia?.accounts ?? []) {
      const state = staleState(account, ctx.asOf, ctx.options.days);
      if (!state.stale || !account.feed) continue;
      const base = { account: account.name, platform: PLATFORM_LABEL_ZH[account.platform] };
      const evidence = accountEvidence(account);
      if (state.newest?.date) {
        evidence.lastPostDate = state.newest.date;
        evidence.lastPostTitle = state.newest.title;
        if (state.newest.url) evidence.lastPostUrl = state.newest.url;
        evidence.days = state.days;
      }
      evidence.limitDays = ctx.options.days;
      ctx.report({
        messageId: state.newest ? 'stale' : 'empty',
        data: state.newest
          ? { ...base, date: state.newest.date ?? '', title: state.newest.title, days: state.days ?? 0, limit: ctx.options.days }
          : base,
        url: account.feed,
        key: `${account.platform}:${account.name}`,
        owner: accountOwner(account),
        source: account.name,
        evidence,
      });
    }
  },
});
