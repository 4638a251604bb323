// An account's post list rendered as an HTML page, read with configured selectors (item, title, date, link).
import * as cheerio from 'cheerio';
import { findZhDate, parseZhDate } from '../zh-date.js';
import { FeedParseError, type FeedPost, type ListSelectors, type ParseOptions, type ParsedFeed } from '../types.js';
import { absoluteHttpUrl, collapse } from './post-content.js';

export function parseHtmlList(html: string, selectors: ListSelectors, opts: ParseOptions): ParsedFeed {
  let $: cheerio.CheerioAPI;
  let items: ReturnType<cheerio.CheerioAPI>;
  try {
    $ = cheerio.load(html);
    items = $(selectors.item);
  } catch (error) {
    // Invalid selector syntax is a configuration problem, reported like a parse error (never a crash).
    throw new FeedParseError(`列表选择器无效（${selectors.item}）：${error instanceof Error ? error.message : String(error)}`);
  }
  const ctx = { asOf: opts.asOf, now: opts.now };
  const pick = (scope: ReturnType<cheerio.CheerioAPI>, selector: string | undefined) => {
    if (!selector) return undefined;
    try {
      const found = scope.find(selector).first();
      return found.length ? found : undefined;
    } catch {
      throw new FeedParseError(`列表选择器无效（${selector}）`);
    }
  };
  const posts: FeedPost[] = [];
  items.each((_, el) => {
    const item = $(el);
    const anchor = pick(item, selectors.link) ?? (item.is('a') ? item : pick(item, 'a'));
    const titleEl = pick(item, selectors.title) ?? anchor;
    const title = collapse((titleEl ?? item).attr('title') ?? (titleEl ?? item).text());
    const itemText = collapse(item.text());
    const dateEl = pick(item, selectors.date);
    const date = dateEl ? parseZhDate(collapse(dateEl.text()), ctx) ?? findZhDate(dateEl.text(), ctx) : findZhDate(itemText, ctx);
    const url = absoluteHttpUrl(anchor?.attr('href'), opts.baseUrl);
    if (!title && !url) return;
    const post: FeedPost = { title, links: [] };
    if (date) post.date = date;
    if (url) post.url = url;
    if (itemText && itemText !== title) post.text = itemText;
    posts.push(post);
  });
  return { format: 'html', title: collapse($('title').first().text()) || undefined, posts };
}
