// Procurement intentions (采购意向) must be published ahead of procurement; none in a year means the practice stopped.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { displayName, sourceOf } from './seed.js';
import { ownerFor, publishDate } from './documents.js';
import { isDate, newestDate, subtractMonths } from './dates.js';

export const procurementIntentionMissing = defineRule({
  meta: {
    id: 'procurement/intention-missing',
    scope: 'site',
    severity: 'moderate',
    tags: ['procurement', 'finance', 'jl-jtt-2022'],
    docs: {
      title: '政府采购意向未公开',
      description: '政府采购栏目（含“采购意向”子栏目）在最近 12 个月内（选项 months）没有发布采购意向信息。',
      source: `${sourceOf('六')}（继续推进政府采购意向公开）`,
      fix: '在采购活动开始前（一般不晚于 30 日）于“采购意向”栏目公开采购项目名称、需求概况、预算金额和预计采购时间。',
    },
    messages: {
      missing: '“{column}”栏目近 {months} 个月没有发布采购意向，请在采购活动开始前公开采购意向',
    },
    options: z.object({ months: z.number().int().positive().default(12) }).strict(),
    owner: ['财务处'],
  },
  check(ctx) {
    const intention = ctx.site.columns.byCanonical('采购意向');
    const procurement = ctx.site.columns.byCanonical('政府采购');
    if (intention.length === 0 && procurement.length === 0) return; // column/missing reports it
    const since = subtractMonths(ctx.asOf, ctx.options.months);
    const candidates = [
      ...intention.flatMap((c) => c.entries),
      ...procurement.flatMap((c) => c.entries).filter((e) => /采购意向/.test(e.title)),
    ];
    for (const entry of candidates) {
      const page = ctx.site.pageByUrl(entry.url);
      const date = entry.date ?? (page ? publishDate(page) : undefined);
      if (isDate(date) && date >= since && date <= ctx.asOf) return;
    }
    const column = intention[0] ?? procurement[0];
    const newest = newestDate(candidates);
    ctx.report({
      messageId: 'missing',
      data: { column: displayName(column.name), months: ctx.options.months },
      url: column.url,
      column: column.canonical ?? column.name,
      owner: ownerFor(ctx.site, '政府采购', '财务处'),
      evidence: { column: column.canonical ?? column.name, since, intentions: candidates.length, ...(newest ? { newest } : {}) },
    });
  },
});
