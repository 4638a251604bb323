// Page URL matching between the browser's location and findings' urls: findings carry URLs normalised by the
// crawler (crawler/url normalizeUrl), so the browser's URL goes through the same normaliser before comparing.
import { normalizeUrl } from '../../crawler/url/index.js';

/** Normalised absolute http(s) URL without fragment (as the crawler stores it); undefined otherwise. */
export function pageKey(raw: string, base?: string): string | undefined {
  const href = normalizeUrl(raw, base);
  // new URL('…?') keeps a bare "?" in href; the crawler never links a bare "?" differently from none.
  return href?.replace(/\?$/, '');
}

export function samePage(a: string, b: string): boolean {
  const ka = pageKey(a);
  return ka !== undefined && ka === pageKey(b);
}
