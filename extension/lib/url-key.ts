// Page URL matching between the browser's location and findings' urls: the crawler stores normalised URLs, the
// browser shows what the editor typed. Both sides go through pageKey before comparing.

/** Absolute URL without fragment, lower-case host, no default port; undefined when not an http(s) URL. */
export function pageKey(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  // URL already lower-cases the host and drops default ports; an empty query "?" is dropped too.
  if (url.search === '?') url.search = '';
  return url.href;
}

export function samePage(a: string, b: string): boolean {
  const ka = pageKey(a);
  return ka !== undefined && ka === pageKey(b);
}
