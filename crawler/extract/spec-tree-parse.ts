// Parses a page with htmlparser2 (≈3x cheaper than parse5 on the pages of a government site) when that builds the
// very tree the HTML spec's parser builds, and declines otherwise. Browsers (the extension) and parse5 build the
// spec's tree; htmlparser2 builds the tree the tags spell. The two agree on well-formed markup, and on the few
// spec rules applied here afterwards (implied <tbody> and <head>, content after </body> moved into the body, the
// newline after <pre>). Anything else the spec would fix (misnested formatting, foster-parented table content,
// implied cells, …) is detected while parsing and makes this return undefined: the caller then uses parse5.
// test/extract/spec-tree-parse.test.ts compares both trees on the fixtures, the demo site and random tag soup.
import { Parser } from 'htmlparser2';
import { DomHandler, Element, Text, type ChildNode, type Document, type ParentNode } from 'domhandler';

const set = (s: string) => new Set(s.split(' '));
const HEADINGS = set('h1 h2 h3 h4 h5 h6');
/** The spec's "special" elements (HTML namespace). */
const SPECIAL = set(
  'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd ' +
    'details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header ' +
    'hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript ' +
    'object ol p param plaintext pre script search section select source style summary table tbody td template ' +
    'textarea tfoot th thead title tr track ul wbr xmp',
);
/** Closed without their end tag, these stay "active" and are re-opened by the spec in later blocks. */
const FORMATTING = set('a b big code em font i nobr s small strike strong tt u');
/** Elements that bound "has an element in scope". */
const SCOPE = set('applet caption html table td th marquee object template');
/** Start tags that close an open <p> in button scope. (<table> does only in no-quirks mode: declined instead.) */
const CLOSES_P = set(
  'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup ' +
    'main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form plaintext hr xmp li dd dt',
);
/** End tags that pop everything above their element when it is in scope. */
const SCOPED_END = set(
  'address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer header ' +
    'hgroup listing main menu nav ol pre search section summary ul p li dd dt h1 h2 h3 h4 h5 h6 applet marquee object',
);
/** Whose content the spec's tokenizer or tree builder treats differently from htmlparser2 (foreign content, raw
 *  text, frames, ruby, templates): pages with them take parse5. */
const DECLINED = set(
  'math svg image isindex keygen frameset frame plaintext xmp listing noembed noframes rb rt rtc rp template nobr',
);
/** What the head may hold (anything else before <body> implies the body). */
const HEAD_CONTENT = set('base basefont bgsound link meta noscript script style title');
const TABLE_SECTIONS = set('tbody thead tfoot');
const TABLE_CONTEXT = set('table tbody thead tfoot tr td th caption colgroup');
const TABLE_PARTS = set('caption colgroup col tbody thead tfoot tr td th');
const FOSTERING = set('table tbody thead tfoot tr colgroup');
const TABLE_OR_SECTION = set('table tbody thead tfoot');
/** Elements the spec inserts where they are in a table (the rest are foster-parented out of it). */
const IN_TABLE = set('caption colgroup tbody thead tfoot tr script style');
const IN_SECTION = set('tr script style');
const IN_ROW = set('td th script style');
/** Changes how htmlparser2 tokenizes what follows: not allowed inside <noscript>, whose content the spec reads as
 *  raw text. */
const RAW_TEXT_OPENERS = set('script style title textarea iframe noscript');
const BEFORE_BODY_END = set('head title script style noscript');

class Declined extends Error {}

const ANY = -1;

const decline = (): never => {
  throw new Declined();
};

/** Checks every tag against what the spec's tree builder would do with the stack of open elements. */
class CheckingParser extends Parser {
  private seenHtml = false;
  private seenHead = false;
  private seenBody = false;
  /** A <body> start tag came with no <head> before it (the spec implies an empty head). */
  impliedHead = false;

  private openStack(): string[] {
    return (this as unknown as { stack: string[] }).stack;
  }

