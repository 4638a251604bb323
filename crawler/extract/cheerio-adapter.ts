// PageAdapter over cheerio/domhandler (the crawler side).
import type { CheerioAPI } from 'cheerio';
import { cheerio as loadCheerio } from './lazy-cheerio.js';
import { Element as DomElement, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';
import type { AdapterNode, PageAdapter } from '../../rules/page-adapter.js';
import { parsePage } from './parse-page.js';

// <template> content is not in the DOM tree in browsers; <noscript> content is raw text in a scripting browser and
// in cheerio but parsed into elements by happy-dom. Both adapters treat them as empty so every side agrees.
const OPAQUE = new Set(['template', 'noscript']);

/** true when `name` has an upper-case ASCII letter (callers nearly always pass lower-case names). */
function hasUpper(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** The document a loaded cheerio wraps: the one it keeps for its static methods, else its root. */
function documentOf($: CheerioAPI): Document {
  const kept = ($ as unknown as { _root?: { type?: unknown } })._root;
  return kept !== undefined && kept.type === 'root' ? (kept as Document) : ($.root()[0] as unknown as Document);
}

function collectText(node: ParentNode, out: string[]): void {
  // Iterative: broken pages can nest thousands of levels deep.
  const stack: AnyNode[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push((n as { data: string }).data);
    else if ((isElement(n) && !OPAQUE.has(n.name)) || n.type === 'cdata') {
      const kids = (n as ParentNode).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
}

/** Over a page's document (as the crawler parses it: `parsePage`), its HTML (parsed the same way), or a loaded
 *  cheerio. Cheerio itself is loaded only for `queryAll`: the built-in rules never select, and building the cheerio
 *  API cost ≈30 µs a page. */
export function createCheerioAdapter(input: CheerioAPI | string | Document, url: string): PageAdapter<Element> {
  let $: CheerioAPI | undefined = typeof input === 'function' ? input : undefined;
  const doc: Document = typeof input === 'string' ? parsePage(input).doc : typeof input === 'function' ? documentOf(input) : input;
  const cheerio = (): CheerioAPI => ($ ??= loadCheerio().load(doc));
  let rootEl: Element | undefined;
  return {
    url,
    root() {
      if (!rootEl) {
        rootEl = doc.children.find((c): c is Element => isElement(c) && c.name.toLowerCase() === 'html');
        if (!rootEl) {
          // htmlparser2 documents (used for huge pages) and fragments may lack <html>: wrap the top-level nodes in
          // one, so that root() covers the whole page as the contract says.
          const kids = doc.children.filter((c) => c.type !== 'directive');
          const html = new DomElement('html', {}, kids);
          for (const k of kids) k.parent = html;
          html.parent = doc;
          doc.children = [...doc.children.filter((c) => c.type === 'directive'), html];
          rootEl = html;
        }
      }
      return rootEl;
    },
    queryAll(selector, within) {
      const api = cheerio();
      const found = within ? api(within).find(selector) : api.root().find(selector);
      return found.toArray().filter(isElement);
    },
    tag(el) {
      return el.name.toLowerCase();
    },
    attr(el, name) {
      const attribs = el.attribs;
      const v = attribs[name];
      if (v !== undefined) return v;
      // parse5 lower-cases attribute names: only a caller's mixed-case name needs a second look.
      return hasUpper(name) ? attribs[name.toLowerCase()] : undefined;
    },
    childNodes(el) {
      if (OPAQUE.has(el.name)) return [];
      const out: AdapterNode[] = [];
      const kids = el.children;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i];
        if (c.type === 'text') {
          if ((c as { data: string }).data) out.push((c as { data: string }).data);
        } else if (isElement(c)) out.push(c);
      }
      return out;
    },
    parent(el) {
      const p = el.parent;
      return p && isElement(p) ? p : undefined;
    },
    textContent(el) {
      if (OPAQUE.has(el.name)) return '';
      const out: string[] = [];
      collectText(el, out);
      return out.join('');
    },
  };
}
