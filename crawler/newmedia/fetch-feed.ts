// Fetches one account's feed through the polite Fetcher and parses it. Never throws: every failure becomes
// { ok: false, status?, error } for newmedia/unreachable.
import { FetchError, type Fetcher } from '../http/fetcher-types.js';
import { parseFeedBody } from './adapters/parse-feed.js';
import { decodeFeedBody } from './decode-feed.js';
import { FeedParseError, type ListSelectors, type ParsedFeed } from './types.js';

export interface FeedFetchOptions {
  asOf: string;
  now?: Date;
  selectors?: ListSelectors;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FeedFetchResult {
  ok: boolean;
  status?: number;
  /** zh-CN reason when not ok. */
  error?: string;
  finalUrl?: string;
  encoding?: string;
  feed?: ParsedFeed;
}

const NETWORK_ERRORS_ZH: Record<string, string> = {
  ENOTFOUND: '域名无法解析',
  EAI_AGAIN: '域名解析失败',
  ECONNREFUSED: '连接被拒绝',
  ECONNRESET: '连接被重置',
  ETIMEDOUT: '请求超时',
  REDIRECT_LOOP: '重定向循环',
  TOO_MANY_REDIRECTS: '重定向次数过多',
  ROBOTS_DISALLOWED: 'robots.txt 禁止抓取',
};

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export async function fetchFeed(url: string, fetcher: Fetcher, opts: FeedFetchOptions): Promise<FeedFetchResult> {
  let response;
  try {
    response = await fetcher.fetch({
      url,
      headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, text/html;q=0.8, */*;q=0.5' },
      maxBytes: opts.maxBytes ?? 5 * 1024 * 1024,
      timeoutMs: opts.timeoutMs,
    });
  } catch (error) {
    if (error instanceof FetchError) {
      return { ok: false, error: `无法访问订阅源：${NETWORK_ERRORS_ZH[error.code] ?? '网络错误'}（${error.code}）` };
    }
    return { ok: false, error: `无法访问订阅源：${error instanceof Error ? error.message : String(error)}` };
  }
  const { status, finalUrl } = response;
  if (status < 200 || status >= 300) {
    return { ok: false, status, finalUrl, error: `订阅源返回 HTTP ${status}` };
  }
  try {
    const contentType = headerValue(response.headers, 'content-type');
    const decoded = decodeFeedBody(response.body, contentType);
    const feed = parseFeedBody(decoded.text, contentType, { baseUrl: finalUrl, asOf: opts.asOf, now: opts.now, selectors: opts.selectors });
    return { ok: true, status, finalUrl, encoding: decoded.encoding, feed };
  } catch (error) {
    const reason = error instanceof FeedParseError ? error.message : `无法解析订阅源：${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, status, finalUrl, error: response.truncated ? `${reason}（内容超过大小上限被截断）` : reason };
  }
}
