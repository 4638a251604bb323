// How the crawler parses a page: very deep nesting flattened first (both parsers are quadratic in depth), then
// htmlparser2 where it builds the browser's tree (spec-tree-parse.ts), parse5 otherwise.
import type { CheerioAPI } from 'cheerio';
import { cheerio } from './lazy-cheerio.js';
import type { Document } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { parseSpecTree } from './spec-tree-parse.js';

/** Pages above this size that the spec-tree parse declines are parsed by htmlparser2 all the same (several times
 *  faster than parse5 on megabytes of text), at the cost of selectors that may differ from the browser's. */
const FAST_PARSE_CHARS = 1_000_000;

/** A page's document as the crawler parses it: nesting past MAX_NESTING flattened, then the spec's tree. */
export function parsePage(html: string): { doc: Document; flattened: boolean } {
  const flat = flattenDeepNesting(html);
  return { doc: parseFlat(flat.html), flattened: flat.flattened };
}

export function parseHtml(html: string): CheerioAPI {
  return cheerio().load(parsePage(html).doc);
}

/** Parse HTML already flattened: htmlparser2 where it builds the browser's tree (spec-tree-parse.ts), else parse5,
 *  so that selectors and records match the extension's live DOM. */
function parseFlat(html: string): Document {
  const doc = parseSpecTree(html);
  if (doc) return doc;
  if (html.length > FAST_PARSE_CHARS) return parseDocument(html, { decodeEntities: true });
  return cheerio().load(html).root()[0] as unknown as Document;
}

/** Deeper than this, element tags are dropped (their text and links kept): both parse5 and htmlparser2 take time
 *  quadratic in nesting depth (100,000 levels: tens of seconds), and no real page nests a thousand levels. */
export const MAX_NESTING = 1000;
/** Neither counted nor dropped: void elements, elements whose end tag may be omitted (a list of 2,000 unclosed
 *  <li> is not 2,000 levels deep), and links (a link deep inside is still a link to check). */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', '!doctype',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'option', 'optgroup', 'rt', 'rp',
  'a', 'iframe',
]);
/** Raw-text elements: their content is skipped (a `<` in a script is not a tag). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
const TAG = /<(\/?)([a-zA-Z!][\w:-]*)[^>]*?(\/?)>/g;

export function flattenDeepNesting(html: string, maxDepth = MAX_NESTING): { html: string; flattened: boolean } {
  // Cheap exit: a page with fewer tags than the cap cannot nest deeper than it.
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return { html, flattened: false };
  let depth = 0;
  let flattened = false;
  const parts: string[] = [];
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2].toLowerCase();
    if (m[1] !== '/' && RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = TAG.lastIndex;
      if (!end.exec(html)) break;
      TAG.lastIndex = end.lastIndex - name.length - 2;
      continue;
    }
    if (NOT_NESTING.has(name) || m[3] === '/') continue;
    if (m[1] === '/') {
      if (depth > maxDepth) {
        parts.push(html.slice(last, m.index));
        last = m.index + m[0].length;
        flattened = true;
      }
      depth = Math.max(0, depth - 1);
    } else {
      depth++;
      if (depth > maxDepth) {
        parts.push(html.slice(last, m.index));
        last = m.index + m[0].length;
        flattened = true;
      }
    }
  }
  if (!flattened) return { html, flattened };
  parts.push(html.slice(last));
  return { html: parts.join(''), flattened };
}

