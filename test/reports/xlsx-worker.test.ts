// report.xlsx written in a worker thread: the same workbook as in-thread; a worker that cannot load or dies
// leaves the file to the calling thread; writeXlsx's own errors still reach the caller; writeReports with
// recordHistory stores the audit after reading its history context.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../../reports/audit-schema.js';
import type { HistoryContext } from '../../reports/history/history-context.js';
import { HistoryStore } from '../../reports/history/history-store.js';
import { recordAudit } from '../../reports/history/record-audit.js';
import { packFindings, unpackFindings } from '../../reports/render/findings-transfer.js';
import { writeXlsx } from '../../reports/render/xlsx-report.js';
import { XlsxWorker, writeXlsxOffThread } from '../../reports/render/xlsx-off-thread.js';
import { writeReports } from '../../reports/write-reports.js';
import { loadFixture } from './load-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-xlsxw-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The fixture's findings `times` over, with page text that needs escaping and formula-like messages. */
function bigAudit(times: number): AuditResult {
  const base = loadFixture();
  const findings: Finding[] = [];
  for (let n = 0; n < times; n++) {
    for (const f of base.findings) {
      findings.push({ ...f, id: `${f.id}-${n}`, message: n % 7 === 0 ? `=${f.message} <b>&"'${n}` : `${f.message}（${n}）`, url: n % 5 ? f.url : `${f.url}?p=${n}` });
    }
  }
  return { ...base, findings };
}

/** Every sheet, row and cell (value, look, validation) of a workbook file, as one comparable value. */
async function describeWorkbook(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const cells: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      cells.push(row.height);
      row.eachCell({ includeEmpty: true }, (x) => cells.push([x.address, x.value, x.font, x.alignment, x.numFmt, x.fill, x.dataValidation]));
    });
    return { name: ws.name, rows: ws.rowCount, widths: ws.columns.map((c) => c.width), views: ws.views, autoFilter: ws.autoFilter, merges: ws.model.merges, cells: JSON.stringify(cells) };
  });
}

const audit = bigAudit(12);
const history: HistoryContext = {
  trend: [],
  waivers: [{ findingId: audit.findings[3]!.id, reason: '已核实', until: '2999-01-01' }],
  delta: { previousAuditId: 'prev', previousAsOf: '2024-02-15', new: [audit.findings[0]!.id], persisting: [audit.findings[1]!.id], reopened: [audit.findings[2]!.id], fixed: [] },
};
const shot = { [audit.findings[0]!.url]: 'evidence/0123456789abcdef.png' };
const inThreadFile = path.join(dir, 'in-thread.xlsx');
const inThread = writeXlsx(audit, inThreadFile, { history, screenshots: shot }).then(() => describeWorkbook(inThreadFile));

