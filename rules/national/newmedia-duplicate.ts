import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import type { NewMediaAccount } from '../site-model.js';
import { PLATFORM_LABEL_ZH, NEWMEDIA_DEFAULT_OWNER, normalizeAccountName } from './newmedia-shared.js';

export const newmediaDuplicate = defineRule({
  meta: {
    id: 'newmedia/duplicate',
    scope: 'site',
    severity: 'moderate',
    tags: ['newmedia', 'national'],
    docs: {
      title: '同一单位在同一平台开设多个账号',
      description: '同一单位（配置项 unit，或网站政务新媒体栏目中的主办单位）在同一平台上有两个及以上政务新媒体账号（配置的与网站公布的合并计算）。',
      source: '《关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）：同一单位在同一平台原则上只开设一个账号，功能相近、用户关注度低的账号应整合',
      fix: '整合同一单位在同一平台的账号，保留一个账号，其余发布停更公告后按程序关停注销，并同步更新网站政务新媒体栏目和备案台账。',
    },
    messages: {
      duplicate: '“{unit}”在{platform}上开设了 {count} 个账号（{accounts}），同一单位在同一平台原则上只开设一个账号，请整合',
    },
    options: z.object({}).strict().default({}),
    owner: ['办公室', '研究室'],
  },
  check(ctx) {
    const model = ctx.site.newMedia;
    if (!model) return;
    const groups = new Map<string, NewMediaAccount[]>();
    for (const account of model.accounts) {
      if (!account.unit || account.platform === 'other' || account.platform === 'website') continue;
      const key = `${normalizeAccountName(account.unit)}|${account.platform}`;
      const group = groups.get(key) ?? [];
      // The same account configured and listed is one account.
      if (!group.some((a) => normalizeAccountName(a.name) === normalizeAccountName(account.name))) group.push(account);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const first = group[0]!;
      const names = group.map((a) => a.name);
      ctx.report({
        messageId: 'duplicate',
        data: { unit: first.unit!, platform: PLATFORM_LABEL_ZH[first.platform], count: group.length, accounts: names.map((n) => `“${n}”`).join('、') },
        url: model.pageUrl ?? ctx.siteUrl,
        key: `${first.platform}:${first.unit}`,
        owner: group.find((a) => a.owner)?.owner ?? NEWMEDIA_DEFAULT_OWNER,
        source: names.join('、'),
        evidence: { unit: first.unit, platform: first.platform, accounts: names, feeds: group.map((a) => a.feed ?? null) },
      });
    }
  },
});
