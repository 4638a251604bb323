// URL normalisation and classification shared by the crawler, the link checker and the extension.
// Browser-safe: uses only the WHATWG URL class.

export type HrefKind = 'request' | 'mailto' | 'tel' | 'javascript' | 'data' | 'fragment' | 'empty' | 'other';

/** Query parameters that carry a server session and never identify content. */
const SESSION_PARAMS = new Set(['jsessionid', 'phpsessid', 'sid', 'sessionid', 'aspsessionid', 'cfid', 'cftoken']);

// ASCII whitespace, NBSP, ideographic (full-width) space, zero-width characters and BOM.
const EDGE_SPACE = /^[\s\u00a0\u3000\u200b-\u200d\ufeff]+|[\s\u00a0\u3000\u200b-\u200d\ufeff]+$/g;
// Browsers remove tabs and newlines anywhere inside a URL before parsing it.
const INNER_TAB_NL = /[\t\n\r]/g;

const EDGE_CHAR = /[\s\u00a0\u3000\u200b-\u200d\ufeff]/;
const TAB_NL = /[\t\n\r]/;

/** false for a character EDGE_SPACE could remove (printable ASCII never is). */
function plainEdge(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c > 0x20 && c < 0x7f ? true : !EDGE_CHAR.test(s[i]);
}

function cleanHref(raw: string): string {
  // Nearly every href is already clean: test the two ends and look for tabs/newlines before replacing.
  if (raw === '') return raw;
  if (plainEdge(raw, 0) && plainEdge(raw, raw.length - 1) && !TAB_NL.test(raw)) return raw;
  return raw.replace(EDGE_SPACE, '').replace(INNER_TAB_NL, '');
}