describe('report.xlsx in a worker thread', () => {
  it('is the workbook written in-thread: sheets, rows, cell values and looks, validations', async () => {
    const file = path.join(dir, 'worker.xlsx');
    const r = await writeXlsxOffThread(audit, file, { history, screenshots: shot });
    expect(r).toEqual({ inWorker: true });
    const want = (await inThread) as { name: string; cells: string }[];
    expect(want.length).toBeGreaterThan(5);
    expect(want.some((s) => s.cells.includes('整改中'))).toBe(true); // the 整改状态 validation
    expect(want.some((s) => s.cells.includes('查看截图'))).toBe(true);
    expect(await describeWorkbook(file)).toEqual(want);
  });

  it('a worker that cannot load: the file is written in this thread', async () => {
    const file = path.join(dir, 'crash.xlsx');
    const r = await writeXlsxOffThread(audit, file, { history, screenshots: shot }, { workerUrl: new URL('./fixtures/xlsx-worker-crash.mjs', import.meta.url) });
    expect(r.inWorker).toBe(false);
    expect(r.workerFailure).toMatch(/failed to load/);
    expect(await describeWorkbook(file)).toEqual(await inThread);
  });

  it('a worker that dies with its job, half a file written: the file is rewritten in this thread', async () => {
    const file = path.join(dir, 'exit.xlsx');
    const r = await writeXlsxOffThread(audit, file, { history, screenshots: shot }, { workerUrl: new URL('./fixtures/xlsx-worker-exit.mjs', import.meta.url) });
    expect(r.inWorker).toBe(false);
    expect(r.workerFailure).toMatch(/exited \(7\)/);
    expect(await describeWorkbook(file)).toEqual(await inThread);
  });

  it('a worker takes one job: a second one is written in this thread', async () => {
    const w = new XlsxWorker(audit.findings.length);
    expect(await w.write(audit, path.join(dir, 'first.xlsx'), { history, screenshots: shot })).toEqual({ inWorker: true });
    const second = path.join(dir, 'second.xlsx');
    expect(await w.write(audit, second, { history, screenshots: shot })).toEqual({ inWorker: false, workerFailure: 'worker already used' });
    expect(await describeWorkbook(second)).toEqual(await inThread);
  });

  it("writeXlsx's own error (unwritable path) is thrown, not retried", async () => {
    const file = path.join(dir, 'no-such-dir', 'x.xlsx');
    await expect(writeXlsxOffThread(audit, file, {})).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('writeReports with the xlsx worker and recordHistory', () => {
  it('writes every report, then stores the audit; the reports compare with the previous audit', async () => {
    const dataDir = path.join(dir, 'data');
    const prev: AuditResult = { ...audit, audit: { ...audit.audit, id: 'prev', startedAt: '2024-02-15T02:00:00.000Z', asOf: '2024-02-15' }, findings: audit.findings.slice(10) };
    expect((await recordAudit(prev, { dataDir })).stored).toBe(true);
    const out = path.join(dir, 'out');
    const r = await writeReports(audit, out, { formats: ['html', 'xlsx', 'csv'], dataDir, recordHistory: true, xlsxInWorker: true });
    expect(r.files.map((f) => path.basename(f))).toEqual(['report.html', 'report.xlsx', 'report.csv']);
    expect(r.xlsx).toEqual({ inWorker: true });
    expect(r.recorded?.stored).toBe(true);
    expect(r.recorded?.delta?.new).toHaveLength(10);
    // Read before the audit was stored: the new findings are 新增, not 仍存在 against the audit itself.
    const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8');
    expect(csv.split('\r\n').filter((l) => l.endsWith(',新增'))).toHaveLength(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'report.xlsx'));
    const changes = wb.worksheets.filter((w) => w.name.startsWith('整改清单')).flatMap((w) => w.getColumn(12).values.slice(2));
    expect(changes.filter((v) => v === '新增')).toHaveLength(10);
    const store = HistoryStore.open(dataDir, { readonly: true });
    try {
      expect(store.listAudits(audit.audit.site).map((a) => a.id)).toEqual([audit.audit.id, 'prev']);
    } finally {
      store.close();
    }
  });

  it('uses a worker started ahead of the call', async () => {
    const out = path.join(dir, 'early');
    const early = new XlsxWorker(audit.findings.length);
    const r = await writeReports(audit, out, { formats: ['xlsx'], history, xlsxWorker: early, xlsxInWorker: true });
    expect(r.xlsx).toEqual({ inWorker: true });
    const ref = path.join(dir, 'early-ref.xlsx');
    await writeXlsx(audit, ref, { history });
    expect(await describeWorkbook(path.join(out, 'report.xlsx'))).toEqual(await describeWorkbook(ref));
  });

  it('a failing report stops the xlsx worker before the error is thrown', async () => {
    const out = path.join(dir, 'bad');
    fs.mkdirSync(path.join(out, 'report.html'), { recursive: true }); // html cannot be written over a directory
    await expect(writeReports(audit, out, { formats: ['html', 'xlsx'], xlsxInWorker: true })).rejects.toThrow();
    // The worker's job was already running: it finished its file before the call returned.
    expect(fs.statSync(path.join(out, 'report.xlsx')).size).toBeGreaterThan(1000);
  });
});

describe('findings packed for the worker', () => {
  it('unpack gives back every string field, absent ones absent, evidence empty; strings stored once', () => {
    const findings: Finding[] = [
      ...audit.findings,
      { id: 'x1', rule: 'newmedia/stale', severity: 'minor', url: 'http://a.gov.cn/', message: '同一句', evidence: { n: 1 }, source: '公众号', target: '', selector: 'a' },
      { id: 'x2', rule: 'newmedia/stale', severity: 'minor', url: 'http://a.gov.cn/', message: '同一句', evidence: {} },
    ];
    const packed = packFindings(findings);
    expect(packed.strings.length).toBe(new Set(packed.strings).size);
    expect(packed.strings.filter((s) => s === '同一句')).toHaveLength(1);
    const back = unpackFindings(structuredClone(packed));
    expect(back).toEqual(findings.map(({ evidence: _e, ...f }) => ({ ...f, evidence: {} })));
    expect('column' in back.at(-1)!).toBe(false);
    expect(back.at(-2)!.target).toBe('');
  });
});
