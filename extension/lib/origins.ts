// Sites the overlay runs on are stored as origins (scheme://host[:port]). Match patterns (permissions, content
// script registration) carry no port because Firefox rejects ports in patterns; the content script checks the
// exact origin itself.

export type OriginParse = { ok: true; origin: string } | { ok: false; error: string };

export function parseOrigin(input: string): OriginParse {
  const text = input.trim();
  if (!text) return { ok: false, error: '地址为空' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, error: `“${text}”不是有效的网址` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `“${text}”不是 http 或 https 网址` };
  }
  return { ok: true, origin: url.origin };
}

/** Match pattern for an origin, port dropped: https://a.gov.cn:8443 → https://a.gov.cn/* */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export function uniquePatterns(origins: Iterable<string>): string[] {
  return [...new Set([...origins].map(originPattern))];
}
