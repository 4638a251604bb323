// link/broken: one finding per (page, target) pair whose target stayed dead after a re-check, on internal and
// external hosts alike, pointing at the element that carries the link.
import { defineRule } from '../define-rule.js';
import type { LinkOutcome } from '../site-model.js';
import { edgesWithState } from './link-edges-by-state.js';

/** HTTP status, else the network error code (ECONNREFUSED, ETIMEDOUT, REDIRECT_LOOP, ...). */
export function outcomeStatus(outcome: LinkOutcome): number | string {
  return outcome.status ?? outcome.error ?? 'unknown';
}

export const linkBroken = defineRule({
  meta: {
    id: 'link/broken',
    scope: 'site',
    severity: 'moderate',
    tags: ['link', 'national'],
    owner: ['办公室'],
    docs: {
      title: '链接不可访问',
      description: '页面上的链接（含图片、脚本、附件和外部网站链接）返回 404 或 410，或在间隔复查后仍返回其他错误状态码、无法连接。',
      source: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》：不可用链接',
      fix: '修正或删除失效链接；外部网站已撤销的内容应改为有效地址或删除链接。',
    },
    messages: {
      broken: '链接“{text}”指向的 {target} 无法访问（{status}），请修正或删除该链接',
    },
  },
  check(ctx) {
    for (const { edge, outcome } of edgesWithState(ctx.site, 'broken')) {
      const status = outcomeStatus(outcome);
      const evidence: Record<string, unknown> = { status, tag: edge.tag, text: edge.text, internal: outcome.internal };
      if (outcome.redirects?.length) evidence.redirects = outcome.redirects;
      ctx.report({
        messageId: 'broken',
        url: edge.from,
        target: edge.to,
        selector: edge.selector,
        data: { text: edge.text || edge.tag, target: edge.to, status },
        evidence,
      });
    }
  },
});

export default linkBroken;
