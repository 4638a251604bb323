// report.csv: UTF-8 with BOM (so Excel shows Chinese), RFC 4180 quoting, and formula-injection guarding.
import { SEVERITY_LABEL_ZH, type AuditResult } from '../audit-schema.js';
import type { HistoryContext } from '../history/history-context.js';
import { familyLabel, ruleFamily, ruleFix, ruleTitle } from './labels.js';
import { columnOf, lifecycleLabels, ownerOf, sortFindings, waivedIds } from './summary.js';

export const CSV_BOM = '\uFEFF';

export const CSV_HEADER = ['序号', '编号', '严重程度', '规则类别', '规则', '规则名称', '问题', '页面', '栏目', '责任处室', '元素选择器', '目标', '证据', '整改要求', '状态', '截图', '与上次审计相比'];

/** Quote a cell; a leading = + - @ (or tab/CR) is prefixed with ' so spreadsheets never evaluate page text. */
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type CsvReportOptions = { history?: HistoryContext; screenshots?: Record<string, string> };

export function renderCsv(audit: AuditResult, opts: CsvReportOptions = {}): string {
  return [...csvChunks(audit, opts)].join('');
}

/** report.csv line by line (header with the BOM first), so a large report can be written without one big string. */
export function* csvChunks(audit: AuditResult, opts: CsvReportOptions = {}): Generator<string, void> {
  const waived = waivedIds(opts.history);
  const changes = lifecycleLabels(opts.history);
  yield CSV_BOM + CSV_HEADER.map(csvCell).join(',') + '\r\n';
  for (const [i, f] of sortFindings(audit.findings).entries()) {
    const row = [
      i + 1,
      f.id,
      SEVERITY_LABEL_ZH[f.severity],
      familyLabel(ruleFamily(f.rule)),
      f.rule,
      ruleTitle(audit, f.rule),
      f.message,
      f.url,
      columnOf(f),
      ownerOf(f),
      f.selector ?? '',
      f.target ?? '',
      Object.keys(f.evidence ?? {}).length ? f.evidence : '',
      ruleFix(audit, f.rule),
      waived.has(f.id) ? '已豁免' : '待整改',
      opts.screenshots?.[f.url] ?? '',
      changes.get(f.id) ?? '',
    ];
    yield row.map(csvCell).join(',') + '\r\n';
  }
}
