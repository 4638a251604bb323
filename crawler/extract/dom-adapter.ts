// PageAdapter over a DOM Document: the extension's live page, or happy-dom in tests.
import type { AdapterNode, PageAdapter } from '../../rules/page-adapter.js';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

// Same normalisation as the cheerio adapter: these elements' content is treated as empty (see cheerio-adapter.ts).
const OPAQUE = new Set(['template', 'noscript']);

function opaqueTag(el: Element): boolean {
  return OPAQUE.has((el.localName ?? el.tagName).toLowerCase());
}

/** textContent without template/noscript content. */
function textOf(el: Element): string {
  if (opaqueTag(el)) return '';
  if (!el.querySelector('template, noscript')) return el.textContent ?? '';
  const out: string[] = [];
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out.push((n as CharacterData).data);
    else if (n.nodeType === ELEMENT_NODE && !opaqueTag(n as Element)) {
      const kids = n.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return out.join('');
}

export function createDomAdapter(doc: Document, url?: string): PageAdapter<Element> {
  const docUrl = url ?? doc.URL ?? '';
  return {
    url: docUrl,
    root() {
      return doc.documentElement;
    },
    queryAll(selector, within) {
      return Array.from((within ?? doc).querySelectorAll(selector));
    },
    tag(el) {
      return (el.localName ?? el.tagName).toLowerCase();
    },
    attr(el, name) {
      const v = el.getAttribute(name);
      return v === null ? undefined : v;
    },
    childNodes(el) {
      const out: AdapterNode[] = [];
      if (opaqueTag(el)) return out;
      const kids = el.childNodes;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i];
        if (c.nodeType === ELEMENT_NODE) out.push(c as Element);
        else if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE) {
          // Empty text nodes (left by scripts or some parsers) carry nothing; cheerio never has them.
          const data = (c as CharacterData).data;
          if (data) out.push(data);
        }
      }
      return out;
    },
    parent(el) {
      return el.parentElement ?? undefined;
    },
    textContent(el) {
      return textOf(el);
    },
  };
}
