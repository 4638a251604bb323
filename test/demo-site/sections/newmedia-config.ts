// The newMedia section of the demo config: the accounts whose feeds newmedia.ts serves, as absolute URLs on the
// demo's stand-in external host (accounts live on platforms, off the site). 吉林交通 on 抖音 (listed on the site)
// is deliberately not configured.
import type { GongkaiConfig } from '../../../crawler/config/config-schema.js';
import { DEMO_ACCOUNTS } from './newmedia-accounts.js';

/** `demo` is the running demo (startDemoSite's result) or anything naming its external origin. */
export function demoNewMediaConfig(demo: { externalOrigin: string }): GongkaiConfig['newMedia'] {
  return DEMO_ACCOUNTS.map((a) => ({ ...a, feed: new URL(a.feed, demo.externalOrigin).href }));
}
