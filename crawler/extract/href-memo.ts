// The same href is resolved by the list, link and pager extractors: resolve it once per page.
import { classifyHref, normalizeUrl } from '../url/normalize.js';
import type { PageTree } from './tree.js';

interface Memo {
  baseUrl: string;
  dropParams: string[] | undefined;
  urls: Map<string, string | null>;
}

const memos = new WeakMap<PageTree, Memo[]>();

/** normalizeUrl(raw, baseUrl, { dropParams }) when `raw` makes a request (classifyHref), else undefined; memoised
 *  per page, base and dropParams list. */
export function resolveHref(tree: PageTree, raw: string, baseUrl: string, dropParams?: string[]): string | undefined {
  let list = memos.get(tree);
  if (!list) memos.set(tree, (list = []));
  let memo: Memo | undefined;
  for (const m of list) if (m.baseUrl === baseUrl && m.dropParams === dropParams) memo = m;
  if (!memo) list.push((memo = { baseUrl, dropParams, urls: new Map() }));
  const known = memo.urls.get(raw);
  if (known !== undefined) return known ?? undefined;
  const url = classifyHref(raw) === 'request' ? normalizeUrl(raw, baseUrl, dropParams ? { dropParams } : undefined) : undefined;
  memo.urls.set(raw, url ?? null);
  return url;
}
