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
// One lookup per element instead of three set tests.
const BLOCK = 1;
const HIDDEN = 2;
const OPAQUE = 4;
const TAG_FLAGS = new Map<string, number>();
for (const t of BLOCK_TAGS) TAG_FLAGS.set(t, BLOCK);
for (const t of HIDDEN_TAGS) TAG_FLAGS.set(t, (TAG_FLAGS.get(t) ?? 0) | HIDDEN);
for (const t of OPAQUE_TAGS) TAG_FLAGS.set(t, (TAG_FLAGS.get(t) ?? 0) | OPAQUE);

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

const COLLAPSE_RUN = /[\s\u200b\ufeff]+/g;
/** Anything collapse() would change: whitespace other than a single inner space, or a zero-width space. */
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $|\u200b/;

export function collapse(s: string): string {
  // Most texts (link titles, cells) are already collapsed: a test is much cheaper than a replace and a trim.
  if (!NEEDS_COLLAPSE.test(s)) return s;
  return s.replace(COLLAPSE_RUN, ' ').trim();
}

/** Per-element caches, kept on the element itself (a Map per cache was most of the lookup cost). */
interface XElCache {
  /** Character offsets of the subtree's visible text in the page's joined text. */
  cs: number;
  ce: number;
  /** class and id attributes, read once. */
  classAttr: string | undefined;
  idAttr: string | undefined;
  /** Own text pieces of a block in the body. */
  own: string[] | undefined;
  txt: string | undefined;
  sel: string | undefined;
  cls: string[] | undefined;
  /** classAndId() result. */
  ci: string | undefined;
}
type XElInternal = XEl & XElCache;

// The walk and the tree are a class and module functions rather than closures: under tsx (keepNames) every
// closure created per page also costs a defineProperty call.
class TreeBuilder {
  readonly elements: XElInternal[] = [];
  readonly textNodes: XText[] = [];
  readonly byTag = new Map<string, XEl[]>();
  readonly pieces: string[] = [];
  readonly scripts: { el: XEl; text: string }[] = [];
  readonly notes: string[] = [];
  private readonly siblingCounts = new Map<string, number>();
  /** Characters in `pieces` so far (block separators included), for the per-element text offsets. */
  chars = 0;

  constructor(readonly adapter: PageAdapter) {}

  make(el: AdapterElement, parent: XElInternal | undefined): XElInternal {
    const adapter = this.adapter;
    const tag = adapter.tag(el);
    const flags = TAG_FLAGS.get(tag) ?? 0;
    const block = (flags & BLOCK) !== 0;
    const hidden = (parent !== undefined && parent.hidden) || (flags & HIDDEN) !== 0;
    const order = this.elements.length;
    const pieces = this.pieces;
    const x: XElInternal = {
      kind: 'el', el, tag, parent, children: [], nth: 1, sameTag: 1, order, endOrder: order,
      start: pieces.length, end: pieces.length, anchors: 0, hidden,
      block: undefined as unknown as XEl,
      inBody: tag === 'body' || (tag !== 'head' && parent !== undefined && parent.inBody),
      cs: this.chars, ce: this.chars, classAttr: adapter.attr(el, 'class'), idAttr: adapter.attr(el, 'id'),
      own: undefined, txt: undefined, sel: undefined, cls: undefined, ci: undefined,
    };
    x.block = block || !parent ? x : parent.block;
    this.elements.push(x);
    const list = this.byTag.get(tag);
    if (list) list.push(x);
    else this.byTag.set(tag, [x]);
    if (!hidden && block) {
      pieces.push(' ');
      this.chars++;
    }
    return x;
  }

