// Helpers shared by the newmedia/* rules and the new-media summaries (browser-safe: no node imports).
import type { NewMediaAccount, NewMediaPost } from '../site-model.js';

export const PLATFORM_LABEL_ZH: Record<NewMediaAccount['platform'], string> = {
  wechat: '微信',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  bilibili: '哔哩哔哩',
  website: '网站',
  other: '其他平台',
};

/** 要点 item 十四: 办公室、研究室牵头 the new-media matrix. */
export const NEWMEDIA_DEFAULT_OWNER = '办公室';

export const DEFAULT_STALE_DAYS = 14;

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetweenDays(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The newest dated post (posts may come in any order). */
export function newestPost(account: NewMediaAccount): NewMediaPost | undefined {
  let best: NewMediaPost | undefined;
  for (const post of account.posts) {
    if (post.date && (!best?.date || post.date > best.date)) best = post;
  }
  return best;
}

export type StaleState = { stale: false } | { stale: true; newest?: NewMediaPost; days?: number };

/** Stale: a readable feed whose newest post is more than `days` days before as-of, or that has no post at all. */
export function staleState(account: NewMediaAccount, asOf: string, days: number = DEFAULT_STALE_DAYS): StaleState {
  if (!account.fetch?.ok) return { stale: false };
  if (account.posts.length === 0) return { stale: true };
  const newest = newestPost(account);
  if (!newest?.date) return { stale: false }; // undated posts: freshness cannot be judged
  const age = daysBetweenDays(newest.date, asOf);
  return age > days ? { stale: true, newest, days: age } : { stale: false };
}

/** Name as compared between the configuration and the site's listing (spacing, quotes, a platform suffix in brackets). */
export function normalizeAccountName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[（(【[]\s*(微信|公众号|微信公众号|微博|新浪微博|官方微博|抖音|头条|今日头条|哔哩哔哩|B站|视频号|服务号|订阅号)[^)）\]】]*[)）\]】]/gi, '')
    .replace(/[\s"'“”‘’《》「」『』·•:：]/g, '')
    .toLowerCase();
}

export function accountOwner(account: NewMediaAccount): string {
  return account.owner ?? NEWMEDIA_DEFAULT_OWNER;
}

/** What the findings put in evidence about an account. */
export function accountEvidence(account: NewMediaAccount): Record<string, unknown> {
  const ev: Record<string, unknown> = { account: account.name, platform: account.platform };
  if (account.feed) ev.feed = account.feed;
  if (account.unit) ev.unit = account.unit;
  if (account.url) ev.link = account.url;
  return ev;
}