  private tagName(start: number, endIndex: number): string {
    return (this as unknown as { getSlice(s: number, e: number): string }).getSlice(start, endIndex).toLowerCase();
  }

  override onopentagname(start: number, endIndex: number): void {
    const name = this.tagName(start, endIndex);
    const stack = this.openStack();
    // An iframe's content is raw text to the spec.
    if (stack[0] === 'iframe') decline();
    const expected = this.specCloses(name, stack);
    const depth = stack.length;
    super.onopentagname(start, endIndex);
    // htmlparser2 pops the elements it closes, then pushes the new one unless it is void.
    const closed = depth - stack.length + (this.isVoidElement(name) ? 0 : 1);
    if (expected !== ANY && closed !== expected) decline();
  }

  override onclosetag(start: number, endIndex: number): void {
    const name = this.tagName(start, endIndex);
    if (this.openStack()[0] === 'iframe' && name !== 'iframe') decline();
    this.checkEndTag(name, this.openStack());
    super.onclosetag(start, endIndex);
  }

  /** How many open elements the spec pops before inserting `name` (declines where it does more than pop; ANY where
   *  the tree built does not matter). */
  private specCloses(name: string, stack: string[]): number {
    if (DECLINED.has(name)) decline();
    const inNoscript = stack.indexOf('noscript');
    if (inNoscript !== -1) {
      // Raw text to the spec, and dropped: whatever htmlparser2 closes in there is fine (it never closes the
      // <noscript> itself on a start tag), unless the tag switches htmlparser2's tokenizer.
      if (RAW_TEXT_OPENERS.has(name)) decline();
      return ANY;
    }
    if (name === 'html') {
      if (this.seenHtml || stack.length > 0) decline();
      this.seenHtml = true;
      return 0;
    }
    if (name === 'head') {
      if (this.seenHead || this.seenBody || stack.length !== 1 || stack[0] !== 'html') decline();
      this.seenHead = true;
      return 0;
    }
    if (name === 'body') {
      if (this.seenBody || !this.seenHtml) decline();
      this.seenBody = true;
      if (stack.length === 1 && stack[0] === 'html') {
        if (!this.seenHead) this.impliedHead = true;
        return 0;
      }
      if (stack.length === 2 && stack[0] === 'head') return 1;
      return decline();
    }
    if (!this.seenBody) {
      // Before <body>: only head content, in the head or between </head> and <body> (moved into the head).
      if (!this.seenHead || !HEAD_CONTENT.has(name) || stack.length > 2 || (stack.length === 2 && stack[0] !== 'head')) decline();
      return 0;
    }
    if (stack.includes('select')) {
      if (name === 'option') return stack[0] === 'option' ? 1 : 0;
      if (name === 'optgroup') return stack[0] === 'option' ? (stack[1] === 'optgroup' ? 2 : 1) : stack[0] === 'optgroup' ? 1 : 0;
      if (name === 'hr') return stack[0] === 'option' ? (stack[1] === 'optgroup' ? 2 : 1) : stack[0] === 'optgroup' ? 1 : 0;
      if (name === 'script') return 0;
      return decline();
    }
    if (TABLE_PARTS.has(name)) return tableCloses(name, stack);
    // Straight in a table, section or row the spec foster-parents everything but scripts (and closes the table
    // on a nested <table>).
    if (FOSTERING.has(stack[0]) && name !== 'script' && name !== 'style') decline();
    let closes = 0;
    if (name === 'li' || name === 'dd' || name === 'dt') {
      const same = name === 'li' ? (n: string) => n === 'li' : (n: string) => n === 'dd' || n === 'dt';
      for (let i = 0; i < stack.length; i++) {
        if (same(stack[i])) {
          closes = i + 1;
          break;
        }
        if (SPECIAL.has(stack[i]) && stack[i] !== 'address' && stack[i] !== 'div' && stack[i] !== 'p') break;
      }
    }
    if (name === 'table' || CLOSES_P.has(name)) {
      const p = scopeIndex(stack, 'p', closes, true);
      if (p !== -1 && name === 'table') decline();
      if (p !== -1) closes = p + 1;
    }
    if (HEADINGS.has(name) && closes < stack.length && HEADINGS.has(stack[closes])) closes++;
    // The spec closes an open <a> or <button> (adoption, scope) and ignores a nested <form>.
    if ((name === 'a' || name === 'form' || name === 'button') && stack.includes(name)) decline();
    if ((name === 'option' || name === 'optgroup') && stack[0] === 'option') closes = Math.max(closes, 1);
    // A formatting element popped without its end tag would be re-opened by the spec.
    for (let i = 0; i < closes; i++) if (FORMATTING.has(stack[i])) decline();
    return closes;
  }

