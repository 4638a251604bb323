import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../reports/render/html-report.js';
import { CSV_BOM, csvCell, renderCsv } from '../../reports/render/csv-report.js';
import { buildWorkbook, RECTIFY_COLUMNS } from '../../reports/render/xlsx-report.js';
import { escapeHtml, safeHref } from '../../reports/render/escape.js';
import { sheetName } from '../../reports/render/sheet-name.js';
import { writeReports } from '../../reports/write-reports.js';
import type { HistoryContext } from '../../reports/history/history-context.js';
import { loadFixture } from './load-fixture.js';

const audit = loadFixture();

describe('escapeHtml', () => {
  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<script>alert(1)</script>"'&\``)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&#96;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(3)).toBe('3');
  });
  it('only lets http(s) links through', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('http://jtt.jl.gov.cn/a b')).toBe('http://jtt.jl.gov.cn/a%20b');
  });
});

describe('HTML report', () => {
  const html = renderHtmlReport(audit);
  it('shows the verdict, vetoes, deductions and score', () => {
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/class="badge fail">不合格</);
    expect(html).toContain('触发单项否决 2 项：严重表述错误、泄露个人隐私');
    expect(html).toContain('得分 <b>81.7</b> 分');
    expect(html).toContain('首页不可用链接');
  });
  it('counts by severity and office', () => {
    expect(html).toMatch(/问题总数<b>16<\/b>/);
    expect(html).toMatch(/严重<b>2<\/b>/);
    expect(html).toMatch(/较重<b>7<\/b>/);
    expect(html).toMatch(/一般<b>4<\/b>/);
    expect(html).toMatch(/轻微<b>3<\/b>/);
    for (const office of ['办公室', '法规处', '财务处', '综规处', '审批办', '未指定处室']) expect(html).toContain(`data-office="${office}"`);
    expect(html).toContain('<section class="office-group" data-office="法规处"><h3>法规处（3 条）</h3>');
  });
  it('charts counts by severity, office, rule and column as inline SVG', () => {
    for (const t of ['按严重程度统计', '按责任处室统计', '按规则统计', '按栏目统计']) expect(html).toContain(`aria-label="${t}"`);
    const ruleChart = html.slice(html.indexOf('aria-label="按规则统计"'), html.indexOf('</svg>', html.indexOf('aria-label="按规则统计"')));
    expect(ruleChart).toContain('链接不可访问');
    const columnChart = html.slice(html.indexOf('aria-label="按栏目统计"'), html.indexOf('</svg>', html.indexOf('aria-label="按栏目统计"')));
    expect(columnChart).toContain('行政规范性文件');
  });
  it('shows each finding with message, page link, evidence, fix and, for element findings, the selector', () => {
    const f = audit.findings.find((x) => x.rule === 'privacy/id-number')!;
    const start = html.indexOf(`data-id="${f.id}"`);
    const article = html.slice(start, html.indexOf('</article>', start));
    expect(article).toContain(escapeHtml(f.message));
    expect(article).toContain(`<a href="${escapeHtml(f.url)}" target="_blank" rel="noopener noreferrer">`);
    expect(article).toContain(`<dt>元素</dt><dd><code>${escapeHtml(f.selector!)}</code></dd>`);
    expect(article).toContain('<code>masked</code>');
    expect(article).toContain('<dt>整改要求</dt>');
    // a page-level finding has no selector row
    const col = audit.findings.find((x) => x.rule === 'column/stale')!;
    const s2 = html.indexOf(`data-id="${col.id}"`);
    expect(html.slice(s2, html.indexOf('</article>', s2))).not.toContain('<dt>元素</dt>');
  });
  it('escapes hostile values and never emits live markup from findings', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>在线访谈</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/href="javascript:/);
    // exactly one script element: the report's own filter
    expect(html.match(/<script>/g)?.length).toBe(1);
    expect(html).toMatch(/script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
  });
  it('has the new-media section, charts and no network references', () => {
    expect(html).toContain('<h2>政务新媒体</h2>');
    expect(html).toContain('吉林交通发布');
    expect(html).toContain('<svg class="chart"');
    expect(html).not.toMatch(/<link |src="https?:|@import/);
    expect(html).toContain("'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif");
    expect(html).toContain('size:A4');
  });
  it('shows trend, delta and waived findings apart when history is given', () => {
    const history: HistoryContext = {
      trend: [
        { auditId: 'a1', asOf: '2024-01-15', total: 20, bySeverity: { critical: 3, serious: 7, moderate: 6, minor: 4 }, score: 70 },
        { auditId: audit.audit.id, asOf: '2024-03-15', total: 16, bySeverity: { critical: 2, serious: 6, moderate: 4, minor: 4 }, score: 81.7 },
      ],
      delta: { previousAuditId: 'a1', previousAsOf: '2024-01-15', new: [audit.findings[0]!.id], persisting: [], reopened: [], fixed: [{ ...audit.findings[1]!, id: 'gone1', message: '旧问题已整改' }] },
      waivers: [{ findingId: audit.findings[14]!.id, reason: '栏目首页由系统生成，无法添加', by: '张三', until: '2024-12-31' }],
    };
    const h = renderHtmlReport(audit, { history });
    expect(h).toContain('<h2>历次审计趋势</h2>');
    expect(h).toContain('与上次审计对比');
    expect(h).toContain('已整改<b>1</b>');
    expect(h).toContain('旧问题已整改');
    expect(h).toContain('已豁免问题（1 条，不计入统计）');
    expect(h).toContain('栏目首页由系统生成');
    expect(h).toMatch(/问题总数<b>15<\/b>/);
  });
  it('embeds evidence screenshots only from the evidence folder', () => {
    const h = renderHtmlReport(audit, { screenshots: { [audit.findings[0]!.url]: 'evidence/0123456789abcdef.png', [audit.findings[1]!.url]: '../etc/passwd' } });
    expect(h).toContain('src="evidence/0123456789abcdef.png"');
    expect(h).not.toContain('passwd');
  });
});

