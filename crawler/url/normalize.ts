// URL normalisation and classification shared by the crawler, the link checker and the extension.
// Browser-safe: uses only the WHATWG URL class.

export type HrefKind = 'request' | 'mailto' | 'tel' | 'javascript' | 'data' | 'fragment' | 'empty' | 'other';

/** Query parameters that carry a server session and never identify content. */
const SESSION_PARAMS = new Set(['jsessionid', 'phpsessid', 'sid', 'sessionid', 'aspsessionid', 'cfid', 'cftoken']);

// ASCII whitespace, NBSP, ideographic (full-width) space, zero-width characters and BOM.
const EDGE_SPACE = /^[\s\u00a0\u3000\u200b-\u200d\ufeff]+|[\s\u00a0\u3000\u200b-\u200d\ufeff]+$/g;
// Browsers remove tabs and newlines anywhere inside a URL before parsing it.
const INNER_TAB_NL = /[\t\n\r]/g;

function cleanHref(raw: string): string {
  return raw.replace(EDGE_SPACE, '').replace(INNER_TAB_NL, '');
}

/** What an href/src attribute value means: only 'request' values make an HTTP request. */
export function classifyHref(raw: string): HrefKind {
  const value = cleanHref(raw ?? '');
  if (value === '') return 'empty';
  if (value.startsWith('#')) return 'fragment';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'request'; // relative or protocol-relative
  switch (scheme) {
    case 'http':
    case 'https':
      return 'request';
    case 'mailto':
      return 'mailto';
    case 'tel':
    case 'callto':
    case 'sms':
      return 'tel';
    case 'javascript':
      return 'javascript';
    case 'data':
      return 'data';
    default:
      return 'other';
  }
}

/**
 * Resolve `raw` against `base` and normalise it: fragment dropped, scheme/host lower-cased, default port removed,
 * `;jsessionid=` path parameters and session query parameters (plus `dropParams`) removed, the rest of the query kept
 * in order. Returns undefined when the result is not a parseable http(s) URL.
 */
export function normalizeUrl(raw: string, base?: string, opts?: { dropParams?: string[] }): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = cleanHref(raw);
  if (value === '' && base === undefined) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(value) : new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  url.hash = '';
  if (/;jsessionid=/i.test(url.pathname)) url.pathname = url.pathname.replace(/;jsessionid=[^/?#]*/gi, '');
  if (url.search) {
    const drop = new Set(SESSION_PARAMS);
    for (const p of opts?.dropParams ?? []) drop.add(p.toLowerCase());
    // Work on the raw query string so the kept parameters keep their exact encoding and order.
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => {
        if (pair === '') return false;
        const eq = pair.indexOf('=');
        const name = eq < 0 ? pair : pair.slice(0, eq);
        let decoded = name;
        try {
          decoded = decodeURIComponent(name.replace(/\+/g, ' '));
        } catch {
          /* keep undecoded */
        }
        return !drop.has(decoded.toLowerCase());
      });
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return url.href;
}

function hostKey(host: string): string {
  return host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
}

function hostOf(url: string): { host: string; hostname: string } | undefined {
  try {
    const u = new URL(url);
    return { host: hostKey(u.host), hostname: hostKey(u.hostname) };
  } catch {
    return undefined;
  }
}

/**
 * A reusable same-site test: `url` is on the audited site when it has the same host (and port) as `siteUrl`
 * ignoring a leading `www.`, or matches one of `extraHosts` (a host, host:port, or `*.example.gov.cn`).
 */
export function createSiteMatcher(siteUrl: string, extraHosts?: string[]): (url: string) => boolean {
  const site = hostOf(siteUrl);
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const extra of extraHosts ?? []) {
    const e = hostKey(String(extra).trim());
    if (!e) continue;
    if (e.startsWith('*.')) suffixes.push(e.slice(2));
    else exact.add(e);
  }
  return (url: string) => {
    const target = hostOf(url);
    if (!target) return false;
    if (site && target.host === site.host) return true;
    if (exact.has(target.host) || exact.has(target.hostname)) return true;
    return suffixes.some((s) => target.hostname === s || target.hostname.endsWith(`.${s}`));
  };
}

/** true when `url` is on the audited site (see createSiteMatcher). */
export function isSameSite(url: string, siteUrl: string, extraHosts?: string[]): boolean {
  return createSiteMatcher(siteUrl, extraHosts)(url);
}

export const ATTACHMENT_EXTENSIONS: readonly string[] = [
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'txt', 'zip', 'rar', '7z', 'wps', 'et', 'ofd', 'ppt', 'pptx',
];
const ATTACHMENT_SET = new Set(ATTACHMENT_EXTENSIONS);

/** The attachment extension of a URL's path (lower-case), or undefined when it is not an attachment. */
export function attachmentExt(url: string): string | undefined {
  let path: string;
  const abs = /^https?:\/\/[^/?#]*(\/[^?#]*)?/i.exec(url);
  if (abs) path = abs[1] ?? '/';
  else {
    try {
      path = new URL(url, 'http://x.invalid/').pathname;
    } catch {
      return undefined;
    }
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = last.slice(dot + 1).toLowerCase();
  return ATTACHMENT_SET.has(ext) ? ext : undefined;
}
