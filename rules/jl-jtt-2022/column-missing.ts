// The columns the 2022 要点 requires on the department's site (政策文件 … 政务新媒体, 政府采购 with its four
// sub-columns). The national pack's column/missing covers the statutory 政府信息公开 sub-columns.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { displayName, REQUIRED_COLUMNS, SOURCE_DOC, sourceOf } from './seed.js';
import { ownerFor } from './documents.js';

const DEFAULT_REQUIRED = REQUIRED_COLUMNS.map((c) => c.column);

export const columnMissing = defineRule({
  meta: {
    id: 'column/missing',
    scope: 'site',
    severity: 'serious',
    tags: ['column', 'jl-jtt-2022'],
    docs: {
      title: '要点要求的栏目缺失',
      description:
        '网站未设置2022年政务公开工作要点要求的栏目：政策文件、政策解读、规范性文件（现行有效行政规范性文件库）、财政预决算、政府采购（含采购意向、采购文件、采购结果、采购合同）、重大建设项目、双随机一公开、权责清单、政务服务“好差评”、依申请公开、政务新媒体。栏目按名称同义词识别，识别不到的可在配置 columns 中按网址前缀指定。',
      source: `${SOURCE_DOC}第（一）（四）（六）（七）（八）（十）（十一）（十三）（十四）项`,
      fix: '在网站（政府信息公开专栏）中增设缺失的栏目并发布相应内容；已有栏目但名称不同的，在配置 columns 中按网址前缀映射。',
    },
    messages: {
      missing: '网站缺少“{column}”栏目（{source}要求），请增设该栏目并发布相应信息',
    },
    options: z.object({ required: z.array(z.string().min(1)).default(DEFAULT_REQUIRED) }).strict(),
    owner: ['办公室'],
  },
  check(ctx) {
    for (const column of ctx.options.required) {
      if (ctx.site.columns.byCanonical(column).length > 0) continue;
      const seed = REQUIRED_COLUMNS.find((c) => c.column === column);
      const source = seed ? sourceOf(seed.item) : SOURCE_DOC;
      ctx.report({
        messageId: 'missing',
        data: { column: displayName(column), source },
        url: ctx.site.startUrl || ctx.siteUrl,
        // key, not target: the demo's and reports' convention keeps target for link rules.
        key: column,
        column,
        owner: ownerFor(ctx.site, column, seed?.owner ?? '办公室'),
        evidence: { column, ...(ctx.site.columns.hubUrl ? { hubUrl: ctx.site.columns.hubUrl } : {}) },
        source,
      });
    }
  },
});
