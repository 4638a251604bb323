// The newMedia.accounts section of findings.json.
import type { NewMediaAccountSummary } from '../../reports/audit-schema.js';
import type { NewMediaModel } from '../../rules/site-model.js';
import { DEFAULT_STALE_DAYS, newestPost, staleState } from '../../rules/national/newmedia-shared.js';

export function newMediaSummaries(model: NewMediaModel, asOf: string, opts: { staleDays?: number } = {}): NewMediaAccountSummary[] {
  return model.accounts.map((account) => {
    let status: NewMediaAccountSummary['status'] = 'ok';
    if (!account.configured) status = 'unconfigured';
    else if (account.feed && account.fetch && !account.fetch.ok) status = 'unreachable';
    else if (staleState(account, asOf, opts.staleDays ?? DEFAULT_STALE_DAYS).stale) status = 'stale';
    else if (model.pageUrl && !account.listedOnSite) status = 'unlisted';
    // Without a feed nothing about its posts was checked: never shown as 正常.
    else if (!account.feed) status = 'nofeed';
    const summary: NewMediaAccountSummary = { name: account.name, platform: account.platform, status, posts: account.posts.length };
    if (account.feed) summary.feed = account.feed;
    if (account.owner) summary.owner = account.owner;
    if (account.listedOnSite !== undefined) summary.listedOnSite = account.listedOnSite;
    const newest = newestPost(account) ?? account.posts[0];
    if (newest) {
      summary.lastPost = {};
      if (newest.date) summary.lastPost.date = newest.date;
      if (newest.title) summary.lastPost.title = newest.title;
      if (newest.url) summary.lastPost.url = newest.url;
    }
    return summary;
  });
}
