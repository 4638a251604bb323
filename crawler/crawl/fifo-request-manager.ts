// Crawlee's request manager for one audit: a plain in-memory FIFO of [url, depth]. URLs arrive already
// normalised and de-duplicated by CrawlState (which journals them for --resume), so the memory-storage queue's
// work is redundant — and its head lookup scans every request ever added (handled ones included), which made a
// 10,000-page crawl quadratic. A Request object is built only when a page is about to be fetched.
// When the queue is long, one Request carries a few pages (`userData.more`), which its task visits one after the
// other: Crawlee's work per task (a Request with a random id, a crawling context, its timeouts, the autoscaled
// pool's load check) cost ≈0.27 ms of the audit's thread, more than fetching a page.
import { Request, type IRequestManager, type RequestQueueOperationInfo, type RequestsLike, type Source } from '@crawlee/core';

type Pair = [string, number];

/** Pages one task takes at most. */
export const MAX_PAGES_PER_TASK = 4;

/** What a Request of this manager carries besides its own URL. */
export interface BatchUserData {
  depth: number;
  /** Further [url, depth] pairs the same task visits after the request's own URL. */
  more?: Pair[];
}

export class FifoRequestManager implements IRequestManager {
  private queue: (Pair | undefined)[] = [];
  private head = 0;
  private inProgress = 0;
  private handled = 0;
  private total = 0;

  /** @param busyElsewhere Work outside Crawlee that may still enqueue pages (the revalidation lane): the crawl is
   *  not finished while it runs. */
  constructor(
    private readonly busyElsewhere: () => boolean = () => false,
    /** Tasks that run at once: a task takes more than one page only when every one of them would still get one. */
    private readonly concurrency = 1,
  ) {}

  /** Enqueue admitted [url, depth] pairs (the crawl's own path; no Request objects). */
  push(pairs: Iterable<Pair>): void {
    for (const pair of pairs) {
      this.queue.push(pair);
      this.total++;
    }
  }

  async isFinished(): Promise<boolean> {
    return this.head >= this.queue.length && this.inProgress === 0 && !this.busyElsewhere();
  }

  async isEmpty(): Promise<boolean> {
    return this.head >= this.queue.length;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.total;
  }

  getPendingCount(): number {
    return this.queue.length - this.head + this.inProgress;
  }

  async fetchNextRequest<T extends Record<string, unknown> = Record<string, unknown>>(): Promise<Request<T> | null> {
    if (this.head >= this.queue.length) return null;
    const take = Math.min(MAX_PAGES_PER_TASK, Math.max(1, Math.floor((this.queue.length - this.head) / this.concurrency)));
    const [url, depth] = this.shift();
    const userData: BatchUserData = { depth };
    if (take > 1) {
      userData.more = [];
      for (let i = 1; i < take; i++) userData.more.push(this.shift());
    }
    // Drop the consumed prefix now and then so the array does not keep every URL alive.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.inProgress++;
    return new Request<T>({ url, uniqueKey: url, userData: userData as unknown as T });
  }

  private shift(): Pair {
    const pair = this.queue[this.head]!;
    this.queue[this.head++] = undefined;
    return pair;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (;;) {
      const request = await this.fetchNextRequest();
      if (!request) return;
      yield request;
    }
  }

  async markRequestHandled(): Promise<null> {
    this.inProgress = Math.max(0, this.inProgress - 1);
    this.handled++;
    return null;
  }

  async reclaimRequest(request: Request): Promise<null> {
    this.inProgress = Math.max(0, this.inProgress - 1);
    this.queue.push([request.url, depthOf(request)], ...((request.userData as BatchUserData | undefined)?.more ?? []));
    return null;
  }

  async addRequest(source: Source): Promise<RequestQueueOperationInfo> {
    const request = source instanceof Request ? source : new Request(source as ConstructorParameters<typeof Request>[0]);
    this.push([[request.url, depthOf(request)]]);
    return { wasAlreadyPresent: false, wasAlreadyHandled: false, requestId: request.uniqueKey, uniqueKey: request.uniqueKey, forefront: false };
  }

  async addRequestsBatched(requests: RequestsLike) {
    for await (const source of requests as AsyncIterable<Source | string> | Iterable<Source | string>) {
      await this.addRequest(typeof source === 'string' ? { url: source } : source);
    }
    return { addedRequests: [], waitForAllRequestsToBeAdded: Promise.resolve([]) };
  }
}

function depthOf(request: { userData?: unknown }): number {
  const depth = (request.userData as { depth?: unknown } | undefined)?.depth;
  return typeof depth === 'number' ? depth : 0;
}
