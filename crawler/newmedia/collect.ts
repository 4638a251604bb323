// After the crawl: merge configured accounts with those listed on the site's 政务新媒体 page, read every feed
// (never failing the audit), and turn posts into page records for the content rules and the link audit.
import pLimit from 'p-limit';
import type { PageRecord } from '../page-record.js';
import type { Fetcher } from '../http/fetcher-types.js';
import type { GongkaiConfig } from '../config/config-schema.js';
import type { NewMediaAccount, NewMediaModel } from '../../rules/site-model.js';
import { normalizeAccountName } from '../../rules/national/newmedia-shared.js';
import { findNewMediaPage, listedFromRecord, parseNewMediaPage, type ListedAccount } from './discover.js';
import { decodeFeedBody } from './decode-feed.js';
import { fetchFeed } from './fetch-feed.js';
import { postToRecord } from './post-records.js';

export type NewMediaAccountConfig = GongkaiConfig['newMedia'][number];

export interface CollectNewMediaInput {
  accounts: NewMediaAccountConfig[];
  /** Crawled pages (the 政务新媒体 page is looked for among them). */
  pages: PageRecord[];
  fetcher: Fetcher;
  asOf: string;
  siteUrl: string;
  now?: Date;
  /** Feeds read at once (the Fetcher still applies its per-host limits). */
  concurrency?: number;
  timeoutMs?: number;
}

export interface CollectedNewMedia {
  model: NewMediaModel;
  postRecords: PageRecord[];
  /** Listing problems worth a note in the audit log (zh-CN), e.g. the 政务新媒体 page could not be re-read. */
  notes: string[];
}

async function readListing(page: PageRecord, fetcher: Fetcher, notes: string[]): Promise<ListedAccount[]> {
  try {
    const res = await fetcher.fetch({ url: page.url, maxBytes: 5 * 1024 * 1024 });
    if (res.status >= 200 && res.status < 300) {
      const contentType = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      const listed = parseNewMediaPage(decodeFeedBody(res.body, contentType).text, res.finalUrl);
      if (listed.length > 0) return listed;
    } else {
      notes.push(`政务新媒体页面重新读取失败（HTTP ${res.status}），改用抓取记录中的链接识别账号`);
    }
  } catch (error) {
    notes.push(`政务新媒体页面重新读取失败（${error instanceof Error ? error.message : String(error)}），改用抓取记录中的链接识别账号`);
  }
  return listedFromRecord(page);
}

function matches(config: NewMediaAccountConfig, listed: ListedAccount): boolean {
  if (normalizeAccountName(config.name) !== normalizeAccountName(listed.name)) return false;
  return listed.platform === config.platform || listed.platform === 'other' || config.platform === 'other';
}

export async function collectNewMedia(input: CollectNewMediaInput): Promise<CollectedNewMedia> {
  const notes: string[] = [];
  const page = findNewMediaPage(input.pages);
  const listed = page ? await readListing(page, input.fetcher, notes) : [];
  const matched = new Set<ListedAccount>();

  const accounts: NewMediaAccount[] = input.accounts.map((c) => {
    const account: NewMediaAccount = { name: c.name, platform: c.platform, configured: true, posts: [] };
    if (c.feed) account.feed = c.feed;
    if (c.owner) account.owner = c.owner;
    if (c.unit) account.unit = c.unit;
    if (page) {
      const hit = listed.find((l) => !matched.has(l) && matches(c, l));
      account.listedOnSite = hit !== undefined;
      if (hit) {
        matched.add(hit);
        account.listedAt = page.url;
        if (hit.url) account.url = hit.url;
        if (!account.unit && hit.unit) account.unit = hit.unit;
      }
    }
    return account;
  });
  for (const l of listed) {
    if (matched.has(l)) continue;
    const account: NewMediaAccount = { name: l.name, platform: l.platform, configured: false, listedOnSite: true, listedAt: page!.url, posts: [] };
    if (l.unit) account.unit = l.unit;
    if (l.url) account.url = l.url;
    accounts.push(account);
  }

  const limit = pLimit(input.concurrency ?? 4);
  await Promise.all(
    accounts.map((account, i) =>
      limit(async () => {
        if (!account.configured || !account.feed) return;
        // Configured accounts come first, in configuration order (two accounts may share a name).
        const selectors = input.accounts[i]?.selectors;
        const result = await fetchFeed(account.feed, input.fetcher, { asOf: input.asOf, now: input.now, selectors, timeoutMs: input.timeoutMs });
        account.fetch = { ok: result.ok };
        if (result.status !== undefined) account.fetch.status = result.status;
        if (result.error) account.fetch.error = result.error;
        // Newest first: the order the summaries and reports show.
        account.posts = (result.feed?.posts ?? []).slice().sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
      }),
    ),
  );

  const postRecords = accounts.flatMap((account) => account.posts.map((post, i) => postToRecord(account, post, i, input.siteUrl)));
  const model: NewMediaModel = { accounts };
  if (page) model.pageUrl = page.url;
  return { model, postRecords, notes };
}
