// The 好差评 column must publish evaluation figures (评价数量, 好评率, 差评整改) regularly.
import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { displayName, sourceOf } from './seed.js';
import { ownerFor, publishDate } from './documents.js';
import { isDate, newestDate, subtractMonths } from './dates.js';

const GOODBAD = '政务服务"好差评"';
// Figures, not just the words: a count or a rate next to 评价/好评/差评/满意.
const FIGURES = [
  /好评率\s*(为|达到?|是|约)?\s*[:：]?\s*\d+(\.\d+)?\s*[%％]/,
  /满意(率|度)\s*(为|达到?|是)?\s*[:：]?\s*\d+(\.\d+)?\s*[%％]/,
  /(评价|评议)(总)?(数量?|量|总数|次数|件数|人次)\s*(为|共|达到?|是)?\s*[:：]?\s*\d+/,
  /(收到|接收|收集|产生|共有?)\s*(评价|评议)\s*\d+/,
  /\d+\s*(条|次|件|人次|个)\s*(评价|好评|差评|非常满意|满意|不满意)/,
  /(好评|差评|非常满意|满意|基本满意|不满意|非常不满意)\s*[:：]?\s*\d+\s*(条|次|件|人次|个)/,
];

export function hasEvaluationFigures(text: string): boolean {
  return FIGURES.some((re) => re.test(text));
}

export const goodbadDataMissing = defineRule({
  meta: {
    id: 'goodbad/data-missing',
    scope: 'site',
    severity: 'moderate',
    tags: ['goodbad', 'service', 'jl-jtt-2022'],
    docs: {
      title: '好差评数据未公开',
      description: '政务服务“好差评”栏目在最近 3 个月内（选项 months）没有发布含评价数量、好评率（满意率）等数字的信息。',
      source: `${sourceOf('十')}（及时公开评价数量、好评率、热评事项和差评整改情况等信息）`,
      fix: '按月（至少按季度）在“好差评”栏目公开评价数量、好评率、热评事项和差评整改情况。',
    },
    messages: {
      missing: '“{column}”栏目近 {months} 个月没有公开评价数量、好评率等数据，请及时发布评价数量、好评率、热评事项和差评整改情况',
    },
    options: z.object({ months: z.number().int().positive().default(3) }).strict(),
    owner: ['审批办'],
  },
  check(ctx) {
    const columns = ctx.site.columns.byCanonical(GOODBAD);
    if (columns.length === 0) return; // column/missing reports the absent column
    const since = subtractMonths(ctx.asOf, ctx.options.months);
    let checked = 0;
    for (const column of columns) {
      for (const entry of column.entries) {
        const page = ctx.site.pageByUrl(entry.url);
        const date = entry.date ?? (page ? publishDate(page) : undefined);
        if (!isDate(date) || date < since || date > ctx.asOf) continue;
        checked++;
        if (hasEvaluationFigures(entry.title)) return;
        if (page && page.status < 400 && hasEvaluationFigures(page.bodyText)) return;
      }
    }
    const column = columns[0];
    const newest = newestDate(columns.flatMap((c) => c.entries));
    ctx.report({
      messageId: 'missing',
      data: { column: displayName(column.name), months: ctx.options.months },
      url: column.url,
      column: GOODBAD,
      owner: ownerFor(ctx.site, GOODBAD, '审批办'),
      evidence: { column: GOODBAD, since, recentEntries: checked, ...(newest ? { newest } : {}) },
    });
  },
});
