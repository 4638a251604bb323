// The report files written for a large audit (pieces in batches, the streaming Excel writer) are what the
// one-string renderers and the in-memory workbook produce: same bytes for html/csv, same sheets, values and look
// for xlsx.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../../reports/audit-schema.js';
import { renderCsv } from '../../reports/render/csv-report.js';
import { renderHtmlReport } from '../../reports/render/html-report.js';
import { buildWorkbook } from '../../reports/render/xlsx-report.js';
import { writeReports } from '../../reports/write-reports.js';
import { loadFixture } from './load-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-repfiles-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The fixture's findings `times` over; `owner` puts them all in one rectification list. */
function bigAudit(times: number, owner?: string): AuditResult {
  const base = loadFixture();
  const findings: Finding[] = [];
  for (let n = 0; n < times; n++) {
    for (const f of base.findings) {
      findings.push({ ...f, id: `${f.id}-${n}`, message: n % 7 === 0 ? `=${f.message} <b>&"'${n}` : `${f.message}（${n}）`, url: n % 5 ? f.url : `${f.url}?p=${n}`, ...(owner ? { owner } : {}) });
    }
  }
  return { ...base, findings };
}

describe('report files of a large audit', async () => {
  // 2,400 findings: several 1 MB write batches of html and csv
  const audit = bigAudit(150);
  await writeReports(audit, dir, { formats: ['html', 'csv'], history: { trend: [], waivers: [{ findingId: audit.findings[3]!.id, reason: '已核实', until: '2999-01-01' }] } });
  // 640 findings of one office (reading xlsx back is slow; the writer's pauses for the zip, every 1,000 rows, are
  // checked by the 21,000-finding benchmark instead)
  const small = bigAudit(40, '办公室');
  const xlsxDir = path.join(dir, 'x');
  await writeReports(small, xlsxDir, { formats: ['xlsx'], history: { trend: [], waivers: [{ findingId: small.findings[3]!.id, reason: '已核实', until: '2999-01-01' }] } });

  it('html and csv are byte for byte the one-string renderings', () => {
    const history = { trend: [], waivers: [{ findingId: audit.findings[3]!.id, reason: '已核实', until: '2999-01-01' }] };
    const html = fs.readFileSync(path.join(dir, 'report.html'));
    expect(html.length).toBeGreaterThan(2 << 20);
    expect(html.equals(Buffer.from(renderHtmlReport(audit, { history }), 'utf8'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'report.csv')).equals(Buffer.from(renderCsv(audit, { history }), 'utf8'))).toBe(true);
  });

  it('xlsx has the sheets, values, widths, header, filters and cell styles of the in-memory workbook', async () => {
    const history = { trend: [], waivers: [{ findingId: small.findings[3]!.id, reason: '已核实', until: '2999-01-01' }] };
    const streamed = new ExcelJS.Workbook();
    await streamed.xlsx.readFile(path.join(xlsxDir, 'report.xlsx'));
    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load((await buildWorkbook(small, { history }).xlsx.writeBuffer()) as ArrayBuffer);
    expect(streamed.worksheets.map((w) => w.name)).toEqual(reference.worksheets.map((w) => w.name));
    expect(streamed.worksheets.length).toBeGreaterThan(5);
    expect(streamed.getWorksheet('整改清单-办公室')!.rowCount).toBe(small.findings.length);
    let validated = 0;
    for (const ref of reference.worksheets) {
      const ws = streamed.getWorksheet(ref.name)!;
      expect(ws.rowCount, ref.name).toBe(ref.rowCount);
      expect(ws.columns.map((c) => c.width)).toEqual(ref.columns.map((c) => c.width));
      expect(ws.views).toEqual(ref.views);
      expect(ws.autoFilter).toEqual(ref.autoFilter);
      // One description of every cell per sheet (comparing cell by cell with expect() takes seconds).
      const cells = (sheet: ExcelJS.Worksheet) => {
        const out: unknown[] = [];
        for (let r = 1; r <= ref.rowCount; r++) {
          const row = sheet.getRow(r);
          out.push(row.height);
          for (let c = 1; c <= Math.max(ref.columnCount, 12); c++) {
            const x = row.getCell(c);
            // An empty string reads back as null from the streaming writer's <v></v> (so it was before, too).
            out.push([x.address, x.value ?? '', x.font, x.alignment, x.numFmt, x.fill, x.dataValidation]);
            if (sheet === ref && x.dataValidation) validated++;
          }
        }
        return JSON.stringify(out);
      };
      const want = cells(ref);
      const got = cells(ws);
      if (got !== want) expect(JSON.parse(got), ref.name).toEqual(JSON.parse(want));
      expect(want).toContain('Microsoft YaHei');
    }
    // every finding row of the rectification lists has the 整改状态 drop-down
    expect(validated).toBe(small.findings.length - 1);
  });
});
