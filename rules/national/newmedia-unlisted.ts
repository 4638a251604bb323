import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { PLATFORM_LABEL_ZH, accountEvidence, accountOwner } from './newmedia-shared.js';

export const newmediaUnlisted = defineRule({
  meta: {
    id: 'newmedia/unlisted',
    scope: 'site',
    severity: 'moderate',
    tags: ['newmedia', 'national'],
    docs: {
      title: '政务新媒体账号与网站公布不一致',
      description:
        '对照配置的政务新媒体账号与网站“政务新媒体”栏目公布的账号：配置中有而网站未公布的，网站公布了而配置（备案台账）中没有的，均予提示；配置了账号但网站找不到政务新媒体栏目的，也予提示。',
      source: '《关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）：政务新媒体实行备案管理，并在政府网站公开账号名录',
      fix: '在网站政务新媒体栏目补充公布遗漏的账号（名称、平台、二维码或链接），或将网站已公布的账号补入备案台账（配置）；已关停的账号从栏目中撤下。',
    },
    messages: {
      notListed: '{platform}账号“{account}”已备案（配置）但网站政务新媒体栏目未公布，请在栏目中补充该账号',
      notConfigured: '网站政务新媒体栏目公布的{platform}账号“{account}”不在备案台账（配置）中，请核实并补充备案，或从栏目中撤下已关停的账号',
      noPage: '未找到网站的“政务新媒体”栏目，已备案的 {count} 个政务新媒体账号未在网站公开，请开设栏目并公布账号名录',
    },
    options: z.object({}).strict().default({}),
    owner: ['办公室', '研究室'],
  },
  check(ctx) {
    const model = ctx.site.newMedia;
    if (!model) return;
    const configured = model.accounts.filter((a) => a.configured);
    // Without a configured register there is nothing to cross-check against.
    if (configured.length === 0) return;
    if (!model.pageUrl) {
      // A crawl cut at --max-pages may simply not have reached the page.
      if (ctx.site.truncated) return;
      ctx.report({
        messageId: 'noPage',
        data: { count: configured.length },
        url: ctx.siteUrl,
        key: 'newmedia-page',
        evidence: { accounts: configured.map((a) => a.name) },
      });
      return;
    }
    for (const account of model.accounts) {
      if (account.configured && account.listedOnSite) continue;
      const evidence = { ...accountEvidence(account), page: model.pageUrl, configured: account.configured, listedOnSite: account.listedOnSite === true };
      ctx.report({
        messageId: account.configured ? 'notListed' : 'notConfigured',
        data: { account: account.name, platform: PLATFORM_LABEL_ZH[account.platform] },
        url: model.pageUrl,
        key: `${account.platform}:${account.name}`,
        owner: accountOwner(account),
        source: account.name,
        evidence,
      });
    }
  },
});
