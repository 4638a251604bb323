// An audit large enough for report.xlsx to be written in its worker (its job sent while findings.json is written):
// every finding is in the workbook's rectification lists and family sheets, and the history holds the same audit;
// a re-audit's workbook compares with the audit before it; a findings.json that cannot be written leaves no
// report.xlsx behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { XLSX_WORKER_MIN_FINDINGS } from '../../reports/render/xlsx-off-thread.js';
import { startBenchSite } from '../bench/bench-site.js';
import { OutputError } from '../../crawler/audit-errors.js';
import { LIFECYCLE_ZH } from '../../reports/render/summary.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-large-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a large audit', () => {
  it('writes every finding to report.xlsx and the history', async () => {
    const site = await startBenchSite(1600);
    try {
      const outDir = path.join(dir, 'out');
      const dataDir = path.join(dir, 'data');
      const run = await runAuditDetailed({
        url: site.url,
        outDir,
        asOf: '2022-06-30',
        polite: false,
        concurrency: 16,
        formats: ['json', 'xlsx'],
        config: { crawl: { robots: false }, report: { dataDir } },
        cache: false,
      });
      const findings = run.audit.findings;
      expect(findings.length).toBeGreaterThan(XLSX_WORKER_MIN_FINDINGS);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(outDir, 'report.xlsx'));
      const lists = wb.worksheets.filter((w) => w.name.startsWith('整改清单'));
      // One header row per list.
      expect(lists.reduce((n, w) => n + w.rowCount - 1, 0)).toBe(findings.length);
      // The per-family sheets end with the finding's id (编号): together they hold every finding once.
      const ids: string[] = [];
      for (const w of wb.worksheets) {
        if (w.getRow(1).getCell(11).value !== '编号') continue;
        for (let r = 2; r <= w.rowCount; r++) ids.push(String(w.getRow(r).getCell(11).value));
      }
      expect(ids.sort()).toEqual(findings.map((f) => f.id).sort());
      const store = HistoryStore.open(dataDir, { readonly: true });
      try {
        expect(store.getAudit(run.audit.audit.id)).toEqual(run.audit);
      } finally {
        store.close();
      }

      // Again: the workbook (written while findings.json was) compares every finding with the first audit.
      const again = path.join(dir, 'again');
      await runAuditDetailed({ url: site.url, outDir: again, asOf: '2022-06-30', polite: false, concurrency: 16, formats: ['json', 'xlsx'], config: { crawl: { robots: false }, report: { dataDir } }, cache: false });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.readFile(path.join(again, 'report.xlsx'));
      const changes = wb2.worksheets.filter((w) => w.name.startsWith('整改清单')).flatMap((w) => w.getColumn(12).values.slice(2));
      expect(changes).toHaveLength(findings.length);
      expect(new Set(changes)).toEqual(new Set([LIFECYCLE_ZH.persisting]));
      expect(fs.readdirSync(again).filter((f) => f.endsWith('.tmp'))).toEqual([]);

      // findings.json cannot be written (a directory is in its place): the audit fails, and the workbook it was
      // already writing is not left behind, under its own name or a temporary one.
      const blocked = path.join(dir, 'blocked');
      fs.mkdirSync(path.join(blocked, 'findings.json', 'x'), { recursive: true });
      await expect(
        runAuditDetailed({ url: site.url, outDir: blocked, asOf: '2022-06-30', polite: false, concurrency: 16, formats: ['json', 'xlsx'], config: { crawl: { robots: false }, report: { dataDir } }, cache: false }),
      ).rejects.toBeInstanceOf(OutputError);
      expect(fs.readdirSync(blocked).filter((f) => f.startsWith('report.xlsx'))).toEqual([]);
    } finally {
      await site.close();
    }
  }, 240_000);
});
