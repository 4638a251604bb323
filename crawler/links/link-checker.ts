// Checks link targets outside the page queue: every target once (shared cache by normalised URL), HEAD first
// and a small ranged GET when HEAD is refused or unreliable, a failure re-checked once after a delay, and
// external 403/429/999 reported as unverified (firewalls block bots; that is not a dead link).
import pLimit from 'p-limit';
import type { LinkOutcome } from '../../rules/site-model.js';
import { FetchError, type Fetcher, type FetchResponse } from '../http/fetcher-types.js';

export interface LinkCheckOptions {
  fetcher: Fetcher;
  /** Whether a target is inside the audited site. */
  isInternal(url: string): boolean;
  /** Targets in flight at once across hosts (the fetcher still caps each host). Default 16. */
  concurrency?: number;
  /** Wait before re-checking failures (default 2 s). */
  recheckDelayMs?: number;
  timeoutMs?: number;
  /** Targets not to request (config exclude): reported as skipped. */
  skip?(url: string): boolean;
  /** Called after each first-pass check (progress display). */
  onChecked?(outcome: LinkOutcome): void;
}

/** HTTP statuses that bot-blocking firewalls answer with. */
const BLOCKING = new Set([401, 403, 429, 999]);
/** Errors that a GET will not fix. */
const FINAL_ERRORS = new Set(['ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'REDIRECT_LOOP', 'TOO_MANY_REDIRECTS', 'ROBOTS_DISALLOWED', 'INVALID_URL', 'UNSUPPORTED_PROTOCOL']);

/** Only http(s) URLs are requests; mailto:, tel:, javascript:, data: and fragments never are. */
export function isCheckable(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function outcomeFromResponse(url: string, res: FetchResponse, internal: boolean): LinkOutcome {
  const outcome: LinkOutcome = {
    url,
    state: stateOf(res.status, internal),
    status: res.status,
    internal,
    finalUrl: res.finalUrl,
    checkedAt: new Date().toISOString(),
  };
  if (res.redirects.length) outcome.redirects = res.redirects;
  const type = res.headers['content-type'];
  if (type) outcome.contentType = type;
  return outcome;
}

export function outcomeFromError(url: string, error: unknown, internal: boolean): LinkOutcome {
  const code = error instanceof FetchError ? error.code : ((error as { code?: string })?.code ?? 'EFETCH');
  const outcome: LinkOutcome = {
    url,
    state: code === 'ROBOTS_DISALLOWED' ? 'skipped' : 'broken',
    error: code,
    internal,
    checkedAt: new Date().toISOString(),
  };
  if (error instanceof FetchError && error.redirects.length) outcome.redirects = error.redirects;
  return outcome;
}

function stateOf(status: number, internal: boolean): LinkOutcome['state'] {
  if (status < 400) return 'ok';
  if (!internal && BLOCKING.has(status)) return 'unverified';
  return 'broken';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LinkChecker {
  /** Outcomes by normalised URL (seeded with what the crawler already fetched). */
  readonly outcomes = new Map<string, LinkOutcome>();
  private readonly limit;
  private readonly rechecked = new Set<string>();

  constructor(private readonly opts: LinkCheckOptions) {
    this.limit = pLimit(opts.concurrency ?? 16);
  }

  /** Record an outcome the crawler already has (no second request for it). */
  seed(outcome: LinkOutcome): void {
    this.outcomes.set(outcome.url, outcome);
  }

  /** Check every target not yet known; failures (also seeded ones) are re-checked once after a delay. */
  async checkAll(targets: Iterable<string>): Promise<Map<string, LinkOutcome>> {
    const pending: string[] = [];
    for (const url of new Set(targets)) {
      if (!isCheckable(url) || this.outcomes.has(url)) continue;
      if (this.opts.skip?.(url)) {
        this.outcomes.set(url, { url, state: 'skipped', internal: this.opts.isInternal(url) });
        continue;
      }
      pending.push(url);
    }
    await Promise.all(
      pending.map((url) =>
        this.limit(async () => {
          const outcome = await this.checkOnce(url);
          this.outcomes.set(url, outcome);
          this.opts.onChecked?.(outcome);
        }),
      ),
    );
    const failed = [...this.outcomes.values()].filter((o) => (o.state === 'broken' || o.state === 'unverified')  && !this.rechecked.has(o.url));
    if (failed.length) {
      await sleep(this.opts.recheckDelayMs ?? 2000);
      await Promise.all(
        failed.map((first) =>
          this.limit(async () => {
            const again = await this.checkOnce(first.url);
            // Alive on the second look: a transient failure, not a broken link.
            this.rechecked.add(first.url);
            this.outcomes.set(first.url, again.state === 'ok' ? again : first);
          }),
        ),
      );
    }
    return this.outcomes;
  }

  /** HEAD, then a small ranged GET when HEAD is refused or fails in a way GET might not. */
  async checkOnce(url: string): Promise<LinkOutcome> {
    const internal = this.opts.isInternal(url);
    const timeoutMs = this.opts.timeoutMs;
    let headError: unknown;
    try {
      const head = await this.opts.fetcher.fetch({ url, method: 'HEAD', timeoutMs });
      if (head.status < 400) return outcomeFromResponse(url, head, internal);
      if (head.status === 404 || head.status === 410) return outcomeFromResponse(url, head, internal);
    } catch (error) {
      headError = error;
      if (error instanceof FetchError && FINAL_ERRORS.has(error.code)) return outcomeFromError(url, error, internal);
    }
    try {
      const get = await this.opts.fetcher.fetch({ url, method: 'GET', timeoutMs, maxBytes: 16 * 1024, headers: { range: 'bytes=0-16383' } });
      // 416: the server understood the range on an existing (empty) resource.
      if (get.status === 416) return { ...outcomeFromResponse(url, get, internal), state: 'ok' };
      return outcomeFromResponse(url, get, internal);
    } catch (error) {
      return outcomeFromError(url, error ?? headError, internal);
    }
  }
}