  leave(x: XElInternal): void {
    if (!x.hidden && ((TAG_FLAGS.get(x.tag) ?? 0) & BLOCK) !== 0) {
      this.pieces.push(' ');
      this.chars++;
    }
    x.end = this.pieces.length;
    x.ce = this.chars;
    x.endOrder = this.elements.length - 1;
    let anchors = x.tag === 'a' && this.adapter.attr(x.el, 'href') !== undefined ? 1 : 0;
    let elementKids = 0;
    let firstTag: string | undefined;
    let mixed = false;
    const kids = x.children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (c.kind !== 'el') continue;
      anchors += c.anchors;
      elementKids++;
      if (firstTag === undefined) firstTag = c.tag;
      else if (c.tag !== firstTag) mixed = true;
    }
    if (elementKids > 1) {
      if (!mixed) {
        // All element children share one tag (ul > li, tr > td): positions without a map.
        let n = 0;
        for (let i = 0; i < kids.length; i++) {
          const c = kids[i];
          if (c.kind !== 'el') continue;
          c.nth = ++n;
          c.sameTag = elementKids;
        }
      } else {
        // One scratch map for the whole walk: a Map per element is most of the garbage on big pages.
        const counts = this.siblingCounts;
        counts.clear();
        for (let i = 0; i < kids.length; i++) {
          const c = kids[i];
          if (c.kind !== 'el') continue;
          const n = (counts.get(c.tag) ?? 0) + 1;
          counts.set(c.tag, n);
          c.nth = n;
        }
        for (let i = 0; i < kids.length; i++) {
          const c = kids[i];
          if (c.kind === 'el') c.sameTag = counts.get(c.tag)!;
        }
      }
    }
    x.anchors = anchors;
  }
}

class Tree implements PageTree {
  /** Per-page href resolutions (href-memo.ts), declared here so the object keeps one shape. */
  hrefMemos: unknown[] | undefined = undefined;

  constructor(
    readonly adapter: PageAdapter,
    readonly root: XEl,
    readonly body: XEl | undefined,
    readonly elements: XEl[],
    readonly textNodes: XText[],
    readonly byTag: Map<string, XEl[]>,
    readonly scripts: { el: XEl; text: string }[],
    readonly notes: string[],
    /** The page's visible text as one string: an element's text is a slice of it. */
    private readonly all: string,
  ) {}

  attr(x: XEl, name: string): string | undefined {
    return this.adapter.attr(x.el, name);
  }

  text(x: XEl): string {
    const xi = x as XElInternal;
    let t = xi.txt;
    if (t === undefined) {
      t = x.end - x.start > 0 ? collapse(this.all.slice(xi.cs, xi.ce)) : '';
      xi.txt = t;
    }
    return t;
  }

  textExcluding(x: XEl, exclude: XEl[]): string {
    if (!exclude.length) return this.text(x);
    const xi = x as XElInternal;
    const parts: string[] = [];
    let at = x.start;
    let atChar = xi.cs;
    for (const e of exclude) {
      if (e.start < at || e.end > x.end) continue;
      const ei = e as XElInternal;
      parts.push(this.all.slice(atChar, ei.cs), ' ');
      at = e.end;
      atChar = ei.ce;
    }
    parts.push(this.all.slice(atChar, xi.ce));
    return collapse(parts.join(''));
  }

  ownText(x: XEl): string {
    const buf = (x as XElInternal).own;
    return buf ? collapse(buf.length === 1 ? buf[0] : buf.join('')) : '';
  }

  blocks(): XEl[] {
    const out: XEl[] = [];
    for (const x of this.elements) if ((x as XElInternal).own !== undefined) out.push(x);
    return out;
  }

  selector(x: XEl): string {
    // Mirrors cssPath() in rules/page-adapter.ts, memoised over the mirror.
    const xi = x as XElInternal;
    const memo = xi.sel;
    if (memo !== undefined) return memo;
    let s: string;
    const id = xi.idAttr;
    if (id && SIMPLE_ID.test(id)) s = `#${id}`;
    else if (!x.parent || x.tag === 'html') s = x.tag;
    else s = `${this.selector(x.parent)} > ${x.sameTag > 1 ? `${x.tag}:nth-of-type(${x.nth})` : x.tag}`;
    xi.sel = s;
    return s;
  }

  classTokens(x: XEl): string[] {
    const xi = x as XElInternal;
    let c = xi.cls;
    if (!c) {
      const attr = xi.classAttr;
      c = attr ? attr.split(/\s+/).filter(Boolean) : [];
      xi.cls = c;
    }
    return c;
  }
}

