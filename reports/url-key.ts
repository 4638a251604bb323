// URL keys used to match pages and sites across audits and from the extension: lower-case host, no default port,
// no fragment, and /dir/index.html equal to /dir/.
const INDEX_RE = /\/(?:index|default)\.(?:html?|shtml|jsp|php|aspx?)$/i;

export function pageKey(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  u.hash = '';
  u.pathname = u.pathname.replace(INDEX_RE, '/');
  return u.href;
}

/** A site is identified by its host (scheme and www-less variants are not merged: they are distinct sites). */
export function hostKey(raw: string): string | undefined {
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** Key of an audit's start URL: its normalised page key (falls back to the raw string). */
export function siteKey(raw: string): string {
  return pageKey(raw) ?? raw.trim();
}
