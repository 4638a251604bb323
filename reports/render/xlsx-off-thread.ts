// report.xlsx written in a worker thread, so the audit's thread writes html, csv and the history meanwhile (the
// xlsx is the largest part of the reports: ≈2.5 s of a core at 21,000 findings). The worker is one esbuild bundle
// (crawler/worker-bundle.ts), started before the caller's other work so that loading exceljs overlaps it. Without a
// bundle (no esbuild: tsx in a worker would cost more than it saves), or when the worker cannot start or dies,
// the file is written in this thread as before; an error writeXlsx itself raised (a full disk) is thrown as here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { AuditResult } from '../audit-schema.js';
import { packFindings } from './findings-transfer.js';
import { bundleWorkerModule } from '../../crawler/worker-bundle.js';
import type { XlsxJob, XlsxWorkerReply } from './xlsx-worker.js';
import type { XlsxReportOptions } from './xlsx-report.js';

const WORKER_MODULE = fileURLToPath(new URL('./xlsx-worker.ts', import.meta.url));

/** Below this many findings the xlsx takes less time than starting a worker (≈0.3 s of CPU). */
export const XLSX_WORKER_MIN_FINDINGS = 3000;

/** Whether report.xlsx of this many findings is worth a worker: only with a core to run it beside this thread. */
export function xlsxWorkerPays(findings: number): boolean {
  return findings >= XLSX_WORKER_MIN_FINDINGS && availableParallelism() > 1;
}

export interface XlsxThreadOptions {
  /** The worker module to run instead of the bundled xlsx-worker.ts (tests: a worker that fails). */
  workerUrl?: URL;
}

export interface XlsxThreadResult {
  /** Whether the worker wrote the file (false: written in this thread). */
  inWorker: boolean;
  /** Why the worker was not used, when it failed (for logs and tests, not a user-facing message). */
  workerFailure?: string;
}

/**
 * A small young generation makes the worker collect the garbage of its rendered rows (strings and the Buffers
 * exceljs turns them into) as it goes: at 21,000 findings the process grew by ≈15 MB less with 4 MB than with 8 MB
 * and ≈70 MB less than with V8's defaults, for about 0.2 s more CPU. The old generation holds the packed findings
 * (≈0.3 KB each) besides exceljs, hence the scaling; a worker that still runs out of memory only costs the
 * in-thread fallback.
 */
function workerLimits(findings: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: Math.ceil(96 + findings / 512), maxYoungGenerationSizeMb: 4 };
}

type Outcome = { reply: XlsxWorkerReply } | { failure: string };

/** A worker started ahead of its job. */
export class XlsxWorker {
  private worker: Worker | undefined;
  private readonly started: Promise<string | undefined>;
  private outcome: Promise<Outcome> | undefined;
  private cancelled = false;
  private used = false;

  /** `findings`: about how many the job will have (sizes the worker's heap). */
  constructor(findings: number, threadOpts: XlsxThreadOptions = {}) {
    this.started = (threadOpts.workerUrl ? Promise.resolve(threadOpts.workerUrl) : bundleWorkerModule(WORKER_MODULE)).then((url) => {
      if (!url) return 'no worker bundle';
      if (this.cancelled) return 'cancelled';
      try {
        // execArgv []: a worker must not inherit the parent's `--import tsx` (a loader thread for nothing).
        this.worker = new Worker(url, { execArgv: [], resourceLimits: workerLimits(findings) });
        // An idle worker never keeps the process alive; one with a job does (see write).
        this.worker.unref();
      } catch (err) {
        return `worker not started: ${(err as Error).message}`;
      }
      const worker = this.worker;
      this.outcome = new Promise<Outcome>((resolve) => {
        let reply: XlsxWorkerReply | undefined;
        let failure: string | undefined;
        worker.once('message', (m: XlsxWorkerReply) => (reply = m));
        worker.once('error', (err) => (failure = `worker error: ${err.message}`));
        // 'exit' comes last, after any message or error: only then is the file no longer being written.
        worker.once('exit', (code) => resolve(reply ? { reply } : { failure: failure ?? `worker exited (${code}) without a reply` }));
      });
      return undefined;
    });
  }

  /** Write report.xlsx in the worker, or in this thread when the worker is not there or fails. */
  async write(audit: AuditResult, file: string, opts: XlsxReportOptions = {}): Promise<XlsxThreadResult> {
    let workerFailure = await this.started;
    if (this.used) workerFailure ??= 'worker already used';
    this.used = true;
    if (!workerFailure && this.worker && this.outcome) {
      // The workbook never shows evidence: the findings cross packed, without it.
      const { findings, ...rest } = audit;
      const job: XlsxJob = { audit: rest, findings: packFindings(findings), file, opts };
      try {
        this.worker.ref();
        this.worker.postMessage(job, [job.findings.refs.buffer as ArrayBuffer]);
      } catch (err) {
        // e.g. an option that cannot be cloned: the worker is of no use then
        void this.worker.terminate();
        workerFailure = `job not sent: ${(err as Error).message}`;
      }
      const outcome = await this.outcome;
      if ('reply' in outcome && outcome.reply.ok) return { inWorker: true };
      if ('reply' in outcome && !outcome.reply.ok) {
        throw Object.assign(new Error(outcome.reply.message), outcome.reply.code ? { code: outcome.reply.code } : {});
      }
      workerFailure ??= 'failure' in outcome ? outcome.failure : 'unknown';
    }
    const { writeXlsx } = await import('./xlsx-report.js');
    await writeXlsx(audit, file, opts);
    return { inWorker: false, workerFailure };
  }

  /** Stop a worker whose job will not come (the caller failed before). */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.started;
    await this.worker?.terminate();
  }
}

/** Write report.xlsx in a worker thread, falling back to this thread. Same file as writeXlsx. */
export function writeXlsxOffThread(audit: AuditResult, file: string, opts: XlsxReportOptions = {}, threadOpts: XlsxThreadOptions = {}): Promise<XlsxThreadResult> {
  return new XlsxWorker(audit.findings.length, threadOpts).write(audit, file, opts);
}
