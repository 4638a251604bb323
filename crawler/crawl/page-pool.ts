// Page workers for the CPU-heavy part of the crawl (parse, extraction, page rules: ≈3 ms a page against ≈1 ms of
// fetching and bookkeeping), so an audit uses every core instead of one. Started lazily, once the crawl has a
// backlog worth it (a small site never pays for the workers' start-up), and only for the built-in rule packs
// (rules passed as objects through the API cannot be sent to another thread). A worker that dies makes the pool
// unusable, never the audit: the pages in flight and all later ones are analysed in the audit's own thread.
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyzedInWorker, AnalyzeInput } from './analyze-page.js';
import type { PageWorkerReply, PageWorkerRequest, PageWorkerSetup } from './page-worker.js';
import { bundleWorkerModule } from '../worker-bundle.js';

/** Raised for work the pool cannot do (no worker alive): the caller analyses the page itself. */
export class PoolUnavailableError extends Error {}

interface Pending {
  resolve(result: AnalyzedInWorker): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Modules loaded, rule runner built. */
  ready: boolean;
}

type Waiter = () => void;

export interface PagePoolOptions {
  setup: PageWorkerSetup;
  /** Workers (default: the cores but one, at least 1, at most 4). */
  size?: number;
  /** Pages discovered before the workers are started (default 150): below that, a site is done in the time the
   *  workers take to load. */
  startPages?: number;
  /** The worker module (tests substitute one that fails). */
  module?: string;
}

const WORKER_MODULE = fileURLToPath(new URL('./page-worker.ts', import.meta.url));

/**
 * The version of the code that turns a page into its record and page findings with the built-in packs: the name of
 * the page worker's bundle, which carries a hash of everything it runs (extraction, rules, the record's stored
 * form; packages apart). The incremental cache's results are made under it, so a gongkai whose analysis changed
 * (an update, a fix) does not reuse what another version made of an unchanged page. Undefined without a bundle.
 */
export async function pageAnalysisVersion(): Promise<string | undefined> {
  const bundle = await bundleWorkerModule(WORKER_MODULE);
  return bundle && basename(bundle.pathname);
}
const WORKER_ENTRY = new URL('./page-worker-entry.mjs', import.meta.url);
// execArgv []: a worker must not inherit the parent's `--import tsx` (a loader thread of its own, for nothing).
/** A worker holds its modules and the few pages in flight: a tight heap makes V8 collect early instead of
 *  letting garbage grow the process (two workers at their default limits added ≈300 MB at 10,000 pages). An 8 MB
 *  young generation instead of 16: ≈13 MB less at the crawl's peak, ≈4 % more time (four runs each at 10k). */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };
/** Pages larger than this are analysed in the audit's thread, whose heap is not capped. */
export const WORKER_MAX_PAGE_BYTES = 512 * 1024;

/** One core stays with the audit's own thread (fetching, queue, journal, cache: a core's worth of work at full
 *  speed): on 2 cores one worker beat two in the bench (1,000 pages: 7.9 s against 9.2 s). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export class PagePool {
  private slots: Slot[] = [];
  private starting = false;
  private waiters: Waiter[] = [];
  private nextId = 1;
  private broken = false;
  private closed = false;
  readonly size: number;
  private readonly startPages: number;

  constructor(private readonly opts: PagePoolOptions) {
    this.size = opts.size ?? defaultWorkerCount();
    this.startPages = opts.startPages ?? 150;
  }

  get started(): boolean {
    return this.starting;
  }

  /** A worker died: the pool takes no more work. */
  get failed(): boolean {
    return this.broken;
  }

  /** Whether a page should go to the workers, given the pages discovered so far (starts them the first time
   *  there are enough). Until a worker is ready, pages are analysed by the caller, never held up. */
  wanted(discovered: number): boolean {
    if (this.broken || this.closed || this.size === 0) return false;
    if (!this.started && discovered < this.startPages) return false;
    if (!this.started) this.start();
    return !this.broken && this.slots.some((s) => s.ready);
  }

  /** Start the workers now and resolve once every one is ready, or the pool failed (eager use: tests, and an API
   *  caller who knows the site is large). */
  ready(): Promise<void> {
    if (!this.starting) this.start();
    if (this.broken || this.closed || (this.slots.length === this.size && this.slots.every((s) => s.ready))) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const all = this.broken || this.closed || (this.slots.length === this.size && this.slots.every((s) => s.ready));
    if (!all) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private start(): void {
    this.starting = true;
    const bundled = this.opts.module ? Promise.resolve(undefined) : bundleWorkerModule(WORKER_MODULE);
    void bundled.then((url) => {
      if (!this.closed) this.spawn(url);
    });
  }

  private spawn(bundle: URL | undefined): void {
    for (let i = 0; i < this.size; i++) {
      let worker: Worker;
      try {
        worker = bundle
          ? new Worker(bundle, { workerData: { setup: this.opts.setup }, resourceLimits: WORKER_LIMITS, execArgv: [] })
          : new Worker(WORKER_ENTRY, { workerData: { module: this.opts.module ?? WORKER_MODULE, setup: this.opts.setup }, resourceLimits: WORKER_LIMITS, execArgv: [] });
      } catch {
        this.fail();
        return;
      }
      const slot: Slot = { worker, pending: new Map(), ready: false };
      worker.on('message', (reply: PageWorkerReply | { ready: true }) => {
        if (!('id' in reply)) {
          slot.ready = true;
          this.wake();
          return;
        }
        const waiting = slot.pending.get(reply.id);
        if (!waiting) return;
        slot.pending.delete(reply.id);
        if (reply.ok) waiting.resolve(reply.result);
        else waiting.reject(new Error(reply.message));
      });
      worker.on('error', () => this.fail());
      worker.on('exit', () => {
        if (!this.closed) this.fail();
      });
      this.slots.push(slot);
    }
  }

  /** Analyse a page in the least busy worker. */
  analyze(input: AnalyzeInput): Promise<AnalyzedInWorker> {
    if (this.broken || this.closed || !this.started) return Promise.reject(new PoolUnavailableError('页面分析线程不可用'));
    let slot: Slot | undefined;
    for (const s of this.slots) if (s.ready && (!slot || s.pending.size < slot.pending.size)) slot = s;
    if (!slot) return Promise.reject(new PoolUnavailableError('页面分析线程尚未就绪'));
    const chosen = slot;
    const id = this.nextId++;
    return new Promise<AnalyzedInWorker>((resolve, reject) => {
      chosen.pending.set(id, { resolve, reject });
      chosen.worker.postMessage({ id, input } satisfies PageWorkerRequest);
    });
  }

  /** A worker died: no more work for the pool; what it held is handed back to the caller. */
  private fail(): void {
    if (this.broken) return;
    this.broken = true;
    for (const slot of this.slots) {
      for (const waiting of slot.pending.values()) waiting.reject(new PoolUnavailableError('页面分析线程已退出'));
      slot.pending.clear();
      void slot.worker.terminate();
    }
    this.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) for (const waiting of slot.pending.values()) waiting.reject(new PoolUnavailableError('页面分析线程已关闭'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
