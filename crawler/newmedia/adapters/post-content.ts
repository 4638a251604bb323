// Turns a post's HTML content into plain text and absolute http(s) links.
import * as cheerio from 'cheerio';

export interface PostContent {
  text: string;
  links: string[];
}

export function absoluteHttpUrl(raw: string | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text and links of an HTML fragment; plain text passes through unchanged. */
export function postContent(html: string | undefined, baseUrl: string): PostContent {
  if (!html) return { text: '', links: [] };
  if (!/<[a-z!/]/i.test(html)) return { text: collapse(html), links: [] };
  const $ = cheerio.load(html, null, false);
  $('script, style').remove();
  const links = new Set<string>();
  $('a[href], img[src]').each((_, el) => {
    const url = absoluteHttpUrl($(el).attr('href') ?? $(el).attr('src'), baseUrl);
    if (url) links.add(url);
  });
  $('br, p, div, li, tr').after(' ');
  return { text: collapse($.root().text()), links: [...links] };
}
