// Writes the selected report formats for one audit into outDir. Renderers are pure functions of the audit and
// the history context; this module only gathers inputs (history, evidence) and writes files.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditResult } from './audit-schema.js';
import type { HistoryContext } from './history/history-context.js';
import { HistoryStore } from './history/history-store.js';
import { htmlReportChunks } from './render/html-report.js';
import { csvChunks } from './render/csv-report.js';
import type { EvidenceOptions } from './evidence/capture-evidence.js';
import { recordAudit, type RecordAuditResult } from './history/record-audit.js';
import { XlsxWorker, xlsxWorkerPays, type XlsxThreadResult } from './render/xlsx-off-thread.js';
import { writeChunks } from './write-chunks.js';
// exceljs and playwright-core are loaded on demand (≈2 s of start-up an audit need not pay when unused).

export type ReportFormat = 'json' | 'html' | 'xlsx' | 'csv';
export const REPORT_FORMATS: ReportFormat[] = ['json', 'html', 'xlsx', 'csv'];

export interface WriteReportsOptions {
  formats: ReportFormat[];
  /** Capture evidence screenshots of pages with findings (headless Chromium). */
  evidence?: boolean;
  evidenceOptions?: EvidenceOptions;
  /** History store directory; when given without `history`, trend, delta and waivers are read from it. */
  dataDir?: string;
  history?: HistoryContext;
  /**
   * Write report.xlsx in a worker thread while the other reports (and the history, see recordHistory) are
   * written here. Default: with at least XLSX_WORKER_MIN_FINDINGS findings and two cores (xlsxWorkerPays).
   */
  xlsxInWorker?: boolean;
  /**
   * A worker started earlier (`new XlsxWorker(findings)`, e.g. while findings.json is written) so that it has
   * loaded exceljs when the job comes; used when the xlsx is written in a worker, stopped otherwise.
   */
  xlsxWorker?: XlsxWorker;
  /**
   * report.xlsx already being written (under `temp`, by the caller, with the `history` given here): renamed into
   * place when done, instead of a worker started here. Without screenshots the audit sends the xlsx job before it
   * writes findings.json, so the longest report starts earlier.
   */
  xlsxEarly?: EarlyXlsx;
  /**
   * Also store the audit in the history at dataDir (what recordAudit does), after its history context was read
   * for the reports and while report.xlsx is written in the worker. The outcome is in `recorded`, never thrown.
   */
  recordHistory?: boolean;
}

export interface WriteReportsResult {
  files: string[];
  /** zh-CN notes on what could not be done (history unreadable, screenshots failed); never fatal. */
  warnings?: string[];
  /** With recordHistory: whether the audit was stored (recordAudit's result). */
  recorded?: RecordAuditResult;
  /** With xlsx: whether a worker wrote it. */
  xlsx?: XlsxThreadResult;
}

export interface EarlyXlsx {
  task: Promise<XlsxThreadResult>;
  temp: string;
}

/** Wait for an early report.xlsx and rename it to `file`; without `file` (or when it failed) its temporary file
 *  is removed. */
export async function settleEarlyXlsx(early: EarlyXlsx, file?: string): Promise<XlsxThreadResult> {
  try {
    const result = await early.task;
    if (file) await fs.rename(early.temp, file);
    return result;
  } finally {
    await fs.rm(early.temp, { force: true }).catch(() => undefined);
  }
}

