// Which elements of the page a finding points at: its selector first (cssPath from the audit or the live run),
// else links and embeds whose URL equals its target. Selectors come from data and may be invalid: never throw.
import type { Finding } from '../../../reports/audit-schema.js';
import { pageKey } from '../url-key.js';

const URL_CARRIERS: [string, string][] = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['img[src]', 'src'],
  ['iframe[src]', 'src'],
  ['embed[src]', 'src'],
  ['source[src]', 'src'],
];

const MAX_ELEMENTS = 50;

export function resolveElements(doc: Document, finding: Finding, isOwn: (node: Node) => boolean = () => false): Element[] {
  if (finding.selector) {
    try {
      const found = [...doc.querySelectorAll(finding.selector)].filter((el) => !isOwn(el));
      if (found.length) return found.slice(0, MAX_ELEMENTS);
    } catch {
      // Invalid selector in the data: fall through to the target.
    }
  }
  if (finding.target) {
    const want = pageKey(finding.target);
    if (!want) return [];
    const out: Element[] = [];
    for (const [selector, attr] of URL_CARRIERS) {
      for (const el of doc.querySelectorAll(selector)) {
        if (isOwn(el)) continue;
        if (pageKey(el.getAttribute(attr) ?? '', doc.baseURI) === want) out.push(el);
        if (out.length >= MAX_ELEMENTS) return out;
      }
    }
    return out;
  }
  return [];
}
