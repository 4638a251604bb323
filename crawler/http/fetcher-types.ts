// The polite HTTP layer's interface, shared by the crawler, the link checker and the new-media feeds.

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Stop reading the body after this many bytes (the response is marked truncated). */
  maxBytes?: number;
  /** Follow redirects (default true, at most 10; loops are detected). */
  followRedirects?: boolean;
  timeoutMs?: number;
}

export interface FetchResponse {
  /** URL that was requested. */
  url: string;
  /** URL after redirects. */
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  /** Redirect chain (each hop's URL, the final URL last); empty when none. */
  redirects: string[];
  body: Buffer;
  /** true when the body was cut at maxBytes. */
  truncated: boolean;
}

/** A network-level failure (no HTTP response): code is ENOTFOUND, ECONNREFUSED, ETIMEDOUT, ECONNRESET,
 *  REDIRECT_LOOP, TOO_MANY_REDIRECTS, ROBOTS_DISALLOWED, ... */
export class FetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly url: string,
    readonly redirects: string[] = [],
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface Fetcher {
  /** Fetch politely (per-host rate and concurrency, robots.txt, 429 Retry-After, retries with backoff for 5xx
   *  and network errors, timeouts, identifying User-Agent). Resolves with any HTTP status; rejects with
   *  FetchError only when no response could be had. */
  fetch(request: FetchRequest): Promise<FetchResponse>;
}
