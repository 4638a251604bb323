// Per-host politeness: a token bucket (rate, small burst) and a concurrency cap, plus a pause that a 429's
// Retry-After imposes on every later request to the same host.
import pLimit, { type LimitFunction } from 'p-limit';

export interface HostLimiterOptions {
  /** Requests per second per host; 0 or Infinity lifts the limit. */
  rate: number;
  /** Requests in flight per host. */
  concurrency: number;
  /** Bucket size: how many requests may start back to back after an idle spell. */
  burst?: number;
}

interface HostState {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
  /** Extra minimum spacing (robots.txt Crawl-delay), ms. */
  minSpacingMs: number;
  lastStart: number;
  limit: LimitFunction;
  /** Serialises token hand-out so waiters are served in order. */
  chain: Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly burst: number;

  constructor(private readonly opts: HostLimiterOptions) {
    this.burst = Math.max(1, opts.burst ?? 1);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = {
        tokens: this.burst,
        updatedAt: Date.now(),
        pausedUntil: 0,
        minSpacingMs: 0,
        lastStart: 0,
        limit: pLimit(Math.max(1, this.opts.concurrency)),
        chain: Promise.resolve(),
      };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Hold back every request to `host` until `until` (epoch ms). */
  pause(host: string, until: number): void {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, until);
  }

  setMinSpacing(host: string, ms: number): void {
    this.state(host).minSpacingMs = Math.max(0, ms);
  }

  /** Run `task` once the host has a free slot and a token. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    return s.limit(async () => {
      await this.take(s);
      return task();
    });
  }

  private take(s: HostState): Promise<void> {
    const turn = s.chain.then(async () => {
      const rate = this.opts.rate;
      for (;;) {
        const now = Date.now();
        let wait = Math.max(0, s.pausedUntil - now, s.lastStart + s.minSpacingMs - now);
        if (wait === 0 && Number.isFinite(rate) && rate > 0) {
          s.tokens = Math.min(this.burst, s.tokens + ((now - s.updatedAt) / 1000) * rate);
          s.updatedAt = now;
          if (s.tokens >= 1) {
            s.tokens -= 1;
          } else {
            wait = Math.ceil(((1 - s.tokens) / rate) * 1000);
          }
        }
        if (wait <= 0) {
          s.lastStart = Date.now();
          return;
        }
        await sleep(wait);
      }
    });
    s.chain = turn.catch(() => undefined);
    return turn;
  }
}
