// Hanweb (大汉) column pages ship their list as data inside `<script type="text/xml"><datastore><recordset>
// <record><![CDATA[<li><a href=...>title</a><span>2022-03-15</span></li>]]></record>...`, rendered by the jpage
// script in the browser. Without running scripts, the entries are read from the records.
import type { ListEntry } from '../page-record.js';
import { classifyHref, normalizeUrl } from '../url/normalize.js';
import { findFirstDate } from './dates.js';
import { collapse, type PageTree } from './tree.js';

const RECORD = /<record>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([\s\S]*?))\s*<\/record>/gi;
const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attrOf(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

const stripTags = (html: string) => collapse(decodeEntities(html.replace(/<[^>]*>/g, ' ')));

export function extractDatastoreEntries(tree: PageTree, baseUrl: string, dropParams?: string[]): ListEntry[] {
  const out: ListEntry[] = [];
  for (const script of tree.scripts) {
    if (!/<datastore|<recordset/i.test(script.text)) continue;
    const selector = tree.selector(script.el);
    RECORD.lastIndex = 0;
    for (let m = RECORD.exec(script.text); m; m = RECORD.exec(script.text)) {
      const html = m[1] ?? m[2] ?? '';
      const a = ANCHOR.exec(html);
      if (!a) continue;
      const href = attrOf(a[1], 'href');
      if (href === undefined || classifyHref(href) !== 'request') continue;
      const url = normalizeUrl(href, baseUrl, { dropParams });
      if (!url) continue;
      const text = stripTags(a[2]);
      const titleAttr = collapse(attrOf(a[1], 'title') ?? '');
      const title = titleAttr && (!text || /(?:\.\.\.|…)$/.test(text)) ? titleAttr : text || titleAttr;
      if (!title) continue;
      const outside = stripTags(html.slice(0, a.index) + ' ' + html.slice(a.index + a[0].length));
      const date = findFirstDate(outside)?.date;
      const entry: ListEntry = { title, url, selector };
      if (date) entry.date = date;
      out.push(entry);
    }
  }
  return out;
}