export function buildTree(adapter: PageAdapter, limits: TreeLimits = DEFAULT_LIMITS): PageTree {
  const b = new TreeBuilder(adapter);
  const { elements, textNodes, pieces, scripts, notes } = b;
  let textChars = 0;
  let capped = false;

  const root = b.make(adapter.root(), undefined);
  // Documents from htmlparser2 (huge pages) may have no <body>: then everything outside <head> is the body.
  const rootKids = adapter.childNodes(root.el);
  let bodyless = true;
  for (const c of rootKids) if (typeof c !== 'string' && adapter.tag(c) === 'body') bodyless = false;
  if (bodyless) root.inBody = true;
  // The walk's stack as parallel arrays (no frame object per element).
  const stackX: XElInternal[] = [root];
  const stackKids: AdapterNode[][] = [rootKids];
  const stackI: number[] = [0];
  let elementsCapped = false;
  while (stackX.length) {
    const top = stackX.length - 1;
    const px = stackX[top];
    const kids = stackKids[top];
    const i = stackI[top];
    if (i >= kids.length) {
      b.leave(px);
      stackX.pop();
      stackKids.pop();
      stackI.pop();
      continue;
    }
    stackI[top] = i + 1;
    const node = kids[i];
    if (typeof node === 'string') {
      const t: XText = { kind: 'text', data: node, parent: px };
      px.children.push(t);
      if (px.tag === 'script') {
        const last = scripts[scripts.length - 1];
        if (last && last.el === px) last.text += node;
        else if (adapter.attr(px.el, 'src') === undefined) scripts.push({ el: px, text: node });
        continue;
      }
      if (px.hidden) continue;
      textNodes.push(t);
      if (capped) continue;
      if (textChars + node.length > limits.maxTextChars) {
        capped = true;
        notes.push(`页面文本超过 ${limits.maxTextChars} 个字符，其余部分未分析`);
        continue;
      }
      textChars += node.length;
      pieces.push(node);
      b.chars += node.length;
      if (px.inBody) {
        const block = px.block as XElInternal;
        if (block.own) block.own.push(node);
        else block.own = [node];
      }
      continue;
    }
    if (elements.length >= limits.maxElements) {
      if (!elementsCapped) notes.push(`页面元素超过 ${limits.maxElements} 个，其余部分未分析`);
      elementsCapped = true;
      continue;
    }
    const child = b.make(node, px);
    px.children.push(child);
    stackX.push(child);
    stackKids.push(((TAG_FLAGS.get(child.tag) ?? 0) & OPAQUE) !== 0 ? [] : adapter.childNodes(node));
    stackI.push(0);
  }
  const body = bodyless ? root : b.byTag.get('body')?.[0];
  return new Tree(adapter, root, body, elements, textNodes, b.byTag, scripts, notes, pieces.join(''));
}

/** class and id of an element as one lower-case string, for heuristics like /breadcrumb|crumb/. */
export function classAndId(_tree: PageTree, x: XEl): string {
  // Several heuristics scan every element's class and id: read them once per element.
  const xi = x as XElInternal;
  if (xi.ci !== undefined) return xi.ci;
  const cls = xi.classAttr;
  const id = xi.idAttr;
  const ci = cls === undefined && id === undefined ? '' : `${cls ?? ''} ${id ?? ''}`.toLowerCase();
  xi.ci = ci;
  return ci;
}

/** true when the element has a class or an id attribute. */
export function hasClassOrId(x: XEl): boolean {
  return (x as XElInternal).classAttr !== undefined || (x as XElInternal).idAttr !== undefined;
}

/** The element's class attribute (read once). */
export function classAttr(x: XEl): string | undefined {
  return (x as XElInternal).classAttr;
}

/** The element's id attribute (read once). */
export function idAttr(x: XEl): string | undefined {
  return (x as XElInternal).idAttr;
}

/** true when `inner` is a strict descendant of `outer`. */
export function contains(outer: XEl, inner: XEl): boolean {
  return outer.order < inner.order && inner.order <= outer.endOrder;
}

/** Ancestors from the parent upward. */
export function* ancestors(x: XEl): Generator<XEl> {
  for (let p = x.parent; p; p = p.parent) yield p;
}
