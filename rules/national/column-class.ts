// Update-frequency classes of columns for the 栏目不更新 indicator: 动态/要闻 are expected every 2 weeks,
// 通知公告/政策文件 every 6 months (both counted towards the one-strike item), and slower columns such as 人事,
// 规划计划, 财政, 统计 and the 信息公开目录 once a year (commercial monitors' practice).
import type { Column } from '../site-model.js';

export type ColumnClass = 'news' | 'notice' | 'yearly';

const CLASS_PATTERNS: readonly (readonly [ColumnClass, RegExp])[] = [
  ['news', /动态|要闻|新闻|资讯|快讯|工作信息|图片报道/],
  ['notice', /通知|公告|公示|政策文件|政策解读|解读回应|规范性文件|文件发布|政策法规/],
  ['yearly', /人事|任免|招聘|规划|计划|财政|预决算|预算|决算|统计|信息公开目录|法定主动公开|机构|领导/],
];

export const COLUMN_CLASS_LABEL_ZH: Record<ColumnClass, string> = {
  news: '动态要闻类',
  notice: '通知公告及政策文件类',
  yearly: '人事、规划、财政、统计等类',
};

/** Class of a column by its canonical name first, then its label; undefined when it has no update duty here. */
export function columnClass(column: Pick<Column, 'name' | 'canonical'>): ColumnClass | undefined {
  for (const text of [column.canonical, column.name]) {
    if (!text) continue;
    // The annual report column is judged by disclosure/annual-report-missing, not by freshness.
    if (/年报|年度报告|指南|制度/.test(text)) return undefined;
    for (const [cls, re] of CLASS_PATTERNS) if (re.test(text)) return cls;
  }
  return undefined;
}

/** Columns de-duplicated by first list page (a column reached from the nav and the hub appears once). */
export function uniqueColumns(columns: readonly Column[]): Column[] {
  const seen = new Set<string>();
  return columns.filter((c) => (seen.has(c.url) ? false : (seen.add(c.url), true)));
}

/** Newest dated entry not after asOf (future dates are ignored as forged or mistyped). */
export function newestEntryDate(column: Pick<Column, 'entries'>, asOf: string): string | undefined {
  let newest: string | undefined;
  for (const e of column.entries) {
    if (e.date && e.date <= asOf && (!newest || e.date > newest)) newest = e.date;
  }
  return newest;
}