// Fast path of normalizeUrl for the common shapes (an absolute or relative path of plain ASCII, or an http(s) URL
// with a plain lower-case host), computed as the WHATWG parser would; everything else goes through URL.
// test/extract/url-fast-path.test.ts compares both on generated inputs.
/** Path characters WHATWG keeps as they are (no percent-encoding), minus ';' (jsessionid) and ':' (scheme). */
const PLAIN_PATH = /^[A-Za-z0-9\-._~/!$&'()*+,=@%]*$/;
const PLAIN_ABSOLUTE = /^(https?):\/\/([a-z0-9.-]+)(?::([1-9][0-9]{0,4}))?(\/[A-Za-z0-9\-._~/!$&'()*+,=@%]*)?$/;
const NUMERIC_LABEL = /^(?:[0-9]+|0x[0-9a-f]*)$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** A host the URL parser leaves unchanged: lower-case LDH labels (no IDNA), or a canonical IPv4 address. */
function plainHost(host: string): boolean {
  if (host.startsWith('.') || host.includes('..') || host.includes('xn--')) return false;
  const labels = host.endsWith('.') ? host.slice(0, -1) : host;
  const last = labels.slice(labels.lastIndexOf('.') + 1);
  if (NUMERIC_LABEL.test(last)) return !host.endsWith('.') && DOTTED_QUAD.test(host);
  return true;
}

const LEADING_DOTS = /^(?:\.\.?\/)+/;

/**
 * Path resolution as Node's URL parser does it, for the shapes it handles plainly: `path` absolute ('/...') or
 * relative with only leading './' and '../' steps. Any other segment starting with '.' goes to the parser (Node 20's
 * ada keeps '/.' after a segment like '.html', unlike the spec: matching the parser exactly matters more).
 */
function resolvePath(baseDir: string[] | undefined, path: string): string | undefined {
  // '%2e' is a dot to the URL parser.
  if (path.includes('%') && /%2e/i.test(path)) return undefined;
  if (path[0] === '/') return path.includes('/.') ? undefined : path;
  let dir = baseDir!;
  let rest = path;
  if (path[0] === '.') {
    const steps = LEADING_DOTS.exec(path)?.[0];
    if (steps === undefined) return undefined;
    rest = path.slice(steps.length);
    const ups = steps.split('../').length - 1;
    if (ups) dir = dir.slice(0, Math.max(0, dir.length - ups));
  }
  if (rest[0] === '.' || rest.includes('/.')) return undefined;
  return dir.length ? `/${dir.join('/')}/${rest}` : `/${rest}`;
}

interface BaseParts {
  /** scheme://[userinfo@]host[:port], for an http(s) base. */
  prefix?: string;
  /** Path segments of the base without the last one (the "directory"). */
  dir?: string[];
}
/** Parsed bases; null for a string the URL parser rejects (then every href resolves to nothing). */
const BASES = new Map<string, BaseParts | null>();

let lastBase: string | undefined;
let lastParts: BaseParts | null = null;

function baseParts(base: string): BaseParts | null {
  // Consecutive calls nearly always resolve against the same page's base.
  if (base === lastBase) return lastParts;
  let parts = BASES.get(base);
  if (parts !== undefined) {
    lastBase = base;
    lastParts = parts;
    return parts;
  }
  parts = baseParsed(base);
  lastBase = base;
  lastParts = parts;
  return parts;
}

function baseParsed(base: string): BaseParts | null {
  let parts: BaseParts | null = null;
  try {
    const u = new URL(base);
    parts = {};
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) {
      const href = u.href;
      const segs = u.pathname.slice(1).split('/');
      segs.pop();
      parts = { prefix: href.slice(0, href.length - u.pathname.length - u.search.length - u.hash.length), dir: segs };
    }
  } catch {
    /* not a base: the slow path reports it */
  }
  // A page's links share its base; a small cache is enough, cleared rather than evicted.
  if (BASES.size >= 256) BASES.clear();
  BASES.set(base, parts);
  return parts;
}

/** The normalised URL when `value` (cleaned) has a common shape, else undefined (use the URL parser). */
function fastNormalize(value: string, base: string | undefined): string | undefined {
  const hash = value.indexOf('#');
  const v = hash < 0 ? value : value.slice(0, hash);
  if (v.includes('?')) return undefined;
  if (v.startsWith('http://') || v.startsWith('https://')) {
    if (base !== undefined && !baseParts(base)) return undefined;
    const m = PLAIN_ABSOLUTE.exec(v);
    if (!m || !plainHost(m[2])) return undefined;
    const [, scheme, host, port, path] = m;
    if (port !== undefined && (Number(port) > 65535 || port === (scheme === 'http' ? '80' : '443'))) return undefined;
    const resolved = path === undefined ? '/' : resolvePath(undefined, path);
    if (resolved === undefined) return undefined;
    return `${scheme}://${host}${port === undefined ? '' : `:${port}`}${resolved}`;
  }
  if (base === undefined || v === '' || v.startsWith('//') || !PLAIN_PATH.test(v)) return undefined;
  const parts = baseParts(base);
  if (!parts?.prefix) return undefined;
  const resolved = resolvePath(parts.dir, v);
  return resolved === undefined ? undefined : parts.prefix + resolved;
}

/** What an href/src attribute value means: only 'request' values make an HTTP request. */
export function classifyHref(raw: string): HrefKind {
  const value = cleanHref(raw ?? '');
  if (value === '') return 'empty';
  if (value.startsWith('#')) return 'fragment';
  // No scheme can start with anything but a letter ('/x', './x', '../x'), and http(s) is the common one.
  const c0 = value.charCodeAt(0) | 0x20;
  if (c0 < 0x61 || c0 > 0x7a || value.startsWith('http://') || value.startsWith('https://')) return 'request';
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
  return fastNormalize(value, base) ?? parseAndNormalize(value, base, opts);
}

/** normalizeUrl through the WHATWG parser only (the reference for the fast path; exported for its test). */
export function normalizeUrlWithParser(raw: string, base?: string, opts?: { dropParams?: string[] }): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = cleanHref(raw);
  if (value === '' && base === undefined) return undefined;
  return parseAndNormalize(value, base, opts);
}

function parseAndNormalize(value: string, base: string | undefined, opts: { dropParams?: string[] } | undefined): string | undefined {
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

const PLAIN_AUTHORITY = /^(https?):\/\/([a-z0-9.-]+)(?::([1-9][0-9]{0,4}))?(?:[/?#]|$)/;

function hostOf(url: string): { host: string; hostname: string } | undefined {
  // Links are mostly plain http(s) URLs: read the host from the string (the rest of a URL never fails to parse).
  const m = PLAIN_AUTHORITY.exec(url);
  if (m && plainHost(m[2])) {
    const [, scheme, hostname, port] = m;
    if (port === undefined) {
      const key = hostKey(hostname);
      return { host: key, hostname: key };
    }
    if (Number(port) <= 65535 && port !== (scheme === 'http' ? '80' : '443')) {
      return { host: hostKey(`${hostname}:${port}`), hostname: hostKey(hostname) };
    }
  }
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
  const matches = (url: string): boolean => {
    const target = hostOf(url);
    if (!target) return false;
    if (site && target.host === site.host) return true;
    if (exact.has(target.host) || exact.has(target.hostname)) return true;
    return suffixes.some((s) => target.hostname === s || target.hostname.endsWith(`.${s}`));
  };
  // A page's links name a few hosts many times: remember the answer per plain scheme://host:port.
  const known = new Map<string, boolean>();
  return (url: string) => {
    // The answer depends only on the scheme and authority: the text up to the first '/', '?', '#' or '\\'.
    const start = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : -1;
    if (start < 0) return matches(url);
    let end = start;
    while (end < url.length) {
      const c = url.charCodeAt(end);
      if (c === 47 || c === 63 || c === 35 || c === 92) break;
      end++;
    }
    const key = url.slice(0, end);
    let answer = known.get(key);
    if (answer === undefined) {
      answer = matches(url);
      if (known.size < 1000) known.set(key, answer);
    }
    return answer;
  };
}

/** true when `url` is on the audited site (see createSiteMatcher). */
/** hostOf through the URL parser only (the reference for its fast path; exported for its test). */
export function hostOfWithParser(url: string): { host: string; hostname: string } | undefined {
  try {
    const u = new URL(url);
    return { host: hostKey(u.host), hostname: hostKey(u.hostname) };
  } catch {
    return undefined;
  }
}

/** The site-matching key of a URL's host (and port). */
export { hostOf as siteHostOf };

export function isSameSite(url: string, siteUrl: string, extraHosts?: string[]): boolean {
  return siteMatcher(siteUrl, extraHosts)(url);
}

// Every page and link of a crawl has the same site: one matcher (and its per-host answers) serves them all, instead
// of one built (the site's host parsed, the extra hosts read) for every URL asked about.
let lastMatcher: { siteUrl: string; extraHosts: readonly string[] | undefined; key: string; matches: (url: string) => boolean } | undefined;

/** createSiteMatcher for these arguments, reused while they stay the same. */
export function siteMatcher(siteUrl: string, extraHosts?: string[]): (url: string) => boolean {
  const last = lastMatcher;
  if (last && last.siteUrl === siteUrl && last.extraHosts === extraHosts) return last.matches;
  const key = extraHosts?.length ? JSON.stringify([siteUrl, ...extraHosts]) : siteUrl;
  lastMatcher = { siteUrl, extraHosts, key, matches: last?.key === key ? last.matches : createSiteMatcher(siteUrl, extraHosts) };
  return lastMatcher.matches;
}

export const ATTACHMENT_EXTENSIONS: readonly string[] = [
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'txt', 'zip', 'rar', '7z', 'wps', 'et', 'ofd', 'ppt', 'pptx',
];
const ATTACHMENT_SET = new Set(ATTACHMENT_EXTENSIONS);

/** The attachment extension of a URL's path (lower-case), or undefined when it is not an attachment. */
const HTTP_PREFIX = /^https?:\/\//i;

/** End of the path of an absolute URL whose path starts at `from` (the first '?' or '#', or the end). */
function pathEnd(url: string, from: number): number {
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) return i;
  }
  return url.length;
}

export function attachmentExt(url: string): string | undefined {
  if (HTTP_PREFIX.test(url)) {
    // Same as /^https?:\/\/[^/?#]*(\/[^?#]*)?/i without the match arrays: called for every link.
    const hostStart = url[4] === ':' ? 7 : 8;
    let i = hostStart;
    while (i < url.length) {
      const c = url.charCodeAt(i);
      if (c === 47 /* / */ || c === 63 || c === 35) break;
      i++;
    }
    return i < url.length && url.charCodeAt(i) === 47 ? extensionIn(url, i, pathEnd(url, i)) : undefined;
  }
  let path: string;
  try {
    path = new URL(url, 'http://x.invalid/').pathname;
  } catch {
    return undefined;
  }
  return extensionIn(path, 0, path.length);
}

/** The attachment extension of the last segment of `text[start, end)` (a path), read backwards from its end
 *  without copying the path. */
function extensionIn(text: string, start: number, end: number): string | undefined {
  for (let j = end - 1; j >= start; j--) {
    const c = text.charCodeAt(j);
    if (c === 47 /* / */) return undefined;
    if (c === 46 /* . */) {
      // No attachment extension is longer than four letters.
      if (end - j - 1 > 4) return undefined;
      const ext = text.slice(j + 1, end).toLowerCase();
      return ATTACHMENT_SET.has(ext) ? ext : undefined;
    }
  }
  return undefined;
}