/** Read the history context of an audit; undefined (with a warning) when the store cannot be read. */
export function loadHistoryContext(audit: AuditResult, dataDir: string): { history?: HistoryContext; warning?: string } {
  let store: HistoryStore | undefined;
  try {
    store = HistoryStore.open(dataDir, { readonly: true, busyTimeoutMs: 2000 });
    return { history: store.contextFor(audit) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'not-found' ? {} : { warning: `读取历史数据失败，报告不含趋势与对比：${err instanceof Error ? err.message : String(err)}` };
  } finally {
    store?.close();
  }
}

export async function writeReports(audit: AuditResult, outDir: string, opts: WriteReportsOptions): Promise<WriteReportsResult> {
  const formats = new Set(opts.formats);
  const early = formats.has('xlsx') ? opts.xlsxEarly : undefined;
  const inWorker = !early && formats.has('xlsx') && (opts.xlsxInWorker ?? xlsxWorkerPays(audit.findings.length));
  // Started first, so the worker loads exceljs while this thread reads the history and renders; its job is
  // awaited (or the worker stopped) whatever happens here, so no worker outlives the call.
  if (!inWorker) void opts.xlsxWorker?.cancel();
  const worker = inWorker ? (opts.xlsxWorker ?? new XlsxWorker(audit.findings.length)) : undefined;
  let xlsxTask: Promise<{ r: XlsxThreadResult } | { error: unknown }> | undefined;
  try {
    await fs.mkdir(outDir, { recursive: true });
    const files: string[] = [];
    const warnings: string[] = [];
    let history = opts.history;
    // With an early xlsx job the caller read the context already (and said so if it could not).
    if (!history && opts.dataDir && !early) {
      const loaded = loadHistoryContext(audit, opts.dataDir);
      history = loaded.history;
      if (loaded.warning) warnings.push(loaded.warning);
    }
    let screenshots: Record<string, string> | undefined;
    if (opts.evidence) {
      const { captureEvidence } = await import('./evidence/capture-evidence.js');
      const ev = await captureEvidence(audit, outDir, opts.evidenceOptions);
      screenshots = ev.screenshots;
      files.push(...Object.values(ev.screenshots).map((p) => path.join(outDir, p)));
      warnings.push(...ev.failures.map((f) => (f.url ? `${f.url}：${f.error}` : f.error)));
    }
    if (formats.has('json')) {
      // The crawler writes findings.json itself; write it only when it is not there yet.
      const file = path.join(outDir, 'findings.json');
      try {
        await fs.access(file);
      } catch {
        await fs.writeFile(file, JSON.stringify(audit, null, 2) + '\n', 'utf8');
      }
      files.push(file);
    }
    const htmlFile = path.join(outDir, 'report.html');
    const xlsxFile = path.join(outDir, 'report.xlsx');
    const csvFile = path.join(outDir, 'report.csv');
    xlsxTask = (early ? settleEarlyXlsx(early, xlsxFile) : worker?.write(audit, xlsxFile, { history, screenshots }))?.then(
      (r) => ({ r }),
      (error: unknown) => ({ error }),
    );
    let xlsx: XlsxThreadResult | undefined;
    let recorded: RecordAuditResult | undefined;
    if (formats.has('html')) await writeChunks(htmlFile, htmlReportChunks(audit, { history, screenshots }));
    if (formats.has('xlsx') && !worker && !early) {
      const { writeXlsx } = await import('./render/xlsx-report.js');
      await writeXlsx(audit, xlsxFile, { history, screenshots });
      xlsx = { inWorker: false };
    }
    if (formats.has('csv')) await writeChunks(csvFile, csvChunks(audit, { history, screenshots }));
    // After the context was read (the reports compare with the previous audit, not with this one).
    if (opts.recordHistory && opts.dataDir) recorded = await recordAudit(audit, { dataDir: opts.dataDir });
    if (xlsxTask) {
      const done = await xlsxTask;
      xlsxTask = undefined;
      if ('error' in done) throw done.error;
      xlsx = done.r;
    }
    if (formats.has('html')) files.push(htmlFile);
    if (formats.has('xlsx')) files.push(xlsxFile);
    if (formats.has('csv')) files.push(csvFile);
    return { files, ...(warnings.length ? { warnings } : {}), ...(recorded ? { recorded } : {}), ...(xlsx ? { xlsx } : {}) };
  } finally {
    // Only on an error above: the job still running is waited for, a job never sent is cancelled.
    if (xlsxTask) await xlsxTask;
    else if (early) await settleEarlyXlsx(early).catch(() => undefined);
    else if (worker) await worker.cancel();
  }
}
