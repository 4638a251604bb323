// HTML escaping for every value a report or the dashboard prints (text and attribute context alike).
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Only http(s) links are clickable; anything else (javascript:, data:) is shown as text by the caller. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
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
