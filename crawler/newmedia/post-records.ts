// New-media posts as page records (kind 'post'), so the page-scope content rules (serious wording errors, privacy
// leaks) read them and the link audit checks their links; findings on them are then attributed to the account.
import { pageRecordSchema, type PageRecord } from '../page-record.js';
import type { NewMediaAccount, NewMediaPost } from '../../rules/site-model.js';
import type { Finding } from '../../reports/audit-schema.js';
import { accountOwner } from '../../rules/national/newmedia-shared.js';
import type { FeedPost } from './types.js';
import { attachmentExt, isSameSite } from '../url/normalize.js';

/** The record URL of a post: its own URL, or the feed URL + '#' + its index when it has none. */
export function postRecordUrl(account: NewMediaAccount, post: NewMediaPost, index: number): string {
  return post.url ?? `${account.feed ?? account.listedAt ?? account.name}#${index}`;
}

export function postToRecord(account: NewMediaAccount, post: NewMediaPost | FeedPost, index: number, siteUrl: string): PageRecord {
  const links = 'links' in post ? post.links : [];
  const linkText = 'linkText' in post ? (post.linkText ?? {}) : {};
  return pageRecordSchema.parse({
    url: postRecordUrl(account, post, index),
    status: 200,
    kind: 'post',
    title: post.title,
    bodyText: post.text ?? '',
    dates: post.date ? [post.date] : [],
    parentUrl: account.feed,
    links: links.map((url) => ({
      url,
      raw: url,
      tag: 'a',
      attr: 'href',
      text: linkText[url] ?? '',
      selector: '',
      attachment: attachmentExt(url) !== undefined,
      internal: isSameSite(url, siteUrl),
    })),
    meta: { ContentSource: account.name },
  });
}

export interface PostRef {
  account: NewMediaAccount;
  post: NewMediaPost;
}

/** Record URL → the account and post it came from. */
export function postIndex(accounts: NewMediaAccount[]): Map<string, PostRef> {
  const index = new Map<string, PostRef>();
  for (const account of accounts) {
    account.posts.forEach((post, i) => {
      const url = postRecordUrl(account, post, i);
      if (!index.has(url)) index.set(url, { account, post });
    });
  }
  return index;
}

/** Names the account and post on findings about post records (source, evidence.account/post, owner). */
export function annotatePostFindings(findings: Finding[], accounts: NewMediaAccount[]): Finding[] {
  const index = postIndex(accounts);
  if (index.size === 0) return findings;
  return findings.map((finding) => {
    const ref = index.get(finding.url);
    if (!ref) return finding;
    const evidence: Record<string, unknown> = { ...finding.evidence, account: ref.account.name, platform: ref.account.platform, post: ref.post.title };
    if (ref.post.date) evidence.postDate = ref.post.date;
    if (ref.post.url) evidence.postUrl = ref.post.url;
    if (ref.account.feed) evidence.feed = ref.account.feed;
    return {
      ...finding,
      source: ref.account.name,
      owner: ref.account.owner ?? finding.owner ?? accountOwner(ref.account),
      message: `政务新媒体“${ref.account.name}”发布的“${ref.post.title || '（无标题）'}”：${finding.message}`,
      evidence,
    };
  });
}
