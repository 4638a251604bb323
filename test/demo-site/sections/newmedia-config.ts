// The newMedia section of the demo config: the accounts whose feeds newmedia.ts serves, as absolute URLs on the
// running demo site. 吉林交通 on 抖音 (listed on the site) is deliberately not configured.
import type { GongkaiConfig } from '../../../crawler/config/config-schema.js';
import { DEMO_ACCOUNTS } from './newmedia-accounts.js';

export function demoNewMediaConfig(siteUrl: string): GongkaiConfig['newMedia'] {
  return DEMO_ACCOUNTS.map((a) => ({ ...a, feed: new URL(a.feed, siteUrl).href }));
}
