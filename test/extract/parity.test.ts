// The extension builds records from the live DOM, the crawler from cheerio: they must be identical.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawler/extract/extract-page.js';
import { buildTree } from '../../crawler/extract/tree.js';
import { pageRecordSchema } from '../../crawler/page-record.js';
import { cssPath, type AdapterNode, type PageAdapter } from '../../rules/page-adapter.js';
import { cheerioAdapterFor, domAdapterFor, specDomAdapterFor } from './dom-helpers.js';
import { ALL_FIXTURES, SITE } from './fixtures.js';

function dump(a: PageAdapter, el: object): unknown {
  return [a.tag(el), a.attr(el, 'id') ?? null, a.childNodes(el).map((c: AdapterNode) => (typeof c === 'string' ? c : dump(a, c)))];
}

// happy-dom's own parser departs from the HTML spec on malformed input (an unclosed <title>, stray '<' in binary),
// where Chromium and parse5 (cheerio) follow it. For those fixtures the DOM side gets the spec tree, copied.
const MALFORMED = new Set(['brokenHtml', 'binaryGarbage']);

describe('cheerio and DOM adapters agree', () => {
  for (const [name, fx] of Object.entries(ALL_FIXTURES)) {
    it(`${name}: same tree, textContent, queryAll and record`, async () => {
      const c = cheerioAdapterFor(fx.html, fx.url);
      const { adapter: d, close } = (MALFORMED.has(name) ? specDomAdapterFor : domAdapterFor)(fx.html, fx.url);
      try {
        expect(dump(d, d.root())).toEqual(dump(c, c.root()));
        expect(d.textContent(d.root())).toBe(c.textContent(c.root()));
        for (const sel of ['a', 'td', 'li > span', 'div.item', '[href]', 'p:not(.line)']) {
          expect(d.queryAll(sel).map((e) => cssPath(d, e))).toEqual(c.queryAll(sel).map((e) => cssPath(c, e)));
        }
        const info = { url: fx.url, status: 200, siteUrl: SITE };
        const rc = extractPage(c, info);
        const rd = extractPage(d, info);
        expect(rd).toEqual(rc);
        // The record is valid against the contract, and parsing it changes nothing (defaults all filled).
        expect(pageRecordSchema.parse(rc)).toEqual(rc);
      } finally {
        await close();
      }
    });
  }

  it('memoised selectors equal cssPath() for every element', () => {
    for (const fx of Object.values(ALL_FIXTURES)) {
      const c = cheerioAdapterFor(fx.html, fx.url);
      const tree = buildTree(c);
      for (const x of tree.elements) expect(tree.selector(x)).toBe(cssPath(c, x.el));
    }
  });
});
