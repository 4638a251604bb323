// Worker thread that writes report.xlsx (see xlsx-off-thread.ts). It loads exceljs while it waits for its one job
// (so the load overlaps the caller's other work), writes the file and replies whether writeXlsx finished or threw.
// A crash or an exit without a reply makes the caller write the file in its own thread.
import { parentPort } from 'node:worker_threads';
import type { AuditResult } from '../audit-schema.js';
import { unpackFindings, type PackedFindings } from './findings-transfer.js';
import { writeXlsx, type XlsxReportOptions } from './xlsx-report.js';

export interface XlsxJob {
  /** The audit without its findings, which come packed. */
  audit: Omit<AuditResult, 'findings'>;
  findings: PackedFindings;
  file: string;
  opts: XlsxReportOptions;
}

export type XlsxWorkerReply = { ok: true } | { ok: false; message: string; code?: string };

const port = parentPort!;
port.once('message', async (job: XlsxJob) => {
  let reply: XlsxWorkerReply;
  try {
    await writeXlsx({ ...job.audit, findings: unpackFindings(job.findings) }, job.file, job.opts);
    reply = { ok: true };
  } catch (err) {
    const e = err as { message?: string; code?: unknown };
    reply = { ok: false, message: e?.message ?? String(err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
  }
  port.postMessage(reply);
});
