import { z } from 'zod';
import { defineRule } from '../define-rule.js';

/** The statutory sub-columns of the 政府信息公开 platform (the verdict's 必设栏目缺失 item counts these only). */
export const DISCLOSURE_REQUIRED_COLUMNS: readonly string[] = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报'];
const REQUIRED = [...DISCLOSURE_REQUIRED_COLUMNS];

export const columnMissing = defineRule({
  meta: {
    id: 'column/missing',
    scope: 'site',
    severity: 'serious',
    tags: ['column', 'disclosure', 'national'],
    docs: {
      title: '必设栏目缺失',
      description: '政府信息公开专栏缺少政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报四个子栏目之一（全国包）。',
      source: '《中华人民共和国政府信息公开条例》（2019）；国办公开办函〔2019〕61号',
      fix: '在“政府信息公开”专栏下按统一名称增设缺失的子栏目并发布相应内容。',
    },
    messages: {
      missing: '政府信息公开专栏缺少“{column}”栏目，请按规定增设并发布内容',
    },
    options: z
      .object({ required: z.array(z.string()).default(REQUIRED) })
      .strict()
      .default({ required: REQUIRED }),
    owner: ['办公室'],
  },
  check(ctx) {
    for (const name of ctx.options.required) {
      if (ctx.site.columns.byCanonical(name).length > 0) continue;
      ctx.report({
        messageId: 'missing',
        data: { column: name },
        url: ctx.site.startUrl || ctx.siteUrl,
        key: name,
        column: name,
        evidence: { column: name, ...(ctx.site.columns.hubUrl ? { hubUrl: ctx.site.columns.hubUrl } : {}) },
      });
    }
  },
});