  private checkEndTag(name: string, stack: string[]): void {
    // Before the body the spec treats a stray end tag differently (</body>, </br> imply the body).
    if (!this.seenBody && !BEFORE_BODY_END.has(name)) decline();
    const at = stack.indexOf(name);
    const noscript = stack.indexOf('noscript');
    if (noscript !== -1) {
      // Inside <noscript> only its own end tag may close anything outside it.
      if (name !== 'noscript' && (at === -1 || at > noscript)) {
        if (at !== -1 || HEADINGS.has(name) || name === 'p' || name === 'br') decline();
      }
      return;
    }
    if (at === -1) {
      // htmlparser2 ignores it (or, for </p> and </br>, inserts the element as the spec does); the spec closes an
      // open heading on another heading's end tag.
      if (HEADINGS.has(name) && stack.some((n) => HEADINGS.has(n))) decline();
      if (name === 'p' && stack.includes('button')) decline();
      return;
    }
    if (name === 'body') {
      if (at !== 0) decline();
      return;
    }
    if (name === 'html') {
      if (!(at === 0 || (at === 1 && stack[0] === 'body'))) decline();
      return;
    }
    if (name === 'head') {
      if (at !== 0) decline();
      return;
    }
    if (at === 0) return;
    // In a <select> the spec ignores every end tag but its own and its options'.
    if (stack.includes('select') && name !== 'select' && name !== 'option' && name !== 'optgroup') decline();
    const popped = stack.slice(0, at);
    if (FORMATTING.has(name) || popped.some((n) => FORMATTING.has(n))) decline();
    if (SCOPED_END.has(name)) {
      const bounds = name === 'p' ? (n: string) => SCOPE.has(n) || n === 'button' : name === 'li' ? (n: string) => SCOPE.has(n) || n === 'ol' || n === 'ul' : (n: string) => SCOPE.has(n);
      if (popped.some(bounds)) decline();
      if (HEADINGS.has(name) && popped.some((n) => HEADINGS.has(n))) decline();
      return;
    }
    if (TABLE_CONTEXT.has(name)) {
      if (popped.some((n) => n === 'table' || n === 'caption' || n === 'colgroup' || (SCOPE.has(n) && n !== 'td' && n !== 'th'))) decline();
      return;
    }
    if (name === 'select') return;
    if (name === 'noscript') return;
    if (name === 'optgroup' && popped.length === 1 && popped[0] === 'option') return;
    // Any other end tag: the spec pops to it only through non-special elements.
    if (SPECIAL.has(name) || popped.some((n) => SPECIAL.has(n))) decline();
  }
}

function firstIndex(stack: string[], names: Set<string>): number {
  for (let i = 0; i < stack.length; i++) if (names.has(stack[i])) return i;
  return -1;
}

/** Index of `name` in the stack (from `from`) when in (button) scope, else -1. */
function scopeIndex(stack: string[], name: string, from: number, button: boolean): number {
  for (let i = from; i < stack.length; i++) {
    if (stack[i] === name) return i;
    if (SCOPE.has(stack[i]) || (button && stack[i] === 'button')) return -1;
  }
  return -1;
}

