// HTML escaping for every value a report or the dashboard prints (text and attribute context alike).
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

const HTML_SPECIAL = /[&<>"'`]/;

export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  // Most values (ids, labels, Chinese text) need no escaping: test before building a new string.
  return HTML_SPECIAL.test(s) ? s.replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch] ?? ch) : s;
}

// Reports link the same pages many times (several findings a page, each in two sheets): parse each url once.
const hrefCache = new Map<string, string | undefined>();
const HREF_CACHE_MAX = 50_000;

/** Only http(s) links are clickable; anything else (javascript:, data:) is shown as text by the caller. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (hrefCache.has(url)) return hrefCache.get(url);
  if (hrefCache.size >= HREF_CACHE_MAX) hrefCache.clear();
  const href = parseHref(url);
  hrefCache.set(url, href);
  return href;
}

function parseHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Evidence screenshots live under evidence/<hex>.png next to the report; nothing else is accepted as an image. */
export function safeEvidencePath(path: unknown): string | undefined {
  return typeof path === 'string' && /^evidence\/[0-9a-f]{8,64}\.png$/.test(path) ? path : undefined;
}
