// Test helpers: decode a served route as a browser would (header charset, then meta), and scan text for the
// personal-number patterns the privacy rules look for. Used by the demo site's own consistency tests.
import iconv from 'iconv-lite';
import * as cheerio from 'cheerio';
import type { DemoResponse } from './types.js';
import { passesIdChecksum } from './identity.js';

export function isHtml(r: DemoResponse): boolean {
  return (r.headers['content-type'] ?? '').startsWith('text/html');
}

/** The charset a route declares: header first, then a meta tag in the first 1024 bytes. */
export function declaredCharset(r: DemoResponse): string | undefined {
  const header = /charset=([\w-]+)/i.exec(r.headers['content-type'] ?? '')?.[1];
  if (header) return header.toLowerCase();
  const head = Buffer.from(r.body.subarray(0, 1024)).toString('latin1');
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

export function decodeRoute(r: DemoResponse): string {
  const cs = declaredCharset(r) ?? 'utf-8';
  return /^(gbk|gb2312|gb18030)$/.test(cs) ? iconv.decode(Buffer.from(r.body), 'gb18030') : new TextDecoder('utf-8').decode(r.body);
}

/** Visible text of an HTML page (scripts and styles removed). */
export function visibleText(htmlText: string): string {
  const $ = cheerio.load(htmlText);
  $('script, style').remove();
  return $('body').text().replace(/\s+/g, ' ');
}

/** 18-character tokens not inside a longer run of digits/letters and not an 索引号 prefix (followed by /YYYY). */
export function idLikeTokens(text: string): string[] {
  return [...text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])(?!\/\d{4})/g)].map((m) => m[0].toUpperCase());
}

export function unmaskedIds(text: string): string[] {
  return idLikeTokens(text).filter((t) => passesIdChecksum(t) && plausibleBirth(t));
}

export function plausibleBirth(id: string): boolean {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2025 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function unmaskedMobiles(text: string): string[] {
  return [...text.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)].map((m) => m[0]);
}
