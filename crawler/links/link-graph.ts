// The (page, target) edges of the link graph from page records: requests only, one edge per element.
import type { PageRecord } from '../page-record.js';
import type { LinkEdge } from '../../rules/site-model.js';
import { isCheckable } from './link-checker.js';

/** Link elements whose target the browser requests or the reader follows. `form` actions are not links. */
const CHECKED_TAGS = new Set(['a', 'area', 'img', 'iframe', 'script', 'link', 'source', 'video', 'audio', 'embed', 'object']);

export function linkEdges(pages: Iterable<Pick<PageRecord, 'url' | 'links'>>): LinkEdge[] {
  const edges: LinkEdge[] = [];
  for (const page of pages) {
    for (const link of page.links) {
      if (!CHECKED_TAGS.has(link.tag) || !isCheckable(link.url)) continue;
      // <link rel=...> also carries canonical/alternate/dns-prefetch hints; the extractor keeps only stylesheets
      // and icons, so every kept one is a request.
      edges.push({ from: page.url, to: link.url, selector: link.selector, tag: link.tag, text: link.text, attachment: link.attachment });
    }
  }
  return edges;
}