/** Pops the spec makes for a table part's start tag; declines where it would insert elements (a cell outside a
 *  row, a part outside a table) or close a table. */
function tableCloses(name: string, stack: string[]): number {
  const ctx = firstIndex(stack, TABLE_CONTEXT);
  if (ctx === -1) decline();
  const above = stack.slice(0, ctx);
  if (above.some((n) => FORMATTING.has(n))) decline();
  if (name === 'col') {
    if (ctx !== 0 || stack[0] !== 'colgroup') decline();
    return 0;
  }
  if (stack[ctx] === 'caption' || stack[ctx] === 'colgroup') decline();
  if (name === 'td' || name === 'th') {
    // Closes an open cell, down to its row; a cell straight in a table or section gets an implied row: declined.
    const row = stack.indexOf('tr');
    const table = firstIndex(stack, TABLE_OR_SECTION);
    if (row === -1 || (table !== -1 && table < row)) decline();
    return row;
  }
  if (name === 'tr') {
    const section = firstIndex(stack, TABLE_OR_SECTION);
    if (section === -1) decline();
    if (stack.slice(0, section).some((n) => n === 'caption' || n === 'colgroup')) decline();
    return section;
  }
  // tbody, thead, tfoot, caption, colgroup: back to the table.
  const table = stack.indexOf('table');
  if (table === -1) decline();
  if (stack.slice(0, table).some((n) => n === 'caption' || n === 'colgroup')) decline();
  return table;
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const isBlankText = (n: ChildNode): boolean => n.type === 'text' && !/[^\t\n\f\r ]/.test((n as Text).data);
const isText = (n: ChildNode): n is Text => n.type === 'text';

function setParent(nodes: ChildNode[], parent: ParentNode): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    n.parent = parent;
    n.prev = i > 0 ? nodes[i - 1] : null;
    n.next = i < nodes.length - 1 ? nodes[i + 1] : null;
  }
}

/** Appends nodes to an element as the spec's tree builder would: text next to text merges into one node. */
function appendAll(parent: Element, nodes: ChildNode[]): void {
  const kids = parent.children;
  for (const n of nodes) {
    const last = kids[kids.length - 1];
    if (isText(n) && last && isText(last)) last.data += n.data;
    else kids.push(n);
  }
  setParent(kids, parent);
}

/** Applies the spec rules htmlparser2 does not know, and checks what the parse could not see (text placement). */
function fixUp(doc: Document, impliedHead: boolean): void {
  const html = doc.children.find((n): n is Element => isElement(n) && n.name === 'html');
  if (!html) return decline();
  // Outside <html>: the doctype and comments stay, blank text before it is dropped, anything after it goes into
  // the body (as after </body>).
  const htmlAt = doc.children.indexOf(html);
  const docKids: ChildNode[] = [];
  const afterHtml: ChildNode[] = [];
  doc.children.forEach((n, i) => {
    if (n === html || n.type === 'comment' || n.type === 'directive') docKids.push(n);
    else if (i > htmlAt) afterHtml.push(n);
    else if (!isBlankText(n)) decline();
  });
  let head: Element | undefined = impliedHead ? new Element('head', {}) : undefined;
  let body: Element | undefined;
  const htmlKids: ChildNode[] = head ? [head] : [];
  const toHead: ChildNode[] = [];
  const afterBody: ChildNode[] = [];
  for (const n of html.children) {
    if (n.type === 'comment') htmlKids.push(n);
    else if (body) afterBody.push(n);
    else if (isElement(n) && n.name === 'head' && !head) htmlKids.push((head = n));
    else if (isElement(n) && n.name === 'body') htmlKids.push((body = n));
    else if (isBlankText(n)) {
      // Dropped before the head; kept in <html> between </head> and <body>.
      if (head && !impliedHead) {
        // Text either side of head content moved into the head becomes one node, as the spec inserts it.
        const last = htmlKids[htmlKids.length - 1];
        if (last && isText(last)) last.data += (n as Text).data;
        else htmlKids.push(n);
      }
    } else if (head && !impliedHead && isElement(n) && HEAD_CONTENT.has(n.name)) toHead.push(n);
    else decline();
  }
  if (!body || !head) return decline();
  html.children = htmlKids;
  setParent(htmlKids, html);
  if (toHead.length) appendAll(head, toHead);
  doc.children = docKids;
  setParent(docKids, doc);
  const moved = [...afterBody, ...afterHtml];
  if (moved.length) appendAll(body, moved);
  checkHead(head);
  walk(body);
}

