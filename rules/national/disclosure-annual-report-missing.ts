import { z } from 'zod';
import { defineRule } from '../define-rule.js';

const DIGITS_ZH = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2021 → [2021, 二〇二一, 二○二一, 二零二一]. */
function yearForms(year: number): string[] {
  const zh = String(year)
    .split('')
    .map((d) => DIGITS_ZH[Number(d)])
    .join('');
  return [String(year), zh, zh.replace(/〇/g, '○'), zh.replace(/〇/g, '零')];
}

const REPORT_TITLE = /年报|年度报告/;
const DISCLOSURE = /信息公开|政务公开/;

export const disclosureAnnualReportMissing = defineRule({
  meta: {
    id: 'disclosure/annual-report-missing',
    scope: 'site',
    severity: 'serious',
    tags: ['disclosure', 'national'],
    docs: {
      title: '未按期发布政府信息公开年报',
      description: '检查日在当年1月31日之后，但网站（政府信息公开年报栏目或任何页面）找不到上一年度的政府信息公开工作年度报告。',
      source: '《中华人民共和国政府信息公开条例》（2019）第四十九条、第五十条',
      fix: '在“政府信息公开年报”栏目发布上一年度政府信息公开工作年度报告（按国务院办公厅统一格式）。',
    },
    messages: {
      missing: '未找到{year}年度政府信息公开工作年度报告（应于{deadline}前发布），请在“政府信息公开年报”栏目发布',
    },
    options: z
      .object({ deadline: z.string().regex(/^\d{2}-\d{2}$/).default('01-31') })
      .strict()
      .default({ deadline: '01-31' }),
    owner: ['办公室'],
  },
  check(ctx) {
    const asOfYear = Number(ctx.asOf.slice(0, 4));
    if (ctx.asOf <= `${asOfYear}-${ctx.options.deadline}`) return;
    const year = asOfYear - 1;
    const forms = yearForms(year);
    const isReport = (title: string) => REPORT_TITLE.test(title) && forms.some((f) => title.includes(f));
    // Outside the 年报 column a title must name 政务公开/信息公开: a 统计年报 or 年度工作报告 is another report.
    const isDisclosureReport = (title: string) => isReport(title) && DISCLOSURE.test(title);
    const columns = ctx.site.columns.byCanonical('政府信息公开年报');
    const columnTitles = columns.flatMap((c) => c.entries.map((e) => e.title));
    const siteTitles = ctx.site.pages.flatMap((p) => [p.title, p.meta.ArticleTitle ?? '', ...p.listEntries.map((e) => e.title)]);
    if (columnTitles.some(isReport) || siteTitles.some(isDisclosureReport)) return;
    ctx.report({
      messageId: 'missing',
      data: { year, deadline: `${asOfYear}年${Number(ctx.options.deadline.slice(0, 2))}月${Number(ctx.options.deadline.slice(3))}日` },
      url: columns[0]?.url ?? (ctx.site.startUrl || ctx.siteUrl),
      key: String(year),
      column: '政府信息公开年报',
      evidence: { year, column: columns[0]?.name ?? null },
    });
  },
});
