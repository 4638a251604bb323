// RSS 2.0, RSS 1.0 (RDF) and Atom through @extractus/feed-extractor (on fast-xml-parser). Dates are taken raw from
// the feed and parsed by zh-date, because bridges for Chinese platforms write 2022年3月15日 or 昨天 as often as RFC 822.
import { extractFromXml } from '@extractus/feed-extractor';
import { XMLValidator } from 'fast-xml-parser';
import { parseZhDate } from '../zh-date.js';
import { FeedParseError, type FeedFormat, type FeedPost, type ParseOptions, type ParsedFeed } from '../types.js';
import { absoluteHttpUrl, collapse, postContent } from './post-content.js';

/** Text of a fast-xml-parser node (string, number, or object with #text). */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return textOf(o['#text'] ?? o._text ?? o._cdata ?? '');
  }
  return '';
}

/** Atom link: rel=alternate (or no rel) first. */
function atomLink(value: unknown): string {
  const links = (Array.isArray(value) ? value : [value]).filter((l) => l !== undefined && l !== null);
  const href = (l: unknown) => (typeof l === 'object' ? textOf((l as Record<string, unknown>)['@_href']) : textOf(l));
  const rel = (l: unknown) => (typeof l === 'object' ? textOf((l as Record<string, unknown>)['@_rel']) : '');
  const best = links.find((l) => !rel(l) || rel(l) === 'alternate') ?? links[0];
  return best === undefined ? '' : href(best);
}

interface RawEntryFields {
  rawDate: string;
  rawHtml: string;
  rawLink: string;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function rawFields(item: Record<string, unknown>, format: FeedFormat): RawEntryFields {
  if (format === 'atom') {
    return {
      rawDate: textOf(item.published) || textOf(item.updated) || textOf(item.issued) || textOf(item.modified),
      rawHtml: textOf(item.content) || textOf(item.summary),
      rawLink: atomLink(item.link),
    };
  }
  return {
    rawDate: textOf(item.pubDate) || textOf(item['dc:date']) || textOf(item.date),
    rawHtml: textOf(item['content:encoded']) || textOf(item.description),
    rawLink: textOf(item.link) || (textOf((item.guid as Record<string, unknown>)?.['@_isPermaLink']) !== 'false' ? textOf(item.guid) : ''),
  };
}

const XML_ERROR_ZH: Record<string, string> = {
  InvalidTag: '标签未闭合或不匹配',
  InvalidAttr: '属性格式错误',
  InvalidChar: '含有不允许的字符',
  InvalidXml: '文档结构不完整',
};

function sniffFormat(xml: string): FeedFormat {
  const head = xml.slice(0, 4000);
  if (/<rss[\s>]/i.test(head)) return 'rss';
  if (/<rdf:RDF[\s>]/i.test(head)) return 'rdf';
  if (/<feed[\s>]/i.test(head)) return 'atom';
  throw new FeedParseError('不是 RSS 或 Atom 订阅源（未找到 rss、feed 或 rdf:RDF 根元素）');
}

export function parseXmlFeed(xml: string, opts: ParseOptions): ParsedFeed {
  const body = xml.replace(/^\uFEFF/, '').trim();
  if (!body) throw new FeedParseError('订阅源内容为空');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { line, col, msg, code } = valid.err;
    // The validator's detail is English: lead with what it means in zh-CN, keep the detail for whoever fixes the feed.
    throw new FeedParseError(`XML 格式错误（第 ${line} 行第 ${col} 列）：${XML_ERROR_ZH[code] ?? '格式不正确'}（${msg}）`);
  }
  const format = sniffFormat(body);
  // An Atom feed without entries is a valid, empty feed (the library does not recognise it).
  if (format === 'atom' && !/<entry[\s>]/i.test(body)) return { format, posts: [] };

  let data: { title?: string; entries?: Array<Record<string, unknown>> };
  try {
    data = extractFromXml(body, {
      useISODateFormat: false,
      descriptionMaxLen: 0,
      baseUrl: opts.baseUrl,
      getExtraEntryFields: (item: Record<string, unknown>) => ({ ...rawFields(item, format) }),
    }) as typeof data;
  } catch (error) {
    throw new FeedParseError(`无法解析订阅源：${error instanceof Error ? error.message : String(error)}`);
  }
  const ctx = { asOf: opts.asOf, now: opts.now };
  const posts: FeedPost[] = (data.entries ?? []).map((entry) => {
    const raw = entry as unknown as RawEntryFields & { title?: string; link?: string };
    const content = postContent(decodeEntitiesIfEscaped(raw.rawHtml), opts.baseUrl);
    // Bridges put HTML into titles (CDATA); the title is its text.
    const post: FeedPost = { title: postContent(textOf(raw.title), opts.baseUrl).text, links: content.links };
    const date = parseZhDate(raw.rawDate, ctx);
    if (date) post.date = date;
    const url = absoluteHttpUrl(raw.rawLink || textOf(raw.link), opts.baseUrl);
    if (url) post.url = url;
    if (content.text) post.text = content.text;
    if (content.linkText) post.linkText = content.linkText;
    return post;
  });
  return { format, title: data.title ? collapse(textOf(data.title)) : undefined, posts };
}

/** Feeds often carry HTML escaped once more inside <description>; the library decodes it, the raw field may not. */
function decodeEntitiesIfEscaped(html: string): string {
  return /&lt;[a-z/!]/i.test(html) ? decodeEntities(html) : html;
}