function checkHead(head: Element): void {
  for (const n of head.children) {
    if (isText(n) && !isBlankText(n)) decline();
    if (isElement(n) && !HEAD_CONTENT.has(n.name)) decline();
    if (isElement(n) && n.name === 'noscript') n.children = [];
  }
}

/** Checks table content, inserts implied <tbody>, drops the newline after <pre>/<textarea>, empties <noscript>. */
function walk(root: Element): void {
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const name = el.name;
    if (name === 'noscript') {
      // Raw text to the spec and opaque to both adapters: its content is no part of the page.
      el.children = [];
      continue;
    }
    if (name === 'iframe' && el.children.length > 0) decline();
    if ((name === 'pre' || name === 'textarea') && el.children[0] && isText(el.children[0])) {
      const first = el.children[0];
      if (first.data.startsWith('\n')) {
        first.data = first.data.slice(1);
        if (!first.data) {
          el.children.shift();
          setParent(el.children, el);
        }
      }
    }
    if (name === 'table') wrapRows(el);
    const allowed = name === 'table' ? IN_TABLE : TABLE_SECTIONS.has(name) ? IN_SECTION : name === 'tr' ? IN_ROW : undefined;
    for (const c of el.children) {
      if (allowed) {
        if (isText(c) && !isBlankText(c)) decline();
        if (isElement(c) && !allowed.has(c.name)) decline();
      }
      if (isElement(c)) stack.push(c);
    }
  }
}

/** Rows straight in a table get the spec's implied <tbody>: from the first row to the next table part. */
function wrapRows(table: Element): void {
  const kids = table.children;
  const first = kids.findIndex((n) => isElement(n) && n.name === 'tr');
  if (first === -1) return;
  let end = first + 1;
  while (end < kids.length) {
    const n = kids[end];
    if (isElement(n) && (TABLE_SECTIONS.has(n.name) || n.name === 'caption' || n.name === 'colgroup')) break;
    end++;
  }
  const rows = kids.slice(first, end);
  const tbody = new Element('tbody', {}, rows);
  setParent(rows, tbody);
  table.children = [...kids.slice(0, first), tbody, ...kids.slice(end)];
  setParent(table.children, table);
  // More rows after another part would need a second tbody: rare enough to leave to parse5.
  if (table.children.slice(first + 1).some((n) => isElement(n) && n.name === 'tr')) decline();
}

/** The spec's tree for `html` built by htmlparser2, or undefined when parse5 is needed for it. */
export function parseSpecTree(html: string): Document | undefined {
  if (html.includes('\0')) return undefined;
  // The spec's input stream turns CR and CRLF into LF before tokenizing.
  const input = html.includes('\r') ? html.replace(/\r\n?/g, '\n') : html;
  const handler = new DomHandler(undefined, { withStartIndices: false, withEndIndices: false });
  const parser = new CheckingParser(handler, { decodeEntities: true });
  try {
    parser.end(input);
    fixUp(handler.root, parser.impliedHead);
    return handler.root;
  } catch {
    // Declined, or htmlparser2's internals changed under the checks: parse5 is always right.
    return undefined;
  }
}
