// The (page, target) edges of the link graph from page records: requests only, one edge per element.
import type { PageRecord } from '../page-record.js';
import type { LinkEdge } from '../../rules/site-model.js';
import { isCheckable } from './link-checker.js';

/** Link elements whose target the browser requests or the reader follows. `form` actions are not links. */
const CHECKED_TAGS = new Set(['a', 'area', 'img', 'iframe', 'script', 'link', 'source', 'video', 'audio', 'embed', 'object']);

type LinkSource = Pick<PageRecord, 'url' | 'links'>;

/** The checked links of each page: `<link rel=...>` also carries canonical/alternate/dns-prefetch hints, but the
 *  extractor keeps only stylesheets and icons, so every kept one is a request. */
function* checkedLinks(pages: Iterable<LinkSource>): Generator<[LinkSource, PageRecord['links'][number]]> {
  for (const page of pages) {
    for (const link of page.links) if (CHECKED_TAGS.has(link.tag) && isCheckable(link.url)) yield [page, link];
  }
}

/** The edges one at a time (a rule that keeps a few of them need not hold ≈350,000 at 10,000 pages). */
export function* eachLinkEdge(pages: Iterable<LinkSource>): Generator<LinkEdge> {
  for (const [page, link] of checkedLinks(pages)) {
    yield { from: page.url, to: link.url, selector: link.selector, tag: link.tag, text: link.text, attachment: link.attachment };
  }
}

export function linkEdges(pages: Iterable<LinkSource>): LinkEdge[] {
  return [...eachLinkEdge(pages)];
}

/** Every target of the link graph once, in graph order (what `linkEdges(pages).map((e) => e.to)` would give,
 *  without an object per edge: at 10,000 pages the edges were ≈350,000 objects). */
export function linkTargets(pages: Iterable<LinkSource>): string[] {
  const targets = new Set<string>();
  for (const [, link] of checkedLinks(pages)) targets.add(link.url);
  return [...targets];
}
