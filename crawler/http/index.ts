export * from './fetcher-types.js';
export { PoliteFetcher, toFetchError, type PoliteFetcherOptions } from './polite-fetcher.js';
export { HostLimiter, type HostLimiterOptions } from './host-limiter.js';
export { parseRetryAfter } from './retry-after.js';
export { readBody } from './read-body.js';
export { RobotsCache } from './robots-cache.js';
export { DEFAULT_USER_AGENT } from './user-agent.js';
