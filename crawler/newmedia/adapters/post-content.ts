// Turns a post's HTML content into plain text and absolute http(s) links.
import * as cheerio from 'cheerio';

export interface PostContent {
  text: string;
  links: string[];
  /** Anchor text (or image alt) per link, when it has one: the link audit names links by it. */
  linkText?: Record<string, string>;
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
  const linkText: Record<string, string> = {};
  $('a[href], img[src]').each((_, el) => {
    const url = absoluteHttpUrl($(el).attr('href') ?? $(el).attr('src'), baseUrl);
    if (!url) return;
    links.add(url);
    const label = collapse($(el).is('img') ? ($(el).attr('alt') ?? '') : $(el).text() || ($(el).attr('title') ?? ''));
    if (label && !linkText[url]) linkText[url] = label;
  });
  $('br, p, div, li, tr').after(' ');
  const content: PostContent = { text: collapse($.root().text()), links: [...links] };
  if (Object.keys(linkText).length > 0) content.linkText = linkText;
  return content;
}
