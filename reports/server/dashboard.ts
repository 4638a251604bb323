// The supervisor dashboard at `/`: sites, their latest verdict, a trend chart and every audit with its report.
// Server-rendered, every value escaped, no script.
import { SEVERITIES, SEVERITY_LABEL_ZH } from '../audit-schema.js';
import type { AuditRow, HistoryStore } from '../history/history-store.js';
import { escapeHtml as e, safeHref } from '../render/escape.js';
import { SEVERITY_COLOR } from '../render/html-report.js';
import { trendChart } from '../render/svg-charts.js';
import { shanghaiDateTime } from '../time.js';

export function renderDashboard(store: HistoryStore, tokenQuery: string): string {
  const q = tokenQuery ? `?token=${encodeURIComponent(tokenQuery)}` : '';
  const sites = store.sites();
  const blocks = sites
    .map((latest) => {
      const audits = store.listAudits(latest.site);
      const trend = [...audits].reverse();
      const chart =
        trend.length > 1
          ? trendChart(
              trend.map((t) => t.asOf),
              [{ name: '问题总数', color: '#37474f', values: trend.map((t) => t.total) }, ...SEVERITIES.slice(0, 2).map((s) => ({ name: SEVERITY_LABEL_ZH[s], color: SEVERITY_COLOR[s], values: trend.map((t) => t.bySeverity[s]) }))],
              { title: '问题数趋势', height: 170 },
            )
          : '';
      const rows = audits.map((a) => auditRow(a, q)).join('');
      const href = safeHref(latest.site);
      return `<section><h2>${href ? `<a href="${e(href)}" target="_blank" rel="noopener noreferrer">${e(latest.site)}</a>` : e(latest.site)}</h2>
<p>最近审计：${e(latest.asOf)}，结论：${latest.pass === undefined ? '—' : latest.pass ? '<b class="ok">合格</b>' : '<b class="bad">不合格</b>'}${latest.score !== undefined ? `，得分 ${e(latest.score)}` : ''}，问题 ${latest.total} 条（${SEVERITIES.map((s) => `${e(SEVERITY_LABEL_ZH[s])} ${latest.bySeverity[s]}`).join('，')}）</p>
${chart}<table><thead><tr><th>检查基准日</th><th>审计时间</th><th>页面数</th><th>问题数</th><th>结论</th><th>报告</th></tr></thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>公开 · 网站审计监管看板</title>
<style>body{margin:0;font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;background:#f4f5f7;color:#222;font-size:14px}
header{background:#8b1a1a;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}main{max-width:1080px;margin:0 auto;padding:20px}
section{background:#fff;border:1px solid #e1e3e6;border-radius:6px;padding:14px 18px;margin-bottom:16px}h2{font-size:17px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #dcdfe3;padding:4px 8px;text-align:left}th{background:#f0f2f5}
.ok{color:#2e7d32}.bad{color:#b71c1c}svg{max-width:640px}</style></head><body>
<header><h1>政府网站内容审计 · 监管看板</h1><div>共 ${sites.length} 个网站</div></header><main>
${sites.length ? blocks : '<section><p>尚无审计记录。运行 <code>gongkai audit &lt;网址&gt;</code> 或 <code>gongkai report findings.json</code> 后刷新本页。</p></section>'}
</main></body></html>`;
}

function auditRow(a: AuditRow, q: string): string {
  const id = encodeURIComponent(a.id);
  return `<tr><td>${e(a.asOf)}</td><td>${e(shanghaiDateTime(a.startedAt))}</td><td>${a.pages}</td><td>${a.total}</td><td>${a.pass === undefined ? '—' : a.pass ? '合格' : '不合格'}</td><td><a href="/api/audits/${e(id)}/report.html${e(q)}">查看报告</a> · <a href="/api/audits/${e(id)}/findings.json${e(q)}">findings.json</a></td></tr>`;
}
