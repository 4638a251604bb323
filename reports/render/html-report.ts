// report.html: one self-contained zh-CN file (inline CSS, SVG charts, a tiny filter script; no network), a pure
// function of the audit and the optional history context. Every value goes through escapeHtml; the script only
// toggles `hidden` and sets textContent. A CSP with the script's hash blocks anything that escaped escaping.
import { createHash } from 'node:crypto';
import { SEVERITIES, SEVERITY_LABEL_ZH, type AuditResult, type Finding, type Severity } from '../audit-schema.js';
import type { HistoryContext } from '../history/history-context.js';
import { escapeHtml as e, safeEvidencePath, safeHref } from './escape.js';
import { ACCOUNT_STATUS_ZH, PLATFORM_LABEL_ZH, familyLabel, ruleFamily, ruleFix, ruleTitle } from './labels.js';
import { columnOf, countBy, lifecycleLabels, ownerOf, summarize } from './summary.js';
import { barChart, trendChart } from './svg-charts.js';
import { shanghaiDateTime } from '../time.js';

export interface HtmlReportOptions {
  history?: HistoryContext;
  /** Page url → evidence screenshot path relative to the report (evidence/<hash>.png). */
  screenshots?: Record<string, string>;
}

export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#b71c1c',
  serious: '#e65100',
  moderate: '#c79100',
  minor: '#607d8b',
};

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;color:#222;background:#f4f5f7;line-height:1.6;font-size:14px}
main{max-width:1080px;margin:0 auto;padding:24px}
header.top{background:#8b1a1a;color:#fff;padding:20px 24px}
header.top h1{margin:0 0 6px;font-size:24px;letter-spacing:2px}
header.top .meta{font-size:13px;opacity:.92}
header.top .meta span{margin-right:18px;display:inline-block}
section{background:#fff;border:1px solid #e1e3e6;border-radius:6px;padding:16px 20px;margin:0 0 18px}
h2{font-size:18px;margin:0 0 12px;padding-left:10px;border-left:4px solid #8b1a1a}
h3{font-size:16px;margin:14px 0 8px}
h4{font-size:14px;margin:10px 0 6px;color:#444}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #dcdfe3;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
.verdict{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
.badge{font-size:30px;font-weight:700;padding:10px 26px;border-radius:6px;color:#fff;letter-spacing:6px}
.badge.pass{background:#2e7d32}.badge.fail{background:#b71c1c}
.score{font-size:14px;margin-top:8px}.score b{font-size:26px}
.vetoes{list-style:none;padding-left:0}.vetoes li.fired{color:#b71c1c;font-weight:600}.vetoes li{margin:2px 0}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:10px;margin-bottom:14px}
.card{border-radius:6px;padding:10px;color:#fff;text-align:center}
.card b{display:block;font-size:24px}
.card.total{background:#37474f}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.charts figure{margin:0}.charts figcaption{font-weight:600;font-size:13px;margin-bottom:4px}
.delta{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-bottom:10px}
.delta div{border:1px solid #dcdfe3;border-radius:6px;padding:8px;text-align:center}.delta b{display:block;font-size:22px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;position:sticky;top:0;background:#fff;padding:8px 0;z-index:2;border-bottom:1px solid #eee;margin-bottom:8px}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid #bbb;border-radius:4px}
.filters input{flex:1;min-width:180px}
.count{color:#555;font-size:13px}
article.finding{border:1px solid #e3e5e8;border-left:4px solid #999;border-radius:4px;padding:8px 12px;margin:6px 0;page-break-inside:avoid;break-inside:avoid}
article.finding .msg{font-weight:600;word-break:break-all}
article.finding dl{display:grid;grid-template-columns:5.5em 1fr;gap:2px 8px;margin:6px 0 0;font-size:12.5px}
article.finding dt{color:#666}article.finding dd{margin:0;word-break:break-all}
article.finding code{font-family:Consolas,'Courier New',monospace;font-size:12px;background:#f5f5f5;padding:0 3px}
article.finding img.shot{max-width:100%;max-height:320px;border:1px solid #ccc;margin-top:6px}
.sev{display:inline-block;color:#fff;border-radius:3px;padding:0 6px;font-size:12px;margin-right:6px;font-weight:400}
.waived article.finding{opacity:.75;border-left-color:#9e9e9e}
.note{color:#666;font-size:12.5px}
footer{color:#777;font-size:12px;text-align:center;padding:8px 0 24px}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{background:#fff;font-size:11pt}
  main{max-width:none;padding:0}
  header.top{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  section{border:none;padding:0 0 10px;break-inside:auto}
  .filters{display:none}
  .badge,.card,.sev,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:#222;text-decoration:none}
  h2{break-after:avoid}
}
@media (max-width:760px){.charts{grid-template-columns:1fr}.cards{grid-template-columns:repeat(2,1fr)}}
`;

const SCRIPT = `(function(){
var sev=document.getElementById('f-severity'),off=document.getElementById('f-office'),rule=document.getElementById('f-rule'),q=document.getElementById('f-search'),counter=document.getElementById('f-count');
if(!sev||!off||!rule||!q||!counter)return;
var items=Array.prototype.slice.call(document.querySelectorAll('#findings article.finding'));
function apply(){
var s=sev.value,o=off.value,r=rule.value,t=q.value.trim().toLowerCase(),shown=0;
items.forEach(function(el){
var ok=(!s||el.getAttribute('data-severity')===s)&&(!o||el.getAttribute('data-office')===o)&&(!r||el.getAttribute('data-rule')===r)&&(!t||el.textContent.toLowerCase().indexOf(t)>=0);
el.hidden=!ok;if(ok)shown++;});
Array.prototype.forEach.call(document.querySelectorAll('#findings .rule-group,#findings .office-group'),function(g){g.hidden=!g.querySelector('article.finding:not([hidden])');});
counter.textContent='显示 '+shown+' / '+items.length+' 条';}
[sev,off,rule].forEach(function(el){el.addEventListener('change',apply);});
q.addEventListener('input',apply);apply();})();`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT, 'utf8').digest('base64');

function sevBadge(s: Severity): string {
  return `<span class="sev" style="background:${SEVERITY_COLOR[s]}">${e(SEVERITY_LABEL_ZH[s])}</span>`;
}

function link(url: string | undefined, text?: string): string {
  if (!url) return '';
  const href = safeHref(url);
  return href ? `<a href="${e(href)}" target="_blank" rel="noopener noreferrer">${e(text ?? url)}</a>` : `<code>${e(text ?? url)}</code>`;
}

function evidenceText(f: Finding): string {
  const entries = Object.entries(f.evidence ?? {}).filter(([k]) => k !== 'screenshot');
  if (entries.length === 0) return '';
  return entries
    .map(([k, v]) => `<code>${e(k)}</code>：${e(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('；');
}

export function screenshotOf(f: Finding, screenshots?: Record<string, string>): string | undefined {
  return safeEvidencePath(screenshots?.[f.url]) ?? safeEvidencePath(f.evidence?.screenshot);
}

function findingHtml(audit: AuditResult, f: Finding, opts: HtmlReportOptions, lifecycle?: string): string {
  const shot = screenshotOf(f, opts.screenshots);
  const ev = evidenceText(f);
  const rows: string[] = [
    `<dt>页面</dt><dd>${link(f.url)}</dd>`,
    `<dt>规则</dt><dd>${e(ruleTitle(audit, f.rule))}（<code>${e(f.rule)}</code>）</dd>`,
    `<dt>栏目</dt><dd>${e(columnOf(f))}</dd>`,
  ];
  if (f.source) rows.push(`<dt>来源</dt><dd>${e(f.source)}</dd>`);
  if (f.target) rows.push(`<dt>目标</dt><dd>${link(f.target)}</dd>`);
  if (f.selector) rows.push(`<dt>元素</dt><dd><code>${e(f.selector)}</code></dd>`);
  if (ev) rows.push(`<dt>证据</dt><dd>${ev}</dd>`);
  rows.push(`<dt>整改要求</dt><dd>${e(ruleFix(audit, f.rule))}</dd>`);
  if (lifecycle) rows.push(`<dt>状态</dt><dd>${e(lifecycle)}</dd>`);
  rows.push(`<dt>编号</dt><dd><code>${e(f.id)}</code></dd>`);
  if (shot) rows.push(`<dt>截图</dt><dd><a href="${e(shot)}" target="_blank"><img class="shot" src="${e(shot)}" alt="页面截图" loading="lazy"></a></dd>`);
  return (
    `<article class="finding" style="border-left-color:${SEVERITY_COLOR[f.severity]}" data-id="${e(f.id)}" data-severity="${e(f.severity)}" data-office="${e(ownerOf(f))}" data-rule="${e(f.rule)}">` +
    `<div class="msg">${sevBadge(f.severity)}${e(f.message)}</div><dl>${rows.join('')}</dl></article>`
  );
}

/** The findings grouped by office, then rule: one chunk per finding, so the list need not be one string. */
function* groupedFindings(audit: AuditResult, findings: Finding[], opts: HtmlReportOptions): Generator<string, void> {
  const lifecycleOf = lifecycleLabels(opts.history);
  for (const { key: office, count } of countBy(findings, ownerOf)) {
    const mine = findings.filter((f) => ownerOf(f) === office);
    yield `<section class="office-group" data-office="${e(office)}"><h3>${e(office)}（${count} 条）</h3>`;
    for (const { key: rule, count: n } of countBy(mine, (f) => f.rule)) {
      yield `<div class="rule-group" data-rule="${e(rule)}"><h4>${e(ruleTitle(audit, rule))}（${n}）</h4>`;
      for (const f of mine) if (f.rule === rule) yield findingHtml(audit, f, opts, lifecycleOf.get(f.id));
      yield '</div>';
    }
    yield '</section>';
  }
}

function verdictHtml(audit: AuditResult): string {
  const v = audit.verdict;
  if (!v) return `<section id="verdict"><h2>检查结论</h2><p class="note">本次审计未生成检查结论（未启用评分规则）。</p></section>`;
  const fired = v.vetoes.filter((x) => x.fired);
  const vetoes = [...fired, ...v.vetoes.filter((x) => !x.fired)]
    .map(
      (x) =>
        `<li class="${x.fired ? 'fired' : ''}">${x.fired ? '✗ 触发' : '✓ 未触发'}：${e(x.title)}${x.detail ? `（${e(x.detail)}）` : ''}</li>`,
    )
    .join('');
  const deductionsTotal = v.deductions.reduce((s, d) => s + d.points, 0);
  const deductions = v.deductions.length
    ? `<table><thead><tr><th>扣分项</th><th class="num">问题数</th><th class="num">扣分</th></tr></thead><tbody>${v.deductions
        .map((d) => `<tr><td>${e(d.title)}</td><td class="num">${e(d.count)}</td><td class="num">${e(fmt(d.points))}</td></tr>`)
        .join('')}<tr><th>合计</th><th></th><th class="num">${e(fmt(deductionsTotal))}</th></tr></tbody></table>`
    : '<p class="note">无扣分项。</p>';
  return `<section id="verdict"><h2>检查结论（依据国办秘函〔2019〕19号）</h2><div class="verdict">
<div><div class="badge ${v.pass ? 'pass' : 'fail'}">${v.pass ? '合格' : '不合格'}</div><div class="score">得分 <b>${e(fmt(v.score))}</b> 分</div></div>
<div style="flex:1;min-width:260px"><h3>单项否决指标</h3>${fired.length ? `<p><b style="color:#b71c1c">触发单项否决 ${fired.length} 项：${e(fired.map((x) => x.title).join('、'))}</b></p>` : '<p>未触发单项否决指标。</p>'}<ul class="vetoes">${vetoes}</ul></div>
<div style="flex:1;min-width:260px"><h3>扣分指标</h3>${deductions}</div></div></section>`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function trendHtml(h: HistoryContext | undefined): string {
  if (!h || h.trend.length === 0) return '';
  const labels = h.trend.map((t) => t.asOf);
  const series = [
    { name: '问题总数', color: '#37474f', values: h.trend.map((t) => t.total) },
    ...SEVERITIES.map((s) => ({ name: SEVERITY_LABEL_ZH[s], color: SEVERITY_COLOR[s], values: h.trend.map((t) => t.bySeverity[s] ?? 0) })),
  ];
  const rows = h.trend
    .map(
      (t) =>
        `<tr><td>${e(t.asOf)}</td><td><code>${e(t.auditId)}</code></td><td class="num">${t.total}</td>${SEVERITIES.map((s) => `<td class="num">${t.bySeverity[s] ?? 0}</td>`).join('')}<td class="num">${t.score === undefined ? '—' : e(fmt(t.score))}</td><td>${t.pass === undefined ? '—' : t.pass ? '合格' : '不合格'}</td></tr>`,
    )
    .join('');
  return `<section id="trend"><h2>历次审计趋势</h2>${trendChart(labels, series, { title: '历次审计问题数趋势' })}
<table><thead><tr><th>审计日期</th><th>审计编号</th><th class="num">问题数</th>${SEVERITIES.map((s) => `<th class="num">${e(SEVERITY_LABEL_ZH[s])}</th>`).join('')}<th class="num">得分</th><th>结论</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function deltaHtml(audit: AuditResult, h: HistoryContext | undefined): string {
  const d = h?.delta;
  if (!d) return '';
  const fixed = d.fixed.length
    ? `<h3>已整改问题（上次存在、本次未再发现）</h3><table><thead><tr><th>严重程度</th><th>问题</th><th>页面</th><th>处室</th></tr></thead><tbody>${d.fixed
        .map((f) => `<tr><td>${sevBadge(f.severity)}</td><td>${e(f.message)}</td><td>${link(f.url)}</td><td>${e(ownerOf(f))}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  return `<section id="delta"><h2>与上次审计对比</h2><p class="note">对比对象：${e(d.previousAsOf)} 的审计（<code>${e(d.previousAuditId)}</code>）。</p>
<div class="delta"><div>新增<b>${d.new.length}</b></div><div>已整改<b>${d.fixed.length}</b></div><div>仍存在<b>${d.persisting.length}</b></div><div>复现<b>${d.reopened.length}</b></div></div>${fixed}</section>`;
}

function newMediaHtml(audit: AuditResult): string {
  const accounts = audit.newMedia?.accounts;
  if (!accounts) return '';
  const rows = accounts
    .map(
      (a) =>
        `<tr><td>${e(a.name)}</td><td>${e(PLATFORM_LABEL_ZH[a.platform] ?? a.platform)}</td><td>${e(a.owner ?? '—')}</td><td>${e(ACCOUNT_STATUS_ZH[a.status] ?? a.status)}</td><td>${e(a.lastPost?.date ?? '—')}</td><td>${a.lastPost?.title ? (a.lastPost.url ? link(a.lastPost.url, a.lastPost.title) : e(a.lastPost.title)) : '—'}</td><td class="num">${e(a.posts)}</td><td>${a.listedOnSite === undefined ? '—' : a.listedOnSite ? '是' : '否'}</td></tr>`,
    )
    .join('');
  return `<section id="newmedia"><h2>政务新媒体</h2><table><thead><tr><th>账号</th><th>平台</th><th>主管处室</th><th>状态</th><th>最近发布</th><th>最近内容</th><th class="num">近期发文</th><th>网站公布</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function columnsHtml(audit: AuditResult): string {
  if (!audit.columns?.length) return '';
  const rows = audit.columns
    .map(
      (c) =>
        `<tr><td>${c.url ? link(c.url, c.name) : e(c.name)}</td><td>${e(c.canonical ?? '—')}</td><td>${e(c.owner ?? '—')}</td><td class="num">${e(c.entries)}</td><td>${e(c.newest ?? '—')}</td></tr>`,
    )
    .join('');
  return `<details><summary>栏目清单（${audit.columns.length} 个）</summary><table><thead><tr><th>栏目</th><th>规范名称</th><th>责任处室</th><th class="num">信息条数</th><th>最新日期</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

export function renderHtmlReport(audit: AuditResult, opts: HtmlReportOptions = {}): string {
  return [...htmlReportChunks(audit, opts)].join('');
}

/** report.html in pieces (the page around the findings list, then one piece per finding), same text as renderHtmlReport. */
export function* htmlReportChunks(audit: AuditResult, opts: HtmlReportOptions = {}): Generator<string, void> {
  const sum = summarize(audit, opts.history);
  const a = audit.audit;
  const sevCards = SEVERITIES.map(
    (s) => `<div class="card" style="background:${SEVERITY_COLOR[s]}">${e(SEVERITY_LABEL_ZH[s])}<b>${sum.bySeverity[s]}</b></div>`,
  ).join('');
  const charts = `<div class="charts">
<figure><figcaption>按严重程度</figcaption>${barChart(SEVERITIES.map((s) => ({ label: SEVERITY_LABEL_ZH[s], value: sum.bySeverity[s], color: SEVERITY_COLOR[s] })), { title: '按严重程度统计' })}</figure>
<figure><figcaption>按责任处室</figcaption>${barChart(sum.byOwner.map((r) => ({ label: r.key, value: r.count, color: '#8b1a1a' })), { title: '按责任处室统计' })}</figure>
<figure><figcaption>按规则</figcaption>${barChart(sum.byRule.map((r) => ({ label: ruleTitle(audit, r.key), value: r.count })), { title: '按规则统计' })}</figure>
<figure><figcaption>按栏目</figcaption>${barChart(sum.byColumn.map((r) => ({ label: r.key, value: r.count, color: '#00796b' })), { title: '按栏目统计' })}</figure>
</div>`;
  const ownerTable = `<table><thead><tr><th>责任处室</th><th class="num">问题数</th>${SEVERITIES.map((s) => `<th class="num">${e(SEVERITY_LABEL_ZH[s])}</th>`).join('')}</tr></thead><tbody>${sum.byOwner
    .map((r) => {
      const mine = sum.open.filter((f) => ownerOf(f) === r.key);
      return `<tr><td>${e(r.key)}</td><td class="num">${r.count}</td>${SEVERITIES.map((s) => `<td class="num">${mine.filter((f) => f.severity === s).length}</td>`).join('')}</tr>`;
    })
    .join('')}</tbody></table>`;
  const familyLine = sum.byFamily.map((r) => `${e(familyLabel(r.key))} ${r.count}`).join('，');
  const option = (value: string, label: string) => `<option value="${e(value)}">${e(label)}</option>`;
  const filters = `<div class="filters" role="search">
<select id="f-severity" aria-label="严重程度"><option value="">全部严重程度</option>${SEVERITIES.map((s) => option(s, SEVERITY_LABEL_ZH[s])).join('')}</select>
<select id="f-office" aria-label="责任处室"><option value="">全部处室</option>${sum.byOwner.map((r) => option(r.key, `${r.key}（${r.count}）`)).join('')}</select>
<select id="f-rule" aria-label="规则"><option value="">全部规则</option>${sum.byRule.map((r) => option(r.key, `${ruleTitle(audit, r.key)}（${r.count}）`)).join('')}</select>
<input id="f-search" type="search" placeholder="搜索问题、页面、栏目……" aria-label="搜索">
<span class="count" id="f-count"></span></div>`;
  const waived = sum.waived.length
    ? `<section id="waived" class="waived"><h2>已豁免问题（${sum.waived.length} 条，不计入统计）</h2>${sum.waived
        .map((f) => {
          const w = opts.history?.waivers.find((x) => x.findingId === f.id);
          const note = w ? `<p class="note">豁免理由：${e(w.reason)}；批准人：${e(w.by ?? '—')}；有效期至 ${e(w.until)}</p>` : '';
          return findingHtml(audit, f, {}, undefined).replace('</article>', `${note}</article>`);
        })
        .join('')}</section>`
    : '';
  const errors = audit.errors.length
    ? `<section id="errors"><h2>规则运行异常（${audit.errors.length}）</h2><p class="note">以下规则运行出错，相关检查结果可能不完整。</p><table><thead><tr><th>规则</th><th>页面</th><th>错误</th></tr></thead><tbody>${audit.errors
        .map((x) => `<tr><td><code>${e(x.rule)}</code></td><td>${link(x.url)}</td><td>${e(x.message)}</td></tr>`)
        .join('')}</tbody></table></section>`
    : '';
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: file:; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;
  yield `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>网站内容审计报告 — ${e(a.site)}（${e(a.asOf)}）</title>
<style>${CSS}</style></head>
<body>
<header class="top"><h1>政府网站内容审计报告</h1><div class="meta"><span>网站：${e(a.site)}</span><span>检查基准日：${e(a.asOf)}</span><span>审计时间：${e(shanghaiDateTime(a.startedAt))} 至 ${e(shanghaiDateTime(a.finishedAt))}</span><span>抓取页面：${e(a.pagesCrawled)} 个</span>${a.linksChecked !== undefined ? `<span>检查链接：${e(a.linksChecked)} 个</span>` : ''}<span>规则包：${e(a.rulePacks.join('、'))}</span><span>审计编号：${e(a.id)}</span></div></header>
<main>
${a.truncated ? '<section class="note"><b>注意：</b>本次抓取因达到页面数或时间上限而提前结束，结果可能不完整。</section>' : ''}
${verdictHtml(audit)}
<section id="counts"><h2>问题统计</h2><div class="cards"><div class="card total">问题总数<b>${sum.total}</b></div>${sevCards}</div>
<p class="note">按规则类别：${familyLine || '无'}${sum.waived.length ? `；另有已豁免问题 ${sum.waived.length} 条` : ''}。</p>
${charts}<h3>各处室问题分布</h3>${ownerTable}${columnsHtml(audit)}</section>
${trendHtml(opts.history)}
${deltaHtml(audit, opts.history)}
${newMediaHtml(audit)}
<section id="findings"><h2>问题清单（按责任处室、规则分组）</h2>${filters}`;
  if (sum.open.length) yield* groupedFindings(audit, sum.open, opts);
  else yield '<p>未发现问题。</p>';
  yield `</section>
${waived}
${errors}
</main>
<footer>由 公开（Gongkai）${e(audit.tool.version)} 生成 · 报告仅依据审计结果文件 findings.json（版本 ${e(audit.schemaVersion)}）</footer>
<script>${SCRIPT}</script>
</body></html>
`;
}

export { ruleFamily };