describe('CSV report', () => {
  const csv = renderCsv(audit);
  it('starts with a BOM and a zh-CN header, one row per finding', () => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,编号,严重程度,规则类别,规则,规则名称,问题,页面,栏目,责任处室,元素选择器,目标,证据,整改要求,状态,截图,与上次审计相比');
    expect(lines).toHaveLength(17);
    expect(lines[1]).toContain('严重');
  });
  it('quotes and neutralises formulas', () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('行1\n行2')).toBe('"行1\n行2"');
    expect(csv).toContain('"div[title=""<script>alert(1)</script>""] > p"');
  });
});

describe('delta against the previous audit, per finding', () => {
  const [a, b, c] = audit.findings;
  const history: HistoryContext = {
    trend: [],
    delta: { previousAuditId: 'p', previousAsOf: '2024-01-15', new: [a!.id], persisting: [b!.id], reopened: [c!.id], fixed: [] },
    waivers: [],
  };
  it('CSV carries 新增 / 仍存在 / 复现', () => {
    const rows = renderCsv(audit, { history }).slice(1).trimEnd().split('\r\n');
    const change = (id: string) => rows.find((r) => r.includes(`,${id},`))!.split(',').at(-1);
    expect(change(a!.id)).toBe('新增');
    expect(change(b!.id)).toBe('仍存在');
    expect(change(c!.id)).toBe('复现');
    expect(renderCsv(audit).slice(1).split('\r\n')[1]!.endsWith(',')).toBe(true);
  });
  it('the Excel rectification list carries it too', () => {
    const wb = buildWorkbook(audit, { history });
    const col = RECTIFY_COLUMNS.indexOf('与上次审计相比') + 1;
    expect(col).toBeGreaterThan(0);
    const byMessage = new Map<string, unknown>();
    for (const ws of wb.worksheets.filter((w) => w.name.startsWith('整改清单-'))) {
      ws.eachRow((row, n) => {
        if (n > 1) byMessage.set(String(row.getCell(2).value), row.getCell(col).value);
      });
    }
    expect(byMessage.get(a!.message)).toBe('新增');
    expect(byMessage.get(b!.message)).toBe('仍存在');
    expect(byMessage.get(c!.message)).toBe('复现');
  });
});

describe('sheet names', () => {
  it('are valid and unique', () => {
    const taken = new Set<string>();
    expect(sheetName('整改清单-a/b:c*d?[e]\\', taken)).toBe('整改清单-a_b_c_d__e__');
    const long = sheetName('x'.repeat(40), taken);
    expect(long).toHaveLength(31);
    expect(sheetName('x'.repeat(40), taken)).toBe('x'.repeat(28) + '(2)');
  });
});

describe('XLSX report', () => {
  it('has a summary, one rectification list per office and one sheet per rule family', async () => {
    const wb = buildWorkbook(audit, { screenshots: { [audit.findings[0]!.url]: 'evidence/0123456789abcdef.png' } });
    // round-trip through the file format
    const buf = await wb.xlsx.writeBuffer();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(buf as ArrayBuffer);
    const names = read.worksheets.map((w) => w.name);
    expect(names[0]).toBe('汇总');
    for (const office of ['办公室', '法规处', '财务处', '综规处', '审批办', '研究室', '未指定处室']) expect(names).toContain(`整改清单-${office}`);
    for (const fam of ['链接可用性', '栏目建设', '隐私保护', '内容表述', '政策解读', '规范性文件', '政务新媒体']) expect(names).toContain(`规则-${fam}`);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);

    const summary = read.getWorksheet('汇总')!;
    const values = summary.getSheetValues().flat().map(String);
    expect(values).toContain('不合格');
    expect(values).toContain('81.7');

    const fin = read.getWorksheet('整改清单-财务处')!;
    expect((fin.getRow(1).values as unknown[]).slice(1)).toEqual(RECTIFY_COLUMNS);
    expect(fin.rowCount).toBe(3);
    const row2 = fin.getRow(2);
    expect(String(row2.getCell(2).value)).toMatch(/政府采购|预算/);
    expect(row2.getCell(8).value ?? '').toBe('');
    expect(row2.getCell(10).dataValidation?.formulae?.[0]).toBe('"未整改,整改中,已整改"');

    const office = read.getWorksheet('整改清单-办公室')!;
    const home = office.getRow(2);
    const shots = [2, 3, 4, 5, 6].map((r) => office.getRow(r).getCell(11).value).filter(Boolean) as { hyperlink?: string }[];
    expect(shots.some((v) => v.hyperlink === 'evidence/0123456789abcdef.png')).toBe(true);
    expect(home.getCell(5).value).toBeTruthy();
  });
});

describe('writeReports', () => {
  it('writes the selected formats only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-rep-'));
    const { files } = await writeReports(audit, dir, { formats: ['html', 'csv'] });
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['report.csv', 'report.html']);
    expect(fs.existsSync(path.join(dir, 'report.xlsx'))).toBe(false);
    const all = await writeReports(audit, dir, { formats: ['json', 'html', 'xlsx', 'csv'], dataDir: path.join(dir, 'nodata') });
    expect(all.files).toHaveLength(4);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'findings.json'), 'utf8')).audit.id).toBe(audit.audit.id);
  });
});
