import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { PLATFORM_LABEL_ZH, accountEvidence, accountOwner } from './newmedia-shared.js';

export const newmediaUnreachable = defineRule({
  meta: {
    id: 'newmedia/unreachable',
    scope: 'site',
    severity: 'serious',
    tags: ['newmedia', 'national'],
    docs: {
      title: '政务新媒体订阅源无法读取',
      description: '配置的政务新媒体订阅源（RSS、Atom、JSON Feed 或列表页）无法访问（网络错误、HTTP 4xx/5xx）或内容无法解析（XML/JSON 格式错误），因而无法核查账号是否按时更新。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）政务新媒体“内容不更新”“互动回应差”的核查需要持续读取账号发布',
      fix: '核对配置中的订阅源地址；如账号已迁移或关停，更新配置并在网站政务新媒体栏目同步调整；订阅源服务异常的，联系运维恢复。',
    },
    messages: {
      status: '{platform}账号“{account}”的订阅源无法访问（{error}），请核对订阅源地址或账号状态',
      parse: '{platform}账号“{account}”的订阅源无法解析（{error}），请修复订阅源或更换可用的订阅源地址',
    },
    options: z.object({}).strict().default({}),
    owner: ['办公室', '研究室'],
  },
  check(ctx) {
    for (const account of ctx.site.newMedia?.accounts ?? []) {
      if (!account.feed || !account.fetch || account.fetch.ok) continue;
      const { status, error } = account.fetch;
      const httpOk = status !== undefined && status >= 200 && status < 300;
      const evidence = accountEvidence(account);
      if (status !== undefined) evidence.status = status;
      evidence.error = error ?? '未知错误';
      ctx.report({
        messageId: httpOk ? 'parse' : 'status',
        data: { account: account.name, platform: PLATFORM_LABEL_ZH[account.platform], error: error ?? (status ? `HTTP ${status}` : '未知错误') },
        url: account.feed,
        key: `${account.platform}:${account.name}`,
        owner: accountOwner(account),
        source: account.name,
        evidence,
      });
    }
  },
});
