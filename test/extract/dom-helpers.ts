// Parse HTML with happy-dom (the DOM side) and with cheerio, to run the same extraction on both.
import { load } from 'cheerio';
import type { AnyNode, Element, ParentNode, Text } from 'domhandler';
import { Window } from 'happy-dom';
import { createCheerioAdapter } from '../../crawler/extract/cheerio-adapter.js';
import { createDomAdapter } from '../../crawler/extract/dom-adapter.js';
import type { PageAdapter } from '../../rules/page-adapter.js';

export function domAdapterFor(html: string, url: string): { adapter: PageAdapter; close: () => Promise<void> } {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true } });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return { adapter: createDomAdapter(doc as unknown as Document, url), close: () => window.happyDOM.close() };
}

export function cheerioAdapterFor(html: string, url: string): PageAdapter {
  return createCheerioAdapter(html, url);
}

/**
 * A happy-dom document holding exactly the tree the HTML spec parser (parse5, as in cheerio and Chromium) builds,
 * copied node by node. Used for malformed input, where happy-dom's own parser departs from the spec.
 */
export function specDomAdapterFor(html: string, url: string): { adapter: PageAdapter; close: () => Promise<void> } {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true } });
  const doc = window.document as unknown as Document;
  const $ = load(html);
  const copy = (src: AnyNode, dst: Node): void => {
    for (const c of (src as ParentNode).children ?? []) {
      if (c.type === 'text') dst.appendChild(doc.createTextNode((c as Text).data));
      else if (c.type === 'tag' || c.type === 'script' || c.type === 'style') {
        const el = c as Element;
        const node = doc.createElement(el.name);
        for (const [k, v] of Object.entries(el.attribs)) {
          try {
            node.setAttribute(k, v);
          } catch {
            /* attribute names the DOM refuses (e.g. '"') are dropped on both sides by the check below */
          }
        }
        dst.appendChild(node);
        copy(el, node);
      }
    }
  };
  const htmlEl = $.root()[0].children.find((c) => c.type === 'tag') as Element;
  const root = doc.documentElement;
  while (root.firstChild) root.removeChild(root.firstChild);
  for (const [k, v] of Object.entries(htmlEl.attribs)) root.setAttribute(k, v);
  copy(htmlEl, root);
  return { adapter: createDomAdapter(doc, url), close: () => window.happyDOM.close() };
}
