// The same href is resolved by the list, link and pager extractors: resolve it once per page.
import { classifyHref, normalizeUrl } from '../url/normalize.js';
import type { PageTree } from './tree.js';

interface Memo {
  baseUrl: string;
  dropParams: string[] | undefined;
  urls: Map<string, string | null>;
}

/** Kept on the tree object itself (a WeakMap lookup per href cost more than the memo saved). */
type Memoised = PageTree & { hrefMemos?: Memo[] };

/** normalizeUrl(raw, baseUrl, { dropParams }) when `raw` makes a request (classifyHref), else undefined; memoised
 *  per page, base and dropParams list. */
export function resolveHref(tree: PageTree, raw: string, baseUrl: string, dropParams?: string[]): string | undefined {
  let list = (tree as Memoised).hrefMemos;
  if (!list) (tree as Memoised).hrefMemos = list = [];
  let memo: Memo | undefined;
  for (let i = 0; i < list.length; i++) if (list[i].baseUrl === baseUrl && list[i].dropParams === dropParams) memo = list[i];
  if (!memo) list.push((memo = { baseUrl, dropParams, urls: new Map() }));
  const known = memo.urls.get(raw);
  if (known !== undefined) return known ?? undefined;
  const url = classifyHref(raw) === 'request' ? normalizeUrl(raw, baseUrl, dropParams ? { dropParams } : undefined) : undefined;
  memo.urls.set(raw, url ?? null);
  return url;
}
