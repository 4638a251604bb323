// link/unverified: an external target that kept answering 401/403/429/999 — likely a firewall blocking bots, so
// a person should look rather than the audit calling it broken.
import { defineRule } from '../define-rule.js';
import { outcomeStatus } from './link-broken.js';
import { edgesWithState } from './link-edges-by-state.js';

export const linkUnverified = defineRule({
  meta: {
    id: 'link/unverified',
    scope: 'site',
    severity: 'minor',
    tags: ['link', 'national'],
    owner: ['办公室'],
    docs: {
      title: '外部链接无法自动核验',
      description: '外部网站对自动检查返回 401/403/429/999 等拒绝状态，可能是防火墙拦截程序访问，需要人工确认链接是否有效。',
      source: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：不可用链接',
      fix: '在浏览器中人工打开该链接确认；若已失效，修正或删除。',
    },
    messages: {
      unverified: '外部链接“{text}”指向的 {target} 拒绝了自动检查（{status}），请人工确认',
    },
  },
  check(ctx) {
    for (const { edge, outcome } of edgesWithState(ctx.site, 'unverified')) {
      const status = outcomeStatus(outcome);
      ctx.report({
        messageId: 'unverified',
        url: edge.from,
        target: edge.to,
        selector: edge.selector,
        data: { text: edge.text || edge.tag, target: edge.to, status },
        evidence: { status, tag: edge.tag, text: edge.text },
      });
    }
  },
});

export default linkUnverified;
