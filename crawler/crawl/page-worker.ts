// A page worker: builds its own RuleRunner over the built-in packs from the audit's plain settings, then answers
// analysis requests (crawler/crawl/analyze-page.ts) until the pool closes it. Loaded by page-worker-entry.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { RuleRunner, type RuleRunnerOptions } from '../../rules/engine/rule-runner.js';
import { builtInPacks } from '../audit-packs.js';
import { analyzePage, forAuditThread, type AnalyzedInWorker, type AnalyzeInput, type AnalyzeSettings } from './analyze-page.js';

/** The audit settings a worker is started with (structured-cloneable). */
export interface PageWorkerSetup {
  runner: Omit<RuleRunnerOptions, 'packs' | 'columnOf'>;
  analyze: AnalyzeSettings;
}

export interface PageWorkerRequest {
  id: number;
  input: AnalyzeInput;
}

export type PageWorkerReply =
  | { id: number; ok: true; result: AnalyzedInWorker }
  | { id: number; ok: false; message: string };

const setup = (workerData as { setup: PageWorkerSetup }).setup;
const runner = new RuleRunner({ ...setup.runner, packs: builtInPacks() });
const port = parentPort!;

port.on('message', (request: PageWorkerRequest) => {
  analyzePage(request.input, setup.analyze, runner).then(
    // The record's bytes are handed over, not copied; the record object stays here.
    (result) => port.postMessage({ id: request.id, ok: true, result: forAuditThread(result) } satisfies PageWorkerReply, [result.recordJson.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, message: (error as Error)?.message ?? String(error) } satisfies PageWorkerReply),
  );
});
port.postMessage({ ready: true });
