// Page URL matching between the browser's location and findings' urls: findings carry URLs normalised by the
// crawler (crawler/url normalizeUrl), so the browser's URL goes through the same normaliser, then the same key as
// `gongkai serve` uses (reports/url-key: /dir/index.html equals /dir/).
import { normalizeUrl } from '../../crawler/url/index.js';
import { pageKey as serverPageKey } from '../../reports/url-key.js';

/** Key of an http(s) page URL for matching; undefined when not an http(s) URL. */
export function pageKey(raw: string, base?: string): string | undefined {
  const href = normalizeUrl(raw, base);
  // new URL('…?') keeps a bare "?" in href; the crawler never links a bare "?" differently from none.
  return href === undefined ? undefined : serverPageKey(href.replace(/\?$/, ''));
}

export function samePage(a: string, b: string): boolean {
  const ka = pageKey(a);
  return ka !== undefined && ka === pageKey(b);
}
