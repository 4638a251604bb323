// Checks link targets outside the page queue: every target once (shared cache by normalised URL), HEAD first
// and a small ranged GET when HEAD is refused or unreliable, a failure re-checked once after a delay (not a 404 or
// 410: the server itself said the target does not exist), and external 403/429/999 reported as unverified
// (firewalls block bots; that is not a dead link).
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
  /** A still-fresh outcome from an earlier audit (incremental re-audit): used instead of a request, and a
   *  failure it confirms needs no delayed re-check. */
  previous?(url: string): LinkOutcome | undefined;
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

const isFailure = (o: LinkOutcome) => o.state === 'broken' || o.state === 'unverified';
/** A failure worth a delayed re-check: anything but the server's own "not found" / "gone", which a moment's wait
 *  does not change (re-checking them only delayed the end of every audit by the re-check delay). */
const isTransientFailure = (o: LinkOutcome) => isFailure(o) && o.status !== 404 && o.status !== 410;

export class LinkChecker {
  /** Outcomes by normalised URL (seeded with what the crawler already fetched). */
  readonly outcomes = new Map<string, LinkOutcome>();
  private readonly limit;
  private readonly rechecked = new Set<string>();
  /** First checks and re-checks under way (a target is requested once per pass, whoever asks). */
  private readonly running = new Map<string, Promise<void>>();
  private readonly recheckScheduled = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private cancelled = false;

  constructor(private readonly opts: LinkCheckOptions) {
    this.limit = pLimit(opts.concurrency ?? 16);
  }

  /** Record an outcome the crawler already has (no second request for it); a failure is re-checked after the
   *  delay, counted from now, so the wait overlaps the rest of the crawl. An outcome already known is kept. */
  seed(outcome: LinkOutcome): void {
    if (this.outcomes.has(outcome.url)) return;
    this.outcomes.set(outcome.url, outcome);
    if (isFailure(outcome)) this.scheduleRecheck(outcome);
  }

  /** Start checking targets at once (while the crawl goes on); results land in `outcomes`. */
  submit(targets: Iterable<string>): void {
    for (const url of targets) this.start(url);
  }

  /** Check every target not yet known and wait for every check and re-check (also of seeded failures). */
  async checkAll(targets: Iterable<string>): Promise<Map<string, LinkOutcome>> {
    this.submit(targets);
    for (;;) {
      if (this.cancelled) break;
      for (const o of this.outcomes.values()) if (isFailure(o)) this.scheduleRecheck(o);
      if (this.running.size === 0) break;
      await Promise.all([...this.running.values()]);
    }
    return this.outcomes;
  }

  /** Stop: pending checks are dropped and re-check timers cleared (an interrupted audit ends promptly). */
  cancel(): void {
    this.cancelled = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private start(url: string): void {
    if (!isCheckable(url) || this.outcomes.has(url) || this.running.has(url) || this.cancelled) return;
    if (this.opts.skip?.(url)) {
      this.outcomes.set(url, { url, state: 'skipped', internal: this.opts.isInternal(url) });
      return;
    }
    const previous = this.opts.previous?.(url);
    if (previous && previous.state !== 'skipped') {
      this.outcomes.set(url, previous);
      this.rechecked.add(url);
      this.opts.onChecked?.(previous);
      return;
    }
    this.track(
      url,
      this.limit(async () => {
        if (this.cancelled) return;
        const outcome = await this.checkOnce(url);
        if (this.outcomes.has(url)) return; // the crawler settled it meanwhile
        this.outcomes.set(url, outcome);
        this.opts.onChecked?.(outcome);
        if (isFailure(outcome)) this.scheduleRecheck(outcome);
      }),
    );
  }

  private track(key: string, work: Promise<void>): void {
    const p = work.finally(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    this.running.set(key, p);
  }

  /** Re-check a failure once, `recheckDelayMs` after it was seen; alive then means transient, not broken. */
  private scheduleRecheck(first: LinkOutcome): void {
    if (!isTransientFailure(first)) return;
    if (this.rechecked.has(first.url) || this.recheckScheduled.has(first.url) || this.cancelled) return;
    const previous = this.opts.previous?.(first.url);
    if (previous && isFailure(previous)) {
      this.rechecked.add(first.url); // failing in the last audit too: not transient
      return;
    }
    this.recheckScheduled.add(first.url);
    const delay = this.opts.recheckDelayMs ?? 2000;
    const wait = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, delay);
      this.timers.add(timer);
    });
    // While a re-check is pending the first check is over; the key differs so both can be tracked.
    this.track(
      `recheck ${first.url}`,
      wait.then(() =>
        this.cancelled
          ? undefined
          : this.limit(async () => {
              if (this.cancelled) return;
              const again = await this.checkOnce(first.url);
              this.rechecked.add(first.url);
              this.outcomes.set(first.url, again.state === 'ok' ? again : first);
            }),
      ),
    );
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

