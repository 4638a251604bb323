// One walk over the adapter's tree builds a light mirror of it that every extractor reads: element handles with tag,
// sibling position (for selectors), visible-text ranges, anchor counts, per-block own text and inline scripts.
// Everything downstream is computed from this mirror, so both adapters give identical records.
import type { AdapterElement, AdapterNode, PageAdapter } from '../../rules/page-adapter.js';

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'br', 'option', 'select', 'textarea', 'menu', 'html', 'head',
]);
/** Elements whose text is not visible page text. */
const HIDDEN_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'object', 'iframe', 'svg']);
const OPAQUE_TAGS = new Set(['noscript', 'template']);
const SIMPLE_ID = /^[A-Za-z][\w-]*$/;

export interface XText {
  kind: 'text';
  data: string;
  parent: XEl;
}

export interface XEl {
  kind: 'el';
  el: AdapterElement;
  tag: string;
  parent?: XEl;
  children: XNode[];
  /** 1-based position among element siblings of the same tag, and how many such siblings there are. */
  nth: number;
  sameTag: number;
  /** Document order, and the order of the last element of the subtree. */
  order: number;
  endOrder: number;
  /** [start, end) in the visible-text pieces. */
  start: number;
  end: number;
  /** a[href] elements in this subtree, itself included. */
  anchors: number;
  hidden: boolean;
  /** Nearest block ancestor-or-self (for text blocks). */
  block: XEl;
  inBody: boolean;
}
export type XNode = XEl | XText;

export interface PageTree {
  adapter: PageAdapter;
  root: XEl;
  body?: XEl;
  elements: XEl[];
  textNodes: XText[];
  byTag: Map<string, XEl[]>;
  /** Inline script texts (no src), in order. */
  scripts: { el: XEl; text: string }[];
  attr(x: XEl, name: string): string | undefined;
  /** Visible text of the subtree, whitespace-collapsed. */
  text(x: XEl): string;
  /** Visible text of `x` without the subtrees in `exclude` (sorted, non-overlapping, inside x). */
  textExcluding(x: XEl, exclude: XEl[]): string;
  /** Own text of a block (text not inside a nested block), whitespace-collapsed. */
  ownText(x: XEl): string;
  blocks(): XEl[];
  selector(x: XEl): string;
  classTokens(x: XEl): string[];
  notes: string[];
}

export interface TreeLimits {
  maxElements: number;
  maxTextChars: number;
}

const DEFAULT_LIMITS: TreeLimits = { maxElements: 400_000, maxTextChars: 4_000_000 };

export function collapse(s: string): string {
  return s.replace(/[\s\u200b\ufeff]+/g, ' ').trim();
}

