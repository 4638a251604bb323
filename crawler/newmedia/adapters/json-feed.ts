// JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/) through @extractus/feed-extractor.
import { extractFromJson } from '@extractus/feed-extractor';
import { parseZhDate } from '../zh-date.js';
import { FeedParseError, type FeedPost, type ParseOptions, type ParsedFeed } from '../types.js';
import { absoluteHttpUrl, collapse, postContent } from './post-content.js';

export function parseJsonFeed(text: string, opts: ParseOptions): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FeedParseError(`JSON 格式错误：${error instanceof Error ? error.message : String(error)}`);
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as { items?: unknown }).items)) {
    throw new FeedParseError('不是 JSON Feed 订阅源（缺少 items 数组）');
  }
  // One malformed item (null, a number) must not hide the account's other posts.
  const feedJson = { ...(json as Record<string, unknown>), items: ((json as { items: unknown[] }).items).filter((i) => i !== null && typeof i === 'object' && !Array.isArray(i)) };
  let data: { title?: string; entries?: Array<Record<string, unknown>> };
  try {
    data = extractFromJson(feedJson, {
      useISODateFormat: false,
      descriptionMaxLen: 0,
      baseUrl: opts.baseUrl,
      getExtraEntryFields: (item: Record<string, unknown>) => ({
        rawDate: item.date_published ?? item.date_modified ?? '',
        rawHtml: typeof item.content_html === 'string' ? item.content_html : '',
        rawText: typeof item.content_text === 'string' ? item.content_text : typeof item.summary === 'string' ? item.summary : '',
        rawLink: typeof item.url === 'string' ? item.url : typeof item.external_url === 'string' ? item.external_url : '',
      }),
    }) as typeof data;
  } catch (error) {
    throw new FeedParseError(`无法解析 JSON Feed：${error instanceof Error ? error.message : String(error)}`);
  }
  const ctx = { asOf: opts.asOf, now: opts.now };
  const posts: FeedPost[] = (data.entries ?? []).map((entry) => {
    const e = entry as { title?: unknown; rawDate: unknown; rawHtml: string; rawText: string; rawLink: string };
    const content = e.rawHtml ? postContent(e.rawHtml, opts.baseUrl) : { text: collapse(e.rawText), links: [] };
    const post: FeedPost = { title: collapse(typeof e.title === 'string' ? e.title : ''), links: content.links };
    const date = parseZhDate(typeof e.rawDate === 'string' || typeof e.rawDate === 'number' ? e.rawDate : undefined, ctx);
    if (date) post.date = date;
    const url = absoluteHttpUrl(e.rawLink, opts.baseUrl);
    if (url) post.url = url;
    if (content.text) post.text = content.text;
    if (content.linkText) post.linkText = content.linkText;
    return post;
  });
  return { format: 'json', title: typeof data.title === 'string' ? data.title : undefined, posts };
}
