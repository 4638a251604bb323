// Picks the adapter for a fetched body: configured selectors → HTML list; JSON → JSON Feed; XML → RSS/Atom.
import { FeedParseError, type ListSelectors, type ParseOptions, type ParsedFeed } from '../types.js';
import { parseHtmlList } from './html-list.js';
import { parseJsonFeed } from './json-feed.js';
import { parseXmlFeed } from './xml-feed.js';

export function parseFeedBody(text: string, contentType: string | undefined, opts: ParseOptions & { selectors?: ListSelectors }): ParsedFeed {
  if (opts.selectors) return parseHtmlList(text, opts.selectors, opts);
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 200);
  const type = (contentType ?? '').toLowerCase();
  if (head.startsWith('{') || head.startsWith('[') || type.includes('json')) return parseJsonFeed(text, opts);
  if (/^<!doctype html|^<html[\s>]/i.test(head)) {
    throw new FeedParseError('返回的是网页而不是订阅源（HTML 列表页需要在配置中填写 selectors）');
  }
  return parseXmlFeed(text, opts);
}
