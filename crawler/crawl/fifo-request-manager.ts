// Crawlee's request manager for one audit: a plain in-memory FIFO of [url, depth]. URLs arrive already
// normalised and de-duplicated by CrawlState (which journals them for --resume), so the memory-storage queue's
// work is redundant — and its head lookup scans every request ever added (handled ones included), which made a
// 10,000-page crawl quadratic. A Request object is built only when a page is about to be fetched.
import { Request, type IRequestManager, type RequestQueueOperationInfo, type RequestsLike, type Source } from '@crawlee/core';

type Pair = [string, number];

export class FifoRequestManager implements IRequestManager {
  private queue: (Pair | undefined)[] = [];
  private head = 0;
  private inProgress = 0;
  private handled = 0;
  private total = 0;

  /** @param busyElsewhere Work outside Crawlee that may still enqueue pages (the revalidation lane): the crawl is
   *  not finished while it runs. */
  constructor(private readonly busyElsewhere: () => boolean = () => false) {}

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
    const [url, depth] = this.queue[this.head]!;
    this.queue[this.head++] = undefined;
    // Drop the consumed prefix now and then so the array does not keep every URL alive.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.inProgress++;
    return new Request<T>({ url, uniqueKey: url, userData: { depth } as unknown as T });
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
    this.queue.push([request.url, depthOf(request)]);
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