export function buildTree(adapter: PageAdapter, limits: TreeLimits = DEFAULT_LIMITS): PageTree {
  const elements: XEl[] = [];
  const textNodes: XText[] = [];
  const byTag = new Map<string, XEl[]>();
  const pieces: string[] = [];
  const own = new Map<XEl, string[]>();
  const scripts: { el: XEl; text: string }[] = [];
  const notes: string[] = [];
  const siblingCounts = new Map<string, number>();
  let textChars = 0;
  let capped = false;

  const make = (el: AdapterElement, parent: XEl | undefined): XEl => {
    const tag = adapter.tag(el);
    const x: XEl = {
      kind: 'el', el, tag, parent, children: [], nth: 1, sameTag: 1, order: elements.length, endOrder: elements.length,
      start: pieces.length, end: pieces.length, anchors: 0,
      hidden: (parent?.hidden ?? false) || HIDDEN_TAGS.has(tag),
      block: undefined as unknown as XEl,
      inBody: tag === 'body' || (tag !== 'head' && (parent ? parent.inBody : false)),
    };
    x.block = BLOCK_TAGS.has(tag) || !parent ? x : parent.block;
    elements.push(x);
    let list = byTag.get(tag);
    if (!list) byTag.set(tag, (list = []));
    list.push(x);
    if (!x.hidden && BLOCK_TAGS.has(tag)) pieces.push(' ');
    return x;
  };
  const leave = (x: XEl): void => {
    if (!x.hidden && BLOCK_TAGS.has(x.tag)) pieces.push(' ');
    x.end = pieces.length;
    x.endOrder = elements.length - 1;
    let anchors = x.tag === 'a' && adapter.attr(x.el, 'href') !== undefined ? 1 : 0;
    let elementKids = 0;
    for (const c of x.children) {
      if (c.kind !== 'el') continue;
      anchors += c.anchors;
      elementKids++;
    }
    if (elementKids > 1) {
      // One scratch map for the whole walk: a Map per element is most of the garbage on big pages.
      siblingCounts.clear();
      for (const c of x.children) {
        if (c.kind !== 'el') continue;
        const n = (siblingCounts.get(c.tag) ?? 0) + 1;
        siblingCounts.set(c.tag, n);
        c.nth = n;
      }
      for (const c of x.children) if (c.kind === 'el') c.sameTag = siblingCounts.get(c.tag)!;
    }
    x.anchors = anchors;
  };

  const root = make(adapter.root(), undefined);
  // Documents from htmlparser2 (huge pages) may have no <body>: then everything outside <head> is the body.
  const rootKids = adapter.childNodes(root.el);
  const bodyless = !rootKids.some((c) => typeof c !== 'string' && adapter.tag(c) === 'body');
  if (bodyless) root.inBody = true;
  const frames: { x: XEl; kids: AdapterNode[]; i: number }[] = [{ x: root, kids: rootKids, i: 0 }];
  while (frames.length) {
    const f = frames[frames.length - 1];
    if (f.i >= f.kids.length) {
      leave(f.x);
      frames.pop();
      continue;
    }
    const node = f.kids[f.i++];
    if (typeof node === 'string') {
      const t: XText = { kind: 'text', data: node, parent: f.x };
      f.x.children.push(t);
      if (f.x.tag === 'script') {
        const last = scripts[scripts.length - 1];
        if (last && last.el === f.x) last.text += node;
        else if (adapter.attr(f.x.el, 'src') === undefined) scripts.push({ el: f.x, text: node });
        continue;
      }
      if (f.x.hidden) continue;
      textNodes.push(t);
      if (capped) continue;
      if (textChars + node.length > limits.maxTextChars) {
        capped = true;
        notes.push(`页面文本超过 ${limits.maxTextChars} 个字符，其余部分未分析`);
        continue;
      }
      textChars += node.length;
      pieces.push(node);
      if (f.x.inBody) {
        let buf = own.get(f.x.block);
        if (!buf) own.set(f.x.block, (buf = []));
        buf.push(node);
      }
      continue;
    }
    if (elements.length >= limits.maxElements) {
      if (!notes.some((n) => n.startsWith('页面元素超过'))) notes.push(`页面元素超过 ${limits.maxElements} 个，其余部分未分析`);
      continue;
    }
    const child = make(node, f.x);
    f.x.children.push(child);
    frames.push({ x: child, kids: OPAQUE_TAGS.has(child.tag) ? [] : adapter.childNodes(node), i: 0 });
  }

  const textMemo = new Map<XEl, string>();
  const selMemo = new Map<XEl, string>();
  const classMemo = new Map<XEl, string[]>();
  const tree: PageTree = {
    adapter,
    root,
    body: bodyless ? root : byTag.get('body')?.[0],
    elements,
    textNodes,
    byTag,
    scripts,
    notes,
    attr: (x, name) => adapter.attr(x.el, name),
    text(x) {
      let t = textMemo.get(x);
      if (t === undefined) {
        t = x.end - x.start > 0 ? collapse(pieces.slice(x.start, x.end).join('')) : '';
        textMemo.set(x, t);
      }
      return t;
    },
    textExcluding(x, exclude) {
      if (!exclude.length) return tree.text(x);
      const parts: string[] = [];
      let at = x.start;
      for (const e of exclude) {
        if (e.start < at || e.end > x.end) continue;
        parts.push(pieces.slice(at, e.start).join(''), ' ');
        at = e.end;
      }
      parts.push(pieces.slice(at, x.end).join(''));
      return collapse(parts.join(''));
    },
    ownText(x) {
      const buf = own.get(x);
      return buf ? collapse(buf.join('')) : '';
    },
    blocks() {
      return elements.filter((x) => own.has(x));
    },
    selector(x) {
      // Mirrors cssPath() in rules/page-adapter.ts, memoised over the mirror.
      const memo = selMemo.get(x);
      if (memo !== undefined) return memo;
      let s: string;
      const id = adapter.attr(x.el, 'id');
      if (id && SIMPLE_ID.test(id)) s = `#${id}`;
      else if (!x.parent || x.tag === 'html') s = x.tag;
      else s = `${tree.selector(x.parent)} > ${x.sameTag > 1 ? `${x.tag}:nth-of-type(${x.nth})` : x.tag}`;
      selMemo.set(x, s);
      return s;
    },
    classTokens(x) {
      let c = classMemo.get(x);
      if (!c) {
        c = (adapter.attr(x.el, 'class') ?? '').split(/\s+/).filter(Boolean);
        classMemo.set(x, c);
      }
      return c;
    },
  };
  return tree;
}

/** class and id of an element as one lower-case string, for heuristics like /breadcrumb|crumb/. */
export function classAndId(tree: PageTree, x: XEl): string {
  const cls = tree.attr(x, 'class');
  const id = tree.attr(x, 'id');
  if (cls === undefined && id === undefined) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

/** true when `inner` is a strict descendant of `outer`. */
export function contains(outer: XEl, inner: XEl): boolean {
  return outer.order < inner.order && inner.order <= outer.endOrder;
}

/** Ancestors from the parent upward. */
export function* ancestors(x: XEl): Generator<XEl> {
  for (let p = x.parent; p; p = p.parent) yield p;
}
