// The audit → reports → history path end to end on a tiny local site: --evidence screenshots linked from the HTML
// report and the Excel rectification list; the history delta in a second audit's report; and a broken history
// database that costs a warning, never findings.json or the reports.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

let dir: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-audrep-'));
  server = http.createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试厅</title></head><body><a href="/a.html">招录公示</a><a href="/gone.html">失效</a></body></html>');
    } else if (req.url === '/a.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>公示</title></head><body><p>拟录用人员：张三，身份证号：11010519491231002X</p></body></html>');
    } else res.writeHead(404).end();
  });
  base = await listenOnLoopback(server);
});

afterAll(async () => {
  await closeServer(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

const crawl = { rate: 50, robots: false, recheckDelayMs: 50 };

describe('audit with reports', () => {
  it('--evidence: screenshots of the pages with findings, linked from report.html and report.xlsx', async () => {
    const outDir = path.join(dir, 'ev');
    const dataDir = path.join(dir, 'data');
    const run = await runAuditDetailed({ url: base, outDir, asOf: '2024-06-30', evidence: true, formats: ['json', 'html', 'xlsx'], config: { crawl, report: { dataDir } } });
    expect(run.warnings.filter((w) => /截图|Chromium/.test(w))).toEqual([]);
    const pages = [...new Set(run.audit.findings.map((f) => f.url))].filter((u) => u.startsWith(base));
    expect(pages.length).toBeGreaterThan(0);
    const shots = fs.readdirSync(path.join(outDir, 'evidence'));
    expect(shots.length).toBe(pages.length);
    for (const s of shots) expect(fs.readFileSync(path.join(outDir, 'evidence', s)).subarray(1, 4).toString()).toBe('PNG');
    expect(run.reportFiles.filter((f) => f.includes(`${path.sep}evidence${path.sep}`))).toHaveLength(shots.length);

    const html = fs.readFileSync(path.join(outDir, 'report.html'), 'utf8');
    for (const s of shots) expect(html).toContain(`src="evidence/${s}"`);
    const idFinding = run.audit.findings.find((f) => f.rule === 'privacy/id-number');
    expect(idFinding).toBeDefined();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outDir, 'report.xlsx'));
    const links = wb.worksheets
      .filter((w) => w.name.startsWith('整改清单-'))
      .flatMap((w) => w.getColumn(11).values.slice(2) as ({ hyperlink?: string } | undefined)[])
      .map((v) => v?.hyperlink)
      .filter(Boolean);
    expect(new Set(links)).toEqual(new Set(shots.map((s) => `evidence/${s}`)));

    // The audit went into the history; a second audit's report shows the delta against it.
    const out2 = path.join(dir, 'ev2');
    await runAuditDetailed({ url: base, outDir: out2, asOf: '2024-07-01', formats: ['html'], config: { crawl, report: { dataDir } } });
    const store = HistoryStore.open(dataDir, { readonly: true });
    try {
      expect(store.listAudits(base)).toHaveLength(2);
    } finally {
      store.close();
    }
    const html2 = fs.readFileSync(path.join(out2, 'report.html'), 'utf8');
    expect(html2).toContain('<h2>历次审计趋势</h2>');
    expect(html2).toContain(`仍存在<b>${run.audit.findings.length}</b>`);
  }, 120_000);

  it('a corrupt history database costs a warning, never findings.json or the reports', async () => {
    const outDir = path.join(dir, 'corrupt');
    const dataDir = path.join(dir, 'bad-data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'history.db'), 'not a database '.repeat(400));
    const run = await runAuditDetailed({ url: base, outDir, formats: ['json', 'html', 'csv'], config: { crawl, report: { dataDir } } });
    expect(fs.readdirSync(outDir).filter((f) => !f.startsWith('.')).sort()).toEqual(['findings.json', 'report.csv', 'report.html']);
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'findings.json'), 'utf8')).findings.length).toBe(run.audit.findings.length);
    expect(run.warnings.some((w) => /保存审计历史失败：历史数据库已损坏或不是 SQLite 数据库/.test(w))).toBe(true);
    expect(run.warnings.some((w) => /读取历史数据失败/.test(w))).toBe(true);
  }, 60_000);
});
