// A small read-only view of a parsed page, as axe-core's checks read a VirtualNode. Two implementations exist:
// one over cheerio/domhandler (crawler) and one over a DOM (extension's live page; happy-dom in tests). Extraction
// and rules use only this, so they behave the same in the crawler and in the browser.

/** An opaque element handle of the underlying tree. */
export type AdapterElement = object;

/** A child node: an element, or a text node's data as a string. */
export type AdapterNode = AdapterElement | string;

export interface PageAdapter<E extends AdapterElement = AdapterElement> {
  /** The document URL (base for relative links, after <base href> is applied by the caller). */
  readonly url: string;
  /** The root element (<html>). */
  root(): E;
  /** Elements matching a CSS selector, in document order. Only selectors that both css-select and browsers
   *  support may be used (tag, #id, .class, [attr], [attr=v], [attr^=v], descendant/child combinators, :not). */
  queryAll(selector: string, within?: E): E[];
  /** Lower-case tag name. */
  tag(el: E): string;
  attr(el: E, name: string): string | undefined;
  /** Child nodes in order: elements as handles, text nodes as their string data (comments omitted). */
  childNodes(el: E): AdapterNode[];
  parent(el: E): E | undefined;
  /** Concatenated text of all descendant text nodes (like textContent; scripts and styles included). */
  textContent(el: E): string;
}

export function isTextNode(node: AdapterNode): node is string {
  return typeof node === 'string';
}

/** Element children only. */
export function elementChildren<E extends AdapterElement>(adapter: PageAdapter<E>, el: E): E[] {
  return adapter.childNodes(el).filter((n): n is E => typeof n !== 'string');
}

const SIMPLE_ID = /^[A-Za-z][\w-]*$/;

/**
 * A CSS selector that identifies `el` uniquely and identically in both adapters: the nearest ancestor with a
 * simple unique-looking id, then `tag:nth-of-type(n)` steps. Computed from the adapter alone so both sides agree.
 */
export function cssPath<E extends AdapterElement>(adapter: PageAdapter<E>, el: E): string {
  const steps: string[] = [];
  let current: E | undefined = el;
  while (current) {
    const tag = adapter.tag(current);
    const id = adapter.attr(current, 'id');
    if (id && SIMPLE_ID.test(id)) {
      steps.unshift(`#${id}`);
      break;
    }
    const parent = adapter.parent(current);
    if (!parent || tag === 'html') {
      steps.unshift(tag);
      break;
    }
    const sameTag = elementChildren(adapter, parent).filter((c) => adapter.tag(c) === tag);
    steps.unshift(sameTag.length > 1 ? `${tag}:nth-of-type(${sameTag.indexOf(current) + 1})` : tag);
    current = parent;
  }
  return steps.join(' > ');
}
